"""Registered trials as CSV or JSON Lines (pure: writes to the stream it is given).

JSON Lines rows are exactly ``TrialView.to_json()`` (the one JSON shape, see the README), one
trial per line, each once however many questions found it. CSV flattens the same shape: one
column per scalar, lists joined with "; ". Cells a spreadsheet would run as formulas start
with a quote ('), as in the papers' CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from withdrawal_lit.export.jsonl import write_jsonl
from withdrawal_lit.export.pubmed_csv import EXCEL_BOM, neutralise
from withdrawal_lit.trial_view import TrialView

TRIAL_FORMATS = ("csv", "jsonl")
CSV_COLUMNS = (
    "NCT ID", "Title", "Status", "Last Known Status", "Phases", "Study Type", "Enrollment",
    "Enrollment Type", "Start", "Primary Completion", "Primary Completion Type", "Completion",
    "First Posted", "Results First Posted", "Last Update Posted", "Has Results", "Conditions",
    "Interventions", "Primary Outcomes", "Sponsor", "Result PMIDs", "Linked PMIDs",
    "Questions", "Unreported", "Unreported Reason", "URL",
)  # fmt: skip


def csv_row(view: TrialView) -> list:
    d = view.to_json()
    dates = d["dates"]
    unreported = d["unreported"] or {}
    return [
        d["nct_id"], d["title"], d["status"], d["last_known_status"], "; ".join(d["phases"]),
        d["study_type"], d["enrollment"]["count"], d["enrollment"]["type"], dates["start"],
        dates["primary_completion"], dates["primary_completion_type"], dates["completion"],
        dates["first_posted"], dates["results_first_posted"], dates["last_update_posted"],
        "yes" if d["has_results"] else "no", "; ".join(d["conditions"]),
        "; ".join(f"{i['type'] or ''}: {i['name']}".lstrip(": ") for i in d["interventions"]),
        "; ".join(o["measure"] for o in d["primary_outcomes"]), d["sponsor"],
        "; ".join(view.trial.report_pmids), "; ".join(view.linked_pmids),
        "; ".join(d["questions"]), "yes" if unreported.get("flag") else "no",
        unreported.get("reason"), d["url"],
    ]  # fmt: skip


def _cell(value) -> object:
    if isinstance(value, str):
        return neutralise(value)
    return "" if value is None else value


def write_csv(views: Iterable[TrialView], out: TextIO, *, excel: bool = False) -> int:
    if excel:
        out.write(EXCEL_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for view in views:
        writer.writerow([_cell(v) for v in csv_row(view)])
        n += 1
    return n


def write(fmt: str, views: Iterable[TrialView], out: TextIO, *, excel: bool = False) -> int:
    if fmt == "csv":
        return write_csv(views, out, excel=excel)
    return write_jsonl(views, out)
