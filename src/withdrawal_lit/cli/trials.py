"""Registered trials in the terminal: each question's trials section, one trial, its links
and changes, and the trials export, rendered from what ``services.trials``, ``services.show``
and ``services.export`` return.

The services decide when ClinicalTrials.gov is asked (only for stale or never-fetched
questions, never with --offline) and report, per question, why trials are ``missing``.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from withdrawal_lit.cli.export_cmds import to_stdout
from withdrawal_lit.cli.render import print_json
from withdrawal_lit.errors import InputError
from withdrawal_lit.services.trials import QuestionTrials
from withdrawal_lit.trials import normalise_nct

STATUS_STYLE = {
    "RECRUITING": "green",
    "NOT_YET_RECRUITING": "cyan",
    "ACTIVE_NOT_RECRUITING": "cyan",
    "ENROLLING_BY_INVITATION": "green",
    "COMPLETED": "bold",
    "TERMINATED": "red",
    "WITHDRAWN": "red",
    "SUSPENDED": "yellow",
    "UNKNOWN": "dim",
}


def section_rows(section: QuestionTrials) -> list[dict]:
    """A question's trials as `search --json` rows (after its papers): the first --limit, and
    every unreported one."""
    name = section.query.name
    shown = {view.trial.nct_id for view in section.views}
    views = section.views + [v for v in section.unreported if v.trial.nct_id not in shown]
    rows = [{"record": "trial", "query": name, **view.to_json()} for view in views]
    if section.missing:
        rows.append({"record": "trials-missing", "query": name, "reason": section.missing})
    return rows


def render_section(console: Console, section: QuestionTrials) -> None:
    head = Text(f"  Registered trials (ClinicalTrials.gov): {section.total}", style="bold")
    if section.state and section.state.last_success_at:
        head.append(f" · updated {section.state.last_success_at[:10]}", style="dim")
    console.print(head)
    if section.missing:
        console.print(f"  trials missing: {escape(section.missing)}", style="yellow")
    if not section.views:
        console.print()
        return
    table = Table(expand=True, pad_edge=False, show_lines=False)
    table.add_column("NCT", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Phase", no_wrap=True)
    table.add_column("N", justify="right", no_wrap=True)
    table.add_column("Start → primary completion", no_wrap=True)
    table.add_column("Results", no_wrap=True)
    table.add_column("Trial · linked PMIDs", ratio=1)
    for view in section.views:
        t = view.trial
        cell = Text(t.brief_title or "(no title)")
        if view.linked_pmids:
            cell.append("\nPMIDs: " + ", ".join(view.linked_pmids), style="dim")
        if view.unreported:
            cell.append(f"\n{view.verdict.reason}", style="red")
        table.add_row(
            t.nct_id,
            Text(t.status or "?", style=STATUS_STYLE.get(t.status or "", "")),
            t.phase_label or "—",
            enrollment(t),
            f"{t.start_date or '?'} → {t.primary_completion_date or '?'}",
            "posted" if t.has_results else "none",
            cell,
        )
    console.print(table)
    if section.more:
        hidden = {v.trial.nct_id for v in section.unreported} - {
            v.trial.nct_id for v in section.views
        }
        note = f"  … and {section.more} more (newest start first; `withdrawal-lit export "
        note += f"--trials {section.query.name}` lists them all)"
        if hidden:
            note += f"; of those, no results reported: {', '.join(sorted(hidden))}"
        console.print(note, style="dim", markup=False)
    console.print()


def enrollment(trial) -> str:
    if trial.enrollment is None:
        return "?"
    kind = {"ESTIMATED": " est.", "ACTUAL": ""}.get(trial.enrollment_type or "", "")
    return f"{trial.enrollment}{kind}"


def render_trial(console: Console, view) -> None:
    """`show NCT...`: the trial in full and its papers."""
    t = view.trial
    console.print(Text(f"{t.nct_id}  {t.brief_title}", style="bold"))
    if t.official_title and t.official_title != t.brief_title:
        console.print(escape(t.official_title), style="dim")
    status = t.status or "?"
    if t.last_known_status:
        status += f" (last known: {t.last_known_status})"
    lines = [
        ("Status", status + (f" — {t.why_stopped}" if t.why_stopped else "")),
        ("Type / phase", f"{t.study_type or '?'} / {t.phase_label or '—'}"),
        ("Enrollment", enrollment(t)),
        ("Start", _dated(t.start_date, t.start_date_type)),
        ("Primary completion", _dated(t.primary_completion_date, t.primary_completion_date_type)),
        ("Completion", _dated(t.completion_date, t.completion_date_type)),
        ("Last update posted", t.last_update_posted or "?"),
        ("Results", f"posted {t.results_first_posted or ''}".strip() if t.has_results else "none"),
        ("Sponsor", t.sponsor or "?"),
        ("Conditions", "; ".join(t.conditions) or "—"),
        (
            "Interventions",
            "; ".join(f"{i.type or ''}: {i.name}".lstrip(": ") for i in t.interventions) or "—",
        ),  # fmt: skip
        ("Arms", "; ".join(f"{a.label} ({a.type or '?'})" for a in t.arms) or "—"),
        ("Primary outcomes", "; ".join(o.measure for o in t.primary_outcomes) or "—"),
        ("Questions", ", ".join(view.questions) or "—"),
        ("Flag", view.verdict.reason if view.verdict else "—"),
        ("URL", t.url),
    ]
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in lines:
        table.add_row(
            label, Text(value, style="red" if label == "Flag" and view.unreported else "")
        )
    console.print(table)
    render_links(console, view.links)


def render_links(console: Console, links) -> None:
    if not links:
        console.print("Papers: none linked (no RESULT/DERIVED reference, no PubMed record "
                      "naming it in the cache)", style="dim")  # fmt: skip
        return
    console.print(Text("Papers:", style="bold"))
    for link in links:
        cached = "" if link.cached else " (not cached: `withdrawal-lit show` fetches it)"
        console.print(f"  PMID {link.pmid} — {link.source}{cached}")


def render_registrations(console: Console, registrations: list[dict]) -> None:
    """Under `show PMID`: the trials the paper is linked to."""
    if not registrations:
        return
    console.print(Text("Registrations:", style="bold"))
    for reg in registrations:
        what = f" {reg['status']}: {reg['title']}" if reg["title"] else ""
        console.print(f"  {reg['nct_id']} ({', '.join(reg['sources'])}){escape(what)}")


def show_trial(app, text: str, *, offline: bool, as_json: bool) -> None:
    """`show NCT...`: from the cache, else (online) from the register, then saved."""
    from withdrawal_lit.services.show import show_trial as load

    nct = normalise_nct(text)
    if nct is None:
        raise InputError(f"{text!r} is not an NCT number", "give e.g. NCT01234567 (8 digits)")
    view = load(app.settings, nct, offline=offline)
    if as_json:
        print_json(sys.stdout, view.to_json())
        return
    render_trial(app.out, view)


def render_changes(console: Console, changes: list[dict], *, period: str) -> None:
    """New registered trials and status changes, grouped by question."""
    if not changes:
        return
    console.print(Text(f"Registered trials: changes {period}", style="bold"))
    query = None
    for change in changes:
        if change["query"] != query:
            query = change["query"]
            console.print(Text(f"  {query}", style="bold cyan"))
        line = Text(f"    {change['nct_id']}  ")
        line.append(change["description"], style="green" if change["change"] == "new" else "yellow")
        line.append(f"  {change['title'] or ''}")
        console.print(line)
    console.print()


def export_trials(app, chosen, *, fmt: str, output, excel: bool) -> None:
    """`export --trials` (the output path and the cache already checked): every cached trial
    of the questions, CSV or JSON Lines, to ``output`` (replaced atomically) or stdout."""
    from withdrawal_lit.services.export import export_trials as run_export

    to_file = output is not None
    n = run_export(app.settings, chosen, fmt=fmt, output=output, excel=excel, stdout=to_stdout)
    if n == 0:
        app.err.print(
            "warning: no cached trials for these questions; the export is empty "
            "(`withdrawal-lit refresh` fetches them)",
            style="yellow",
            markup=False,
        )
    if to_file:
        app.err.print(f"Wrote {n} trial{'s' if n != 1 else ''} ({fmt}) to {output}", markup=False)


def _dated(value: str | None, kind: str | None) -> str:
    if not value:
        return "?"
    return f"{value} ({kind.lower()})" if kind else value
