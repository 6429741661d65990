"""Which registered trials never reported results (pure: no I/O, today is passed in).

The rule: a trial whose overall status is COMPLETED or TERMINATED, whose primary completion
date is more than 12 months before today, with no results posted on the register and no
linked paper (no RESULT/DERIVED reference in the register, no PubMed record naming it in its
DataBankList or abstract), is flagged "no results reported". Every verdict, flagged or not,
says exactly why, with the dates, the results flag and the links it found.

A partial date ("2021" or "2021-06") counts as its last day, so a trial is never flagged
earlier than its record allows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from withdrawal_lit.trials import Trial

FLAG = "no results reported"
ENDED = ("COMPLETED", "TERMINATED")
GRACE_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Verdict:
    flagged: bool
    reason: str

    def to_json(self) -> dict:
        return {"flag": FLAG if self.flagged else None, "reason": self.reason}


def last_day(partial: str) -> date | None:
    """'2021' -> 2021-12-31, '2021-06' -> 2021-06-30, '2021-06-15' -> itself; None if bad."""
    try:
        parts = [int(p) for p in partial.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (0 when later is not later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def assess(trial: Trial, linked_pmids: tuple[str, ...] | list[str], today: date) -> Verdict:
    """The verdict on one trial, given every PMID linked to it (from any source)."""
    status = trial.status or "no status"
    if trial.status not in ENDED:
        return Verdict(
            False,
            f"not flagged: status {status} (only completed or terminated trials are due to report)",
        )
    if not trial.primary_completion_date:
        return Verdict(False, f"not flagged: {status} but no primary completion date")
    ended = last_day(trial.primary_completion_date)
    if ended is None:
        return Verdict(
            False,
            f"not flagged: primary completion date {trial.primary_completion_date!r} is not a date",
        )
    kind = f" ({trial.primary_completion_date_type})" if trial.primary_completion_date_type else ""
    months = months_between(ended, today)
    when = (
        f"primary completion {trial.primary_completion_date}{kind}, {months} months "
        f"before {today.isoformat()}"
    )
    if months < GRACE_MONTHS or ended >= today:
        return Verdict(False, f"not flagged: {status}; {when} (under {GRACE_MONTHS} months)")
    if trial.has_results:
        posted = f" on {trial.results_first_posted}" if trial.results_first_posted else ""
        return Verdict(False, f"not flagged: {status}; {when}; results posted{posted}")
    if linked_pmids:
        shown = ", ".join(f"PMID {p}" for p in list(linked_pmids)[:5])
        return Verdict(
            False, f"not flagged: {status}; {when}; no results posted, but linked to {shown}"
        )
    return Verdict(
        True,
        f"{FLAG}: {status}; {when}; no results posted on ClinicalTrials.gov; "
        "no linked paper (no RESULT or DERIVED reference in the register, no cached "
        f"PubMed record naming {trial.nct_id})",
    )
