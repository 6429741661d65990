"""`digest`: each question's evidence at a glance, from the cache only."""

from __future__ import annotations

import sys

import click

from withdrawal_lit.cli.options import json_option, since_option

DIGEST_EPILOG = """\b
Examples:
  withdrawal-lit digest                              # every predefined question
  withdrawal-lit digest kratom-opioid-withdrawal --since 2018 --top 10
  withdrawal-lit digest --json > digest.json
"""
YEAR_ROWS = 30  # years charted one by one; older ones share a row
BLOCKS = " ▏▎▍▌▋▊▉█"  # eighths of a character cell


def _count(ctx, param, value):
    if value is not None and value < 0:
        raise click.BadParameter(f"{value} is negative; give e.g. --{param.name} 5 (0 hides it)")
    return value


@click.command(epilog=DIGEST_EPILOG)
@click.argument("names", nargs=-1, metavar="[QUERY]...")
@since_option
@click.option(
    "--top",
    type=int,
    default=5,
    show_default=True,
    callback=_count,
    metavar="N",
    help="Highest-evidence papers per question, with their bottom lines.",
)
@click.option(
    "--newest",
    type=int,
    default=5,
    show_default=True,
    callback=_count,
    metavar="N",
    help="Newest papers per question, by the date PubMed added them.",
)
@json_option
@click.pass_obj
def digest(app, names, since, top, newest, as_json):
    """Summarise what the cache holds for each question (or QUERY...).

    Per question: counts by study design and by year (bar charts), retracted papers with their
    PMIDs, the newest papers, and the bottom lines of the highest-evidence papers (systematic
    reviews, meta-analyses and trials first: by evidence level, then score; retracted papers
    are left out). Reads the cache only, never the network: run `withdrawal-lit search` to
    fill or update it.
    """
    from withdrawal_lit.services.digest import digest_command

    chosen = app.select(names)
    digests, trials = digest_command(app.settings, chosen, since=since, newest=newest, top=top)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        rows = [d.to_json() for d in digests]
        for row, d in zip(rows, digests, strict=True):
            if d.query.name in trials:
                row["trials"] = trials[d.query.name]
        print_json(sys.stdout, rows)
        return
    for d in digests:
        render_digest(app.out, d)
        if d.query.name in trials:
            render_trials_digest(app.out, trials[d.query.name])


def render_trials_digest(console, summary: dict) -> None:
    """Registered trials of a question: counts by status and phase, the unreported ones."""
    from rich.markup import escape

    head = f"  Registered trials (ClinicalTrials.gov): {summary['registered']}"
    if summary["updated"]:
        head += f" · updated {summary['updated'][:10]}"
    console.print(head, style="bold")
    if summary["missing"]:
        console.print(f"  {escape(summary['missing'])}", style="yellow")
    if summary["registered"]:
        console.print(_chart(console, "  By status", summary["by_status"], "Status"))
        console.print(_chart(console, "  By phase", summary["by_phase"], "Phase"))
    for item in summary["unreported"]:
        console.print(f"  {item['nct_id']} {escape(item['title'])}", style="red")
        console.print(f"    {escape(item['reason'])}", style="dim")
    console.print()


def bar(count: int, peak: int, width: int, ascii_only: bool = False) -> str:
    """A horizontal bar of ``count`` against ``peak`` over ``width`` cells (eighths with
    block characters; '#' per whole cell when the output cannot show them). A nonzero count
    always shows at least a sliver."""
    if count <= 0 or peak <= 0 or width <= 0:
        return ""
    if ascii_only:
        return "#" * max(1, round(count / peak * width))
    eighths = max(1, round(count / peak * width * 8))
    full, part = divmod(eighths, 8)
    return BLOCKS[8] * full + (BLOCKS[part] if part else "")


def year_rows(years, unknown: int, rows: int = YEAR_ROWS) -> list[tuple[str, int]]:
    """Every year from the first to the last with records (gaps as 0, so the chart reads as a
    timeline); beyond ``rows`` years the oldest are pooled into one 'before' row."""
    if not years:
        return [("no year", unknown)] if unknown else []
    counts = dict(years)
    first, last = min(counts), max(counts)
    start = max(first, last - rows + 1)
    out = []
    if start > first:
        out.append((f"before {start}", sum(n for y, n in counts.items() if y < start)))
    out.extend((str(y), counts.get(y, 0)) for y in range(start, last + 1))
    if unknown:
        out.append(("no year", unknown))
    return out


