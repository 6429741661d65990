"""`log` (search history, PRISMA numbers and search strategy) and `report` (one HTML page)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from withdrawal_lit.cli.options import _limit, json_option, since_option
from withdrawal_lit.timestamps import when

LOG_EPILOG = """\b
Examples:
  withdrawal-lit log                                 # every logged run, newest first
  withdrawal-lit log kratom-opioid-withdrawal --limit 10
  withdrawal-lit log --prisma                        # PRISMA numbers + search strategy
  withdrawal-lit log --prisma --json > prisma.json
"""


@click.command(name="log", epilog=LOG_EPILOG)
@click.argument("names", nargs=-1, metavar="[QUERY]...")
@click.option(
    "--prisma",
    is_flag=True,
    help="Print the PRISMA 2020 identification numbers and the search strategy block "
    "(all searched predefined queries when none are named).",
)
@click.option(
    "--limit", type=int, callback=_limit, metavar="N", help="Only the N newest runs (history)."
)
@json_option
@click.pass_obj
def log(app, names, prisma, limit, as_json):
    """Show what each search found, when, and with which exact PubMed term.

    Every run of every query (search and refresh) is logged in the cache: the date and time,
    the term as sent, NCBI's count, query translation and warnings, how many records were new,
    revised or no longer returned, and the withdrawal-lit version. Reads the cache only.
    """
    from withdrawal_lit.services import provenance

    if prisma and limit is not None:
        raise click.UsageError("--limit applies to the history, not to --prisma; drop it")
    if prisma:
        result, registers = provenance.log_prisma(app.settings, app.queries, names)
        if as_json:
            from withdrawal_lit.cli.render import print_json

            payload = result.to_json()
            if registers is not None:
                payload["registers"] = registers.to_json()
            print_json(sys.stdout, payload)
        else:
            click.echo(result.text(), nl=False)
            if registers is not None and registers.text():
                click.echo("\n" + registers.text(), nl=False)
        return
    rows, versions = provenance.log_history(app.settings, names, list(app.queries), limit)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, [r.to_json() for r in rows])
        return
    if not rows:
        which = " ".join(dict.fromkeys(names))
        app.err.print(
            f"No searches{f' of {which}' if which else ''} logged yet; run "
            f"`withdrawal-lit search{f' {which}' if which else ''}` (online) first.",
            style="yellow",
            markup=False,
            soft_wrap=True,
        )
        return
    history_tables(app.out, rows, versions, named=len(set(names)) == 1)


def history_tables(console, rows, versions, *, named: bool) -> None:
    """One table per query (the one run most recently first), each newest first.

    Below a table come the terms behind its v1, v2...: always for a query that was edited, and
    for the one query named on the command line.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from withdrawal_lit.services.provenance import version_numbers

    numbers = version_numbers(versions)
    by_query: dict[str, list] = {}
    for row in rows:
        by_query.setdefault(row.entry.query, []).append(row)
    for query, mine in by_query.items():
        table = Table(
            title=query,
            title_justify="left",
            title_style="bold cyan",
            box=box.SIMPLE,
            pad_edge=False,
        )
        table.add_column("When (UTC)", no_wrap=True)
        table.add_column("Mode", no_wrap=True)
        table.add_column("Term", no_wrap=True)
        for name in ("Count", "New", "Revised", "Gone"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("Version", no_wrap=True)
        for row in mine:
            e = row.entry
            table.add_row(
                when(e.at, utc=False),
                e.mode,
                f"v{row.term_version}",
                "" if e.count is None else str(e.count),
                str(e.new),
                str(e.revised),
                str(e.gone),
                e.version or "",
            )
        console.print(table)
        for row in mine:
            for warning in row.entry.warnings:
                line = Text(f"  {when(row.entry.at, utc=False)}  NCBI: ", style="yellow")
                line.append(warning)
                console.print(line)
        terms = [v for v in versions if v.name == query]
        for v in terms if len(terms) > 1 or named else ():
            text = Text(f"  term v{numbers[(v.name, v.term_hash)]}", style="bold")
            text.append(
                f"  used {v.first_used[:10]} → {v.last_used[:10]}, "
                f"{v.runs} run{'s' if v.runs != 1 else ''}, sha256 {v.term_hash[:12]}",
                style="dim",
            )
            console.print(text)
            console.print(Text(v.term), soft_wrap=False)
        console.print()


@click.command()
@click.argument("names", nargs=-1, metavar="[QUERY]...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default="withdrawal-lit-report.html",
    show_default=True,
    help="The HTML file to write (replaced atomically).",
)
@click.option(
    "--limit",
    type=int,
    default=20,
    show_default=True,
    callback=_limit,
    metavar="N",
    help="Ranked papers per question.",
)
@since_option
@click.pass_obj
def report(app, names, output, limit, since):
    """Write one self-contained HTML page of the evidence for each question (or QUERY...).

    Per question: the exact PubMed term, counts by study design and by year (charts with their
    data tables), retractions, the ranked papers with their bottom lines and PubMed links, and
    the search log. No network at view time: inline CSS and SVG, no scripts. Reads the cache
    only; by default every predefined query that has been searched.
    """
    from withdrawal_lit.services.report import report_command

    outcome, missing = report_command(
        app.settings, app.queries, names, output, limit=limit, since=since
    )
    if missing:
        app.err.print(
            f"not searched yet, so not in the report: {', '.join(missing)}",
            style="yellow",
            markup=False,
            soft_wrap=True,
        )
    app.err.print(
        f"Wrote {outcome.path}: {outcome.sections} question{'s' if outcome.sections != 1 else ''}"
        f", {outcome.papers} ranked papers of {outcome.records} records "
        f"({outcome.retracted} retracted), {outcome.size / 1024:.0f} KB.",
        markup=False,
        soft_wrap=True,
    )


COMMANDS = [log, report]
