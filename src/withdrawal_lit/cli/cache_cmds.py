"""`cache check` and `cache rebuild`."""

from __future__ import annotations

import sys

import click

from withdrawal_lit.cli.options import json_option
from withdrawal_lit.errors import CacheError

LABELS = {
    "records": "records",
    "records_fts": "full-text entries",
    "hits": "query hits",
    "queries": "queries",
    "search_log": "logged searches",
    "runs": "runs",
}


@click.group()
def cache():
    """Check the cache file and mend it."""


@cache.command(
    epilog="\b\nExit codes: 0 the cache is sound (notes may follow); 5 it is damaged, "
    "unreadable or from a newer version; 6 there is no cache."
)
@json_option
@click.pass_obj
def check(app, as_json):
    """Check the cache without changing it: SQLite's integrity check, the schema version, what
    each table holds, hits without a record, and whether the full-text index and the ranking
    columns agree with the records. Problems are explained with their fix."""
    from withdrawal_lit.services.repair import check as run_check

    report = run_check(app.settings.db_path)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, report.to_json())
    else:
        _print_report(app.out, report)
    serious = [f for f in report.findings if f.serious]
    if serious:
        count = f"{len(serious)} problem{'s' * (len(serious) != 1)}"
        raise CacheError(
            f"cache {report.path} is not usable as it is: {count} found", serious[0].fix
        )


def _print_report(out, report) -> None:
    from withdrawal_lit.store import SCHEMA_VERSION

    out.print(f"cache    {report.path} ({_size(report.size)})", markup=False, soft_wrap=True)
    if report.version is not None:
        out.print(
            f"schema   {report.version} (this version: {SCHEMA_VERSION})",
            markup=False,
            soft_wrap=True,
        )
    for table, count in report.counts.items():
        out.print(f"{count:>8}  {LABELS.get(table, table)}", markup=False, soft_wrap=True)
    previous = None
    for finding in report.findings:
        label = "problem" if finding.serious else "note"
        out.print(f"{label}: {finding.text}", markup=False, soft_wrap=True)
        if finding.fix != previous:  # one fix for several problems is given once
            out.print(f"  fix: {finding.fix}", markup=False, soft_wrap=True)
        previous = finding.fix
    if not report.damaged:
        out.print("The cache is sound.", markup=False, soft_wrap=True)


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:g} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


@cache.command(
    epilog="\b\nExit codes: 0 rebuilt; 5 the file is not a cache, is from a newer version, or "
    "cannot be written; 6 there is no cache; 7 another withdrawal-lit is writing it."
)
@click.pass_obj
def rebuild(app):
    """Mend the cache. When SQLite can read all of it, the full-text index and the ranking
    columns are derived again from the records, in place and in one transaction. When it
    cannot, everything still readable is copied into a new cache that takes the file's name,
    and the damaged file is kept beside it as <name>.damaged-<time> (never deleted)."""
    from withdrawal_lit.services.repair import rebuild as run_rebuild

    report = run_rebuild(app.settings.db_path)
    if not report.salvaged:
        app.out.print(
            f"Rebuilt the full-text index and ranking columns of {report.records} records in "
            f"{report.path}.",
            markup=False,
            soft_wrap=True,
        )
        return
    copied = ", ".join(f"{n} {LABELS.get(t, t)}" for t, n in report.copied.items())
    app.out.print(
        f"Salvaged into a new cache at {report.path}: {copied}.", markup=False, soft_wrap=True
    )
    app.out.print(
        f"The damaged file is kept as {report.damaged_copy}.", markup=False, soft_wrap=True
    )
    if report.unreadable:
        from withdrawal_lit.services.repair import REFETCH

        shown = ", ".join(report.unreadable[:10])
        more = f" and {len(report.unreadable) - 10} more" if len(report.unreadable) > 10 else ""
        app.err.print(
            f"warning: {len(report.unreadable)} records could not be read ({shown}{more}); "
            f"{REFETCH}.",
            markup=False,
            soft_wrap=True,
        )


COMMANDS = [cache]
