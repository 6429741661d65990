"""Rich rendering of results for the terminal (colour only on a TTY, never with NO_COLOR)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from withdrawal_lit.query_files import ADHOC_PREFIX

DESIGN_STYLE = {1: "bold green", 2: "green", 3: "yellow", 4: "dark_orange", 5: "magenta"}


def print_json(console_file, payload) -> None:
    json.dump(payload, console_file, ensure_ascii=False, indent=2)
    console_file.write("\n")


def design_tag(assessment) -> Text:
    level = assessment.design.level
    text = Text(assessment.design.label, style=DESIGN_STYLE.get(level, "dim"))
    text.append(f"\nL{level}", style="dim")
    if assessment.population not in ("human", "unknown"):
        text.append(f" {assessment.population}", style="dim")
    return text


def flags(assessment) -> Text:
    text = Text()
    if assessment.retracted:
        text.append("RETRACTED ", style="bold white on red")
    if assessment.expression_of_concern:
        text.append("EXPRESSION OF CONCERN ", style="bold red")
    if assessment.has_erratum:
        text.append("erratum ", style="yellow")
    return text


def pmid_link(pmid: str) -> Text:
    return Text(pmid, style=f"link https://pubmed.ncbi.nlm.nih.gov/{pmid}/")


def paper_cell(item, explain: bool) -> Text:
    a, d = item.article, item.assessment
    text = flags(d) if not a.title.upper().startswith("RETRACTED") else Text()
    text.append(a.title or "(no title)", style="bold red" if d.retracted else "bold")
    venue = a.journal_iso or a.journal
    if venue:
        text.append(f"\n{venue}", style="dim")
    if d.sample_size:
        text.append(f" · n={d.sample_size}", style="dim")
    style = "italic" if item.summary.source != "none" else "dim italic"
    text.append(f"\n{item.summary.text}", style=style)
    if explain:
        parts = "  ".join(f"{k} {v:.3f}" for k, v in item.score_components.items())
        text.append(f"\nscore {item.score:.3f} = {parts}", style="cyan")
        if item.explain:
            text.append(f"\nroles: {item.explain}", style="cyan")
    return text


def query_header(result) -> Text:
    q = result.query
    head = Text(q.name, style="bold cyan")
    head.append(f" — {q.title}")
    shown = len(result.items)
    bits = [f"{shown} of {result.total} cached"]
    if result.count is not None:
        bits.append(f"PubMed count {result.count}")
    if result.last_success_at:
        bits.append(f"updated {result.last_success_at[:10]}")
    bits.append("fresh from PubMed" if result.source == "pubmed" else "from the cache")
    head.append("\n" + " · ".join(bits), style="dim")
    return head


def ncbi_notes(warnings, shown: int = 4) -> list[str]:
    """NCBI's ErrorList/WarningList entries, grouped by kind: 'PhraseNotFound (3): a, b, c'."""
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        kind, _, what = warning.partition(": ")
        groups.setdefault(kind, []).append(what)
    lines = []
    for kind, items in groups.items():
        listed = ", ".join(items[:shown]) + (", …" if len(items) > shown else "")
        lines.append(f"{kind} ({len(items)}): {listed}" if len(items) > 1 else f"{kind}: {listed}")
    return lines


