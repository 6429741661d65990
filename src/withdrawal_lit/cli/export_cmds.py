"""`export`: the cache's ranked lists as CSV, RIS, BibTeX, MEDLINE (.nbib) or JSON Lines."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from withdrawal_lit.cli.options import filter_options
from withdrawal_lit.errors import EXIT_CODES_HELP
from withdrawal_lit.export import FORMATS

EPILOG = f"""\b
Examples:
  withdrawal-lit export                       # CSV of every query's ranked results to stdout
  withdrawal-lit export kratom-opioid-withdrawal -o kratom.csv --since 2018 \\
      --design rct,systematic-review
  withdrawal-lit export --format ris -o library.ris       # Zotero, EndNote, Mendeley
  withdrawal-lit export --format medline -o library.nbib  # PubMed's own format
  withdrawal-lit export --format bibtex -o refs.bib
  withdrawal-lit export --format jsonl | jq .title
  withdrawal-lit export --trials -o trials.csv            # registered trials

\b
Formats:
  csv      PubMed's "Save -> CSV" columns first (PMID ... DOI, so the two stack), then Query,
           Rank, Score, Design, Evidence Level, Population, Sample Size, Retracted, Bottom Line,
           PubMed URL. Cells a spreadsheet would run as formulas start with a quote (').
  ris      RIS (TY JOUR ... ER), one record per PMID, design and ranking in N1.
  bibtex   @article entries keyed like smith2019kratom, one per PMID.
  medline  PubMed's MEDLINE tagged format (.nbib), one record per PMID.
  jsonl    One JSON object per line: the whole cached record plus ranking and assessment.
  --trials csv or jsonl of the registered trials (jsonl rows: the trial JSON shape).

\b
{EXIT_CODES_HELP}
"""


@click.command(
    epilog=EPILOG, short_help="Export ranked papers as CSV, RIS, BibTeX, MEDLINE or JSON Lines."
)
@click.argument("names", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="Output format (see below).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True, path_type=Path),
    help="File to write, replaced only once complete [default: stdout].",
)
@click.option(
    "--abstract", is_flag=True, help="CSV: add the abstract (the other formats always carry it)."
)
@click.option("--excel", is_flag=True, help="CSV: start with a UTF-8 byte-order mark, for Excel.")
@click.option(
    "--trials",
    is_flag=True,
    help="Export the questions' registered trials (ClinicalTrials.gov) instead of the papers: "
    "CSV or JSON Lines.",
)
@click.option(
    "--dedupe",
    is_flag=True,
    help="One row per PMID, its queries joined by '; ' (first rank kept). "
    "RIS, BibTeX and MEDLINE always are.",
)
@filter_options(default_limit=None)
@click.pass_obj
def export(
    app,
    names,
    fmt,
    output,
    abstract,
    excel,
    trials,
    dedupe,
    limit,
    since,
    designs,
    sort,
    retracted_in_place,
):
    """Export the ranked papers of the predefined queries (or NAMES) for spreadsheets, reference
    managers and scripts.

    Reads the cache only (no network), in the order and with the filters of `search`, and takes
    every cached paper unless --limit caps each query. Fill the cache with `withdrawal-lit
    search` first. Output goes to stdout, or to -o FILE, which is replaced only once the export
    is complete (a failed export leaves the old file as it was).
    """
    from withdrawal_lit.services.export import ExportOptions, check_output, export_papers
    from withdrawal_lit.services.search import Filters

    if excel and fmt != "csv":
        raise click.UsageError(f"--excel applies to --format csv, not {fmt}; drop it")
    chosen = app.select(names)
    if trials and fmt not in ("csv", "jsonl"):
        raise click.UsageError(f"--trials exports csv or jsonl, not {fmt}; use --format csv")
    to_file = output is not None and str(output) != "-"
    if to_file:
        check_output(output)
    if trials:
        from withdrawal_lit.cli.trials import export_trials

        return export_trials(app, chosen, fmt=fmt, output=output if to_file else None, excel=excel)
    options = ExportOptions(
        fmt=fmt,
        filters=Filters(
            limit=limit,
            since=since,
            designs=designs,
            sort=sort,
            retracted_last=not retracted_in_place,
        ),
        abstract=abstract,
        excel=excel,
        dedupe=dedupe,
    )
    result = export_papers(
        app.settings, chosen, options, output=output if to_file else None, stdout=to_stdout
    )
    if result.records == 0:
        app.err.print(
            "warning: no cached papers match these queries and filters; the export is empty",
            style="yellow",
            markup=False,
        )
    if to_file:
        app.err.print(
            f"Wrote {result.records} record{'s' if result.records != 1 else ''} "
            f"({fmt}, {result.queries} quer{'ies' if result.queries != 1 else 'y'}) to {output}",
            markup=False,
            highlight=False,
        )


def to_stdout(write):
    """Run ``write`` on stdout as UTF-8 whatever the locale, with newlines untranslated (CSV
    rows end in CRLF as RFC 4180 says, the other formats in LF)."""
    binary = getattr(sys.stdout, "buffer", None)  # (click.get_binary_stream: deprecated)
    if binary is None:  # a text-only stdout, as an embedding program may set: write to it as is
        return write(sys.stdout)
    sys.stdout.flush()
    out = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    try:
        return write(out)
    finally:
        try:
            out.flush()
        finally:
            out.detach()  # stdout itself stays open for click and the interpreter


COMMANDS = [export]
