"""`queries` (list the questions) and `queries check` (ask PubMed what it makes of them)."""

from __future__ import annotations

import sys

import click

from withdrawal_lit.cli.options import json_option
from withdrawal_lit.cli.progress import TerminalProgress
from withdrawal_lit.cli.search_cmds import queries as list_queries
from withdrawal_lit.errors import EXIT_CODES_HELP


class QueriesGroup(click.Group):
    """`queries [NAMES]` lists, as before subcommands existed; `queries check` checks."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(cls=QueriesGroup)
def queries():
    """List the predefined questions (`queries [NAMES] [--json]`), or check their PubMed terms
    (`queries check [NAMES]`)."""


@queries.command(
    epilog="\b\nExit codes: 0 every term ran as written; 1 a heading, [nm] name or quoted "
    "phrase was not found, split or dropped, or PubMed refused a term.\n\b\n" + EXIT_CODES_HELP
)
@click.argument("names", nargs=-1)
@json_option
@click.pass_obj
def check(app, names, as_json):
    """Send each query's term (NAMES, or all) to PubMed once and report what PubMed made of
    it: the count, NCBI's warnings (PhraseNotFound, QuotedPhraseNotFound, FieldNotFound,
    PhraseIgnored...), and the headings or phrases its translation split or dropped.

    For your own query files as much as for the shipped ones: a misspelled MeSH heading is
    not an error to PubMed, it is silently left out of the search.
    """
    from withdrawal_lit.queries import select
    from withdrawal_lit.services.querycheck import check as run_check

    chosen = select(app.queries, names)
    with TerminalProgress(app.err, enabled=app.interactive and not as_json) as progress:
        results = run_check(app.settings, chosen, progress)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, [r.to_json() for r in results])
    else:
        _render(app.out, results)
    app.remind_email()
    failed = [r.query.name for r in results if not r.ok]
    if failed:
        app.err.print(
            f"Error: {len(failed)} of {len(results)} queries did not run as written: "
            f"{', '.join(failed)}. Fix the terms named above (see each file's line) and "
            "run `withdrawal-lit queries check` again.",
            style="red",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(1)


def _render(console, results) -> None:
    from rich.markup import escape

    from withdrawal_lit.cli.render import ncbi_notes

    for result in results:
        count = "refused" if result.count is None else f"{result.count:,} records"
        mark, style = ("ok", "green") if result.ok else ("FAIL", "red")
        console.print(f"[{style}]{mark}[/] [bold]{escape(result.query.name)}[/] · {count}")
        for line in ncbi_notes([f"{k}: {t}" for k, t in result.review.messages]):
            console.print(f"  NCBI: {escape(line)}", style="yellow")
        for label, leaves in (("split", result.review.split), ("dropped", result.review.dropped)):
            if leaves:
                shown = ", ".join(leaf.show() for leaf in leaves)
                console.print(f"  {label} by PubMed: {escape(shown)}", style="yellow")
        for problem in result.review.problems:
            console.print(f"  problem: {escape(problem)}", style="red")


queries.add_command(list_queries, "list")
COMMANDS = [queries]