def search_results(
    console: Console, results: Iterable, *, explain: bool = False, after=None
) -> None:
    """Each query's ranked papers; ``after(result)`` prints what goes under them (trials)."""
    for result in results:
        console.print(query_header(result))
        for line in ncbi_notes(result.warnings):
            console.print(f"  NCBI: {escape(line)}", style="yellow")
        if result.translation and result.query.name.startswith(ADHOC_PREFIX):
            console.print(f"  PubMed ran: {escape(result.translation)}", style="dim")
        if result.error is not None:
            console.print(f"  {escape(result.error.one_line())}", style="red")
        if not result.items:
            console.print("  No cached records." if result.total == 0 else "", style="dim")
            console.print()
            if after is not None:
                after(result)
            continue
        table = Table(show_lines=True, expand=True, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Year", no_wrap=True)
        table.add_column("Design", no_wrap=False, max_width=16)
        table.add_column("Paper · bottom line", ratio=1)
        table.add_column("PMID", no_wrap=True)
        for item in result.items:
            table.add_row(
                str(item.rank),
                str(item.article.year or "?"),
                design_tag(item.assessment),
                paper_cell(item, explain),
                pmid_link(item.article.pmid),
            )
        console.print(table)
        console.print()
        if after is not None:
            after(result)


def article_panel(console: Console, article, assessment, summary, queries: list[str]) -> None:
    a, d = article, assessment
    body: list = []
    head = flags(d)
    head.append(a.title or "(no title)", style="bold")
    body.append(head)
    if a.authors:
        names = ", ".join(au.display for au in a.authors[:12])
        if len(a.authors) > 12:
            names += f", … ({len(a.authors)} authors)"
        body.append(Text(names))
    cite = a.journal or ""
    if a.pub_date or a.year:
        cite += f". {a.pub_date or a.year}"
    if a.volume:
        cite += f";{a.volume}"
        if a.issue:
            cite += f"({a.issue})"
    if a.pages:
        cite += f":{a.pages}"
    body.append(Text(cite, style="dim"))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Design", f"{d.design.label} (evidence level {d.design.level}; from {d.basis})")
    facts.add_row("Population", d.population)
    if d.sample_size:
        facts.add_row("Sample size", str(d.sample_size))
    if d.interventions:
        facts.add_row("Interventions", ", ".join(d.interventions))
    if d.outcomes:
        facts.add_row("Outcomes", ", ".join(d.outcomes))
    facts.add_row("PMID", pmid_link(a.pmid))
    if a.doi:
        facts.add_row("DOI", Text(a.doi, style=f"link https://doi.org/{a.doi}"))
    if a.pmcid:
        facts.add_row("PMC", a.pmcid)
    if a.publication_types:
        facts.add_row("Publication types", "; ".join(a.publication_types))
    if a.mesh:
        facts.add_row("MeSH", "; ".join(m.descriptor + ("*" if m.major else "") for m in a.mesh))
    if a.keywords:
        facts.add_row("Keywords", "; ".join(a.keywords))
    if a.entrez_date:
        facts.add_row("Added to PubMed", a.entrez_date)
    if queries:
        facts.add_row("Found by", ", ".join(queries))
    for cc in a.comments_corrections:
        if cc.ref_type in ("RetractionIn", "ErratumIn", "ExpressionOfConcernIn"):
            facts.add_row(cc.ref_type, f"{cc.source or ''} PMID {cc.pmid or '?'}".strip())
    body.append(facts)
    bottom = Text("Bottom line: ", style="bold")
    bottom.append(summary.text, style="italic")
    body.append(bottom)
    if a.abstract_sections:
        abstract = Text()
        for section in a.abstract_sections:
            if section.label:
                abstract.append(f"{section.label}: ", style="bold")
            abstract.append(section.text + "\n")
        body.append(abstract)
    else:
        body.append(Text("No abstract available.", style="dim"))
    console.print(Panel(Group(*body), title=f"PMID {a.pmid}", title_align="left"))


def queries_table(console: Console, rows: list[dict]) -> None:
    table = Table(show_lines=True, expand=True)
    table.add_column("Query", style="bold cyan", no_wrap=True)
    table.add_column("Question, PubMed term and register term", ratio=1)
    table.add_column("Cached", justify="right")
    table.add_column("PubMed", justify="right")
    table.add_column("Updated", no_wrap=True)
    for row in rows:
        text = Text(row["title"], style="bold")
        text.append(f"\n{row['question']}")
        pairs = zip(row.get("roles") or (), row.get("concepts") or (), strict=False)
        roles = "; ".join(f"{role}: {', '.join(concept[:3])}" for role, concept in pairs)
        if roles:
            text.append(f"\n{roles}", style="italic")
        text.append(f"\n{row['term']}", style="dim")
        if row.get("registry_term"):
            text.append(f"\nClinicalTrials.gov: {row['registry_term']}", style="dim")
        table.add_row(
            row["name"],
            text,
            str(row["cached"]),
            "" if row["count"] is None else str(row["count"]),
            (row["updated"] or "never")[:10],
        )
    console.print(table)


def settings_table(console: Console, values: dict[str, str]) -> None:
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for key, value in values.items():
        table.add_row(key, value)
    console.print(table)


# -- refresh: what is new, and the history of runs -------------------------------------------
CHANGE_STYLE = {"new": "bold green", "revised": "yellow"}
RUN_STYLE = {"ok": "green", "partial": "yellow", "failed": "red"}


def new_items(console: Console, groups: Iterable, *, period: str) -> None:
    """Per query, the papers it gained or that were revised: design, year, title, bottom line
    (a paper several queries list is shown in full once, then by its title)."""
    shown: set[str] = set()
    for group in groups:
        head = Text(group.query.name, style="bold cyan")
        head.append(f" — {group.query.title}")
        head.append(f"\n{group.new} new, {group.revised} revised {period}", style="dim")
        console.print(head)
        table = Table(show_lines=True, expand=True, pad_edge=False)
        table.add_column("", no_wrap=True)
        table.add_column("Year", no_wrap=True)
        table.add_column("Design", no_wrap=False, max_width=16)
        table.add_column("Paper · bottom line", ratio=1)
        table.add_column("PMID", no_wrap=True)
        for item in group.items:
            change = Text(item.change, style=CHANGE_STYLE.get(item.change, ""))
            change.append(f"\n{item.at[:10]}", style="dim")
            if item.article.pmid in shown:
                paper = Text(item.article.title or "(no title)", style="bold")
                paper.append("\nshown above", style="dim")
            else:
                paper = paper_cell(item, explain=False)
                shown.add(item.article.pmid)
            table.add_row(
                change,
                str(item.article.year or "?"),
                design_tag(item.assessment),
                paper,
                pmid_link(item.article.pmid),
            )
        console.print(table)
        console.print()


def runs_table(console: Console, rows: list[dict]) -> None:
    """The runs as `runs --json` lists them, newest first."""
    table = Table(expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Started (UTC)", no_wrap=True)
    table.add_column("Took", justify="right", no_wrap=True)
    table.add_column("Command", no_wrap=True)
    table.add_column("Queries", min_width=9)
    table.add_column("Outcome", no_wrap=True)
    table.add_column("Req.", justify="right", no_wrap=True)
    table.add_column("New", justify="right", no_wrap=True)
    table.add_column("Rev.", justify="right", no_wrap=True)
    table.add_column("Error", ratio=1)
    for row in rows:
        names = row["queries"]
        took = row["seconds"]
        table.add_row(
            str(row["id"]),
            row["started_at"].replace("T", " ").rstrip("Z")[:16],
            "" if took is None else f"{took:.0f} s",
            row["command"],
            ", ".join(names) if len(names) <= 2 else f"{len(names)} queries",
            Text(row["status"], style=RUN_STYLE.get(row["status"], "magenta")),
            str(row["requests"]),
            str(row["new"]),
            str(row["revised"]),
            Text(row["error"] or "", style="red"),
        )
    console.print(table)
