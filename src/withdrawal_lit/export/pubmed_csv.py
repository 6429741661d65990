"""CSV (pure): PubMed's own "Save -> CSV" columns first, with the same content (Authors
"Smith J, Doe A.", Citation "Drug Alcohol Depend. 2019 Mar 1;196:1-8. doi: ...", Create Date
"2019/03/05"), so a PubMed download and ours stack in one sheet; our columns follow. RFC 4180
quoting; a cell that a spreadsheet would run as a formula is neutralised with a leading single
quote, as OWASP's CSV-injection guidance says."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from withdrawal_lit.export.citation import (
    abstract_text,
    authors_line,
    citation,
    journal_abbreviation,
    slash_date,
)

if TYPE_CHECKING:
    from withdrawal_lit.paper import Paper

# PubMed's "Save -> Format: CSV", column for column.
PUBMED_CSV_COLUMNS = (
    "PMID",
    "Title",
    "Authors",
    "Citation",
    "First Author",
    "Journal/Book",
    "Publication Year",
    "Create Date",
    "PMCID",
    "NIHMS ID",
    "DOI",
)
OUR_CSV_COLUMNS = (
    "Query",
    "Rank",
    "Score",
    "Design",
    "Evidence Level",
    "Population",
    "Sample Size",
    "Retracted",
    "Bottom Line",
    "PubMed URL",
)
ABSTRACT_COLUMN = "Abstract"

# OWASP (CSV Injection): a cell starting with one of these is run as a formula by Excel,
# LibreOffice Calc or Google Sheets. The full-width forms are read as formulas by East Asian
# editions of Excel.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
EXCEL_BOM = "\ufeff"


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula, made text by a leading single quote."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n")
    return neutralise(text).replace("\r", "\n")


def csv_header(abstract: bool = False) -> list[str]:
    return [*PUBMED_CSV_COLUMNS, *OUR_CSV_COLUMNS, *([ABSTRACT_COLUMN] if abstract else [])]


def csv_row(item: Paper, abstract: bool = False) -> list[str]:
    a, d = item.article, item.assessment
    row = [
        a.pmid,
        a.title,
        authors_line(a),
        citation(a),
        a.first_author,
        a.journal if a.is_book else journal_abbreviation(a),
        a.year,
        slash_date(a.created_date),
        a.pmcid,
        a.nihms_id,
        a.doi,
        item.query,
        item.rank,
        f"{item.score:.4f}",
        d.design.label,
        d.design.level,
        d.population,
        d.sample_size,
        "Yes" if d.retracted else "No",
        item.summary.text,
        a.url,
    ]
    if abstract:
        row.append(abstract_text(a, "\n"))
    return [_cell(v) for v in row]


def write_csv(
    items: Iterable[Paper], out: TextIO, *, abstract: bool = False, excel: bool = False
) -> int:
    """PubMed's columns, then ours: the header bare and every data cell quoted, as PubMed
    writes them. ``excel`` starts with a byte-order mark so Excel reads the file as UTF-8."""
    if excel:
        out.write(EXCEL_BOM)
    csv.writer(out, quoting=csv.QUOTE_MINIMAL).writerow(csv_header(abstract))
    rows = csv.writer(out, quoting=csv.QUOTE_ALL)
    count = 0
    for item in items:
        rows.writerow(csv_row(item, abstract))
        count += 1
    return count
