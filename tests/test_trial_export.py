"""Registered trials as CSV and JSON Lines: the same formula guard as the papers' CSV, and
JSON Lines rows that are exactly the trial's one JSON shape."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from withdrawal_lit.export.pubmed_csv import FORMULA_TRIGGERS
from withdrawal_lit.trial_export import write
from withdrawal_lit.trial_view import TrialView
from withdrawal_lit.trials import Trial


def view(title: str) -> TrialView:
    return TrialView.build(Trial("NCT00000001", brief_title=title), [], today=date(2026, 1, 1))


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_a_title_a_spreadsheet_would_run_is_text(trigger):
    out = io.StringIO(newline="")
    assert write("csv", [view(f"{trigger}HYPERLINK(1)")], out) == 1
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert row["Title"] == f"'{trigger}HYPERLINK(1)"


def test_jsonl_rows_are_the_one_shape():
    views = [view("Melatonin for withdrawal"), view("Kratom")]
    out = io.StringIO()
    assert write("jsonl", views, out) == 2
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        v.to_json() for v in views
    ]
