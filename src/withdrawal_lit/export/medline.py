"""MEDLINE (.nbib) (pure): PubMed's own tagged format, as PubMed writes it; one record per
PMID."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from withdrawal_lit.export.citation import (
    abstract_text,
    citation,
    journal_abbreviation,
    one_line,
    publication_date,
    unique,
)

if TYPE_CHECKING:
    from withdrawal_lit.paper import Paper

MEDLINE_WIDTH = 80  # characters of text per line after the 6-character tag column
# Tags whose long values PubMed wraps onto continuation lines (and Bio.Medline rejoins).
_WRAPPED = frozenset({"TI", "AB", "AD", "JT", "MH", "SO"})


def medline_line(tag: str, value: str) -> str:
    """'TAG - value' with the tag padded to 4 characters, long text wrapped onto lines indented
    by 6 spaces, as PubMed writes its MEDLINE format."""
    head = f"{tag:<4}- "
    text = one_line(value)
    if tag not in _WRAPPED or len(text) <= MEDLINE_WIDTH:
        return head + text + "\n"
    lines = textwrap.wrap(text, MEDLINE_WIDTH, break_long_words=False, break_on_hyphens=False)
    return head + ("\n" + " " * 6).join(lines) + "\n"


def _mesh_line(descriptor: str, qualifiers: tuple[str, ...], major: bool) -> str:
    # The cache keeps one major-topic flag per heading, so the star goes on the descriptor.
    return ("*" if major else "") + "/".join((descriptor, *qualifiers))


def medline_record(item: Paper) -> list[tuple[str, str]]:
    a = item.article
    fields: list[tuple[str, str | None]] = [
        ("PMID", a.pmid),
        ("STAT", a.status),
        ("VI", a.volume),
        ("IP", a.issue),
        ("DP", publication_date(a)),
        ("TI", a.title),
        ("PG", a.pages),
        ("LID", f"{a.doi} [doi]" if a.doi else None),
        ("AB", abstract_text(a, " ")),
    ]
    for au in a.authors:
        if au.collective_name:
            fields.append(("CN", au.collective_name))
            continue
        full = f"{au.last_name}, {au.fore_name}" if au.fore_name else au.last_name
        fields += [("FAU", full), ("AU", au.display)]
        fields += [("AD", aff) for aff in au.affiliations]
    fields += [("LA", lang) for lang in a.languages]
    fields += [("PT", pt) for pt in a.publication_types]
    fields += [("TA", journal_abbreviation(a)), ("JT", a.journal)]
    fields += [("MH", _mesh_line(m.descriptor, m.qualifiers, m.major)) for m in a.mesh]
    if a.keywords:
        fields.append(("OTO", "NOTNLM"))
        fields += [("OT", kw) for kw in a.keywords]
    fields += [("PMC", a.pmcid), ("MID", a.nihms_id)]
    fields += [("AID", f"{a.doi} [doi]" if a.doi else None), ("SO", citation(a))]
    return [(tag, one_line(value)) for tag, value in fields if one_line(value)]


def write_medline(items: Iterable[Paper], out: TextIO) -> int:
    """PubMed's MEDLINE tagged format (.nbib), records separated by a blank line."""
    count = 0
    for item in unique(items):
        out.write("\n")
        for tag, value in medline_record(item):
            out.write(medline_line(tag, value))
        count += 1
    return count
