"""RIS (pure): what reference managers (Zotero, EndNote, Mendeley) import; one record per
PMID, tags as 'XX  - value'."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from withdrawal_lit.export.citation import (
    abstract_text,
    design_note,
    one_line,
    page_range,
    unique,
)

if TYPE_CHECKING:
    from withdrawal_lit.paper import Paper
    from withdrawal_lit.records import Article, Author


def ris_author(author: Author) -> str:
    """'Smith, John A' ('Last, First'), a collective name as it is."""
    if author.collective_name:
        return author.collective_name
    first = author.fore_name or author.initials
    return f"{author.last_name}, {first}" if first else author.last_name or ""


def ris_date(iso: str | None) -> str:
    """RIS DA: 'YYYY/MM/DD/' with empty parts left empty ('2019/03//')."""
    if not iso:
        return ""
    parts = (iso.split("-") + ["", ""])[:3]
    return "/".join(parts) + "/"


def ris_record(item: Paper) -> list[tuple[str, str]]:
    a = item.article
    start, end = page_range(a.pages)
    fields: list[tuple[str, str | None]] = [
        ("TY", _ris_type(a)),
        ("TI", a.title),
        *(("AU", ris_author(au)) for au in a.authors),
        ("PY", str(a.year) if a.year else None),
        ("DA", ris_date(a.pub_date)),
        ("T2", a.journal),
        ("JO", a.journal),
        ("JA", None if a.is_book else a.journal_iso),
        ("PB", a.publisher),
        ("VL", a.volume),
        ("IS", a.issue),
        ("SP", start),
        ("EP", end),
        ("AB", abstract_text(a, " ")),
        *(("KW", kw) for kw in dict.fromkeys((*a.keywords, *a.mesh_terms))),
        *(("LA", lang) for lang in a.languages),
        ("DO", a.doi),
        ("AN", a.pmid),
        ("UR", a.url),
        ("DB", "PubMed"),
        ("N1", design_note(item)),
        ("N1", f"Bottom line: {item.summary.text}" if item.summary.sentences else None),
    ]
    return [(tag, one_line(value)) for tag, value in fields if one_line(value)]


def _ris_type(article: Article) -> str:
    if not article.is_book:
        return "JOUR"
    return "BOOK" if article.title == article.journal else "CHAP"


def write_ris(items: Iterable[Paper], out: TextIO) -> int:
    """RIS (TY ... ER), one record per PMID, tags as 'XX  - value'."""
    count = 0
    for item in unique(items):
        for tag, value in ris_record(item):
            out.write(f"{tag}  - {value}\n")
        out.write("ER  - \n\n")
        count += 1
    return count
