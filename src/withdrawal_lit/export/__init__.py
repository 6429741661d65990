"""Export formats (pure): CSV, RIS, BibTeX, MEDLINE (.nbib) and JSON Lines.

Each writer takes ranked papers (``paper.Paper``: the record, its assessment and bottom line,
the query that ranked it, rank and score) and a text stream, writes every record as it arrives
and returns how many it wrote. Nothing is collected first, so memory stays flat however long
the list; no file is opened here (the export service owns the stream: stdout, or a temporary
file it renames into place once complete).

One module per format, each with its writer: ``pubmed_csv`` (PubMed's own "Save -> CSV"
columns first, then ours; formula cells neutralised), ``ris`` and ``medline`` (.nbib, what
reference managers import), ``bibtex`` (stable keys, LaTeX specials escaped) and ``jsonl``
(``Paper.to_json()``, the one JSON shape). ``citation`` holds what they share: PubMed's dates,
source line, authors line and page ranges. This module names the formats and picks a writer.

The reference formats (RIS, MEDLINE, BibTeX) write each PMID once: a second occurrence would be
a duplicate in a reference library and a repeated key in BibTeX.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from withdrawal_lit.export.bibtex import write_bibtex
from withdrawal_lit.export.jsonl import write_jsonl
from withdrawal_lit.export.medline import write_medline
from withdrawal_lit.export.pubmed_csv import write_csv
from withdrawal_lit.export.ris import write_ris

FORMATS = ("csv", "ris", "bibtex", "medline", "jsonl")
REFERENCE_FORMATS = frozenset({"ris", "bibtex", "medline"})
EXTENSIONS = {"csv": ".csv", "ris": ".ris", "bibtex": ".bib", "medline": ".nbib", "jsonl": ".jsonl"}
QUERY_SEPARATOR = "; "  # joins the queries that found a PMID in a de-duplicated export


def writer(fmt: str, *, abstract: bool = False, excel: bool = False) -> Callable[..., int]:
    """The writer for ``fmt`` as ``write(items, out) -> count``."""
    writers: dict[str, Callable[..., int]] = {
        "csv": partial(write_csv, abstract=abstract, excel=excel),
        "ris": write_ris,
        "bibtex": write_bibtex,
        "medline": write_medline,
        "jsonl": write_jsonl,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writers[fmt]
