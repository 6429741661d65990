"""The unreported-trial flag: a table of trials, each verdict with its exact reason."""

from __future__ import annotations

from datetime import date

import pytest

from withdrawal_lit.trials import Trial
from withdrawal_lit.unreported import assess, last_day, months_between

TODAY = date(2026, 12, 6)


def _trial(**values):
    base = {
        "nct_id": "NCT01234567",
        "status": "COMPLETED",
        "primary_completion_date": "2024-06-30",
        "primary_completion_date_type": "ACTUAL",
    }
    return Trial(**{**base, **values})


CASES = [
    # (trial fields, linked pmids, flagged, words in the reason)
    ({}, (), True, ["no results reported", "COMPLETED", "primary completion 2024-06-30 (ACTUAL)",
                   "29 months before 2026-12-06", "no results posted", "no linked paper"]),
    ({"status": "TERMINATED"}, (), True, ["TERMINATED"]),
    ({"status": "RECRUITING"}, (), False, ["status RECRUITING"]),
    ({"status": "UNKNOWN"}, (), False, ["status UNKNOWN"]),
    ({"status": None}, (), False, ["no status"]),
    ({"primary_completion_date": "2026-01-15"}, (), False, ["10 months", "under 12 months"]),
    ({"primary_completion_date": "2025-12-06"}, (), True, ["12 months before"]),
    ({"primary_completion_date": "2025-12"}, (), False, ["2025-12", "under 12 months"]),
    ({"primary_completion_date": "2024"}, (), True, ["primary completion 2024 (ACTUAL)"]),
    ({"primary_completion_date": None}, (), False, ["no primary completion date"]),
    ({"primary_completion_date": "2030-01-01"}, (), False, ["under 12 months"]),
    ({"has_results": True, "results_first_posted": "2025-02-01"}, (), False,
     ["results posted on 2025-02-01"]),
    ({}, ("31234567",), False, ["linked to PMID 31234567"]),
    ({"primary_completion_date_type": None}, (), True, ["primary completion 2024-06-30,"]),
]  # fmt: skip


@pytest.mark.parametrize(("values", "links", "flagged", "words"), CASES)
def test_unreported_flag_table(values, links, flagged, words):
    verdict = assess(_trial(**values), links, TODAY)
    assert verdict.flagged is flagged
    for word in words:
        assert word in verdict.reason
    assert verdict.to_json()["flag"] == ("no results reported" if flagged else None)


@pytest.mark.parametrize(
    ("text", "day"),
    [("2021", date(2021, 12, 31)), ("2024-02", date(2024, 2, 29)),
     ("2021-06-15", date(2021, 6, 15)), ("2021-13", None), ("soon", None)],
)  # fmt: skip
def test_partial_dates_count_as_their_last_day(text, day):
    assert last_day(text) == day


def test_months_between():
    assert months_between(date(2024, 6, 30), date(2026, 12, 6)) == 29
    assert months_between(date(2026, 12, 6), date(2024, 1, 1)) == 0