def _chart(console, title: str, rows: list[tuple], label_header: str):
    """A table of label(s), count, share and a bar scaled to what the terminal width leaves."""
    from rich import box
    from rich.table import Table

    total = sum(r[-1] for r in rows) or 1
    peak = max((r[-1] for r in rows), default=0)
    headers = [label_header, *(["Level"] if rows and len(rows[0]) == 3 else []), "n", "%"]
    cells = [headers, *([*labels, str(n), "100"] for *labels, n in rows)]
    # SIMPLE tables put three cells between columns and one at each edge.
    used = sum(max(len(str(row[i])) for row in cells) for i in range(len(headers)))
    width = max(3, min(50, console.width - used - 3 * len(headers) - 2))
    ascii_only = not (console.encoding or "").lower().startswith("utf")
    table = Table(
        title=title, title_justify="left", title_style="bold", box=box.SIMPLE, pad_edge=False
    )
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right", no_wrap=True)
    table.add_column("", no_wrap=True, style="cyan")
    for *labels, n in rows:
        table.add_row(*labels, str(n), f"{100 * n / total:.0f}", bar(n, peak, width, ascii_only))
    return table


def render_digest(console, d) -> None:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.text import Text

    from withdrawal_lit.cli.render import DESIGN_STYLE, pmid_link

    head = Text()
    head.append(d.query.name, style="bold cyan")
    head.append(f" — {d.query.title}")
    bits = [f"{d.records} cached record{'s' if d.records != 1 else ''}"]
    if d.since:
        bits.append(f"published {d.since} or later")
    if d.count is not None:
        bits.append(f"PubMed count {d.count}")
    if d.last_success_at:
        bits.append(f"updated {d.last_success_at[:10]}")
    head.append("\n" + " · ".join(bits), style="dim")
    console.print(head)
    if not d.records:
        if d.searched:
            console.print("  No cached records.", style="dim")
        else:
            console.print(
                f"  Not searched yet: run `withdrawal-lit search {escape(d.query.name)}`.",
                style="yellow",
            )
        console.print()
        return

    designs = [(c.label, "" if c.level is None else f"L{c.level}", c.count) for c in d.designs]
    console.print(_chart(console, "Study designs", designs, "Design"))
    console.print(_chart(console, "Years", year_rows(d.years, d.unknown_year), "Year"))

    def design(p) -> Text:
        return Text(p.design_label, style=DESIGN_STYLE.get(p.evidence_level, "dim"))

    def entry(head: Text, body: Text) -> None:
        console.print(Padding(head, (0, 0, 0, 2)))
        console.print(Padding(body, (0, 0, 0, 6)))

    console.print(Text(f"Retractions ({len(d.retractions)})", style="bold"))
    for r in d.retractions:
        head = Text()
        head.append("RETRACTED", style="bold white on red")
        head.append(" PMID ")
        head.append_text(pmid_link(r.pmid))
        head.append(f" · {r.year or '?'}")
        if r.journal:
            head.append(f" · {r.journal}", style="dim")
        entry(head, Text(r.title or "(no title)"))
    if not d.retractions:
        console.print("  none", style="dim")
    console.print()

    if d.newest:
        console.print(Text("Newest (by date added to PubMed)", style="bold"))
        for p in d.newest:
            head = Text(f"{p.article.entrez_date or p.year or '?'} · PMID ")
            head.append_text(pmid_link(p.pmid))
            head.append(" · ")
            head.append_text(design(p))
            if p.retracted:
                head.append(" RETRACTED", style="bold white on red")
            entry(head, Text(p.title or "(no title)"))
        console.print()

    if d.top:
        console.print(Text("Highest evidence: bottom lines", style="bold"))
        for i, p in enumerate(d.top, start=1):
            head = Text(f"{i}. ")
            head.append_text(design(p))
            head.append(f" (L{p.evidence_level}) · {p.year or '?'} · PMID ")
            head.append_text(pmid_link(p.pmid))
            body = Text()
            body.append(p.title or "(no title)", style="bold")
            body.append("\n")
            body.append(
                p.bottom_line,
                style="italic" if p.summary.source != "none" else "dim italic",
            )
            entry(head, body)
        console.print()


COMMANDS = [digest]
