"""What every export format writes of a paper the way PubMed writes it (pure): dates, the
source line (citation), the authors line, page ranges, the abstract as text, and the one-line
note on a paper's design and rank that RIS and BibTeX carry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the CLI imports the export package at start-up
    from withdrawal_lit.paper import Paper
    from withdrawal_lit.records import Article

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SPACES = re.compile(r"\s+")


def one_line(text: str | None) -> str:
    """Text with every run of whitespace (newlines, tabs) as one space: line formats need it."""
    return _SPACES.sub(" ", text or "").strip()


def pubmed_date(iso: str | None) -> str:
    """'2019-03-05' -> '2019 Mar 5', '2019-03' -> '2019 Mar', as PubMed prints dates (DP)."""
    if not iso:
        return ""
    parts = iso.split("-")
    out = [parts[0]]
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        out.append(MONTHS[int(parts[1]) - 1])
        if len(parts) > 2 and parts[2].isdigit():
            out.append(str(int(parts[2])))
    return " ".join(out)


def slash_date(iso: str | None) -> str:
    """'2019-03-05' -> '2019/03/05', PubMed's Create Date."""
    return (iso or "").replace("-", "/")


def publication_date(article: Article) -> str:
    """PubMed's DP: the publication date as precise as the record has it, else the year."""
    return pubmed_date(article.pub_date) or str(article.year or "")


def journal_abbreviation(article: Article) -> str:
    """The journal as PubMed cites it (ISO abbreviation), else its full title."""
    return article.journal_iso or article.journal


def citation(article: Article) -> str:
    """The source line PubMed prints (CSV Citation, MEDLINE SO).

    'Drug Alcohol Depend. 2019 Mar 1;196(2):1-8. doi: 10.1016/x.' -- the volume, issue and pages
    parts are left out when the record has none ('Eur J Sport Sci. 2022 Jan 31:1-13.').
    """
    if article.is_book:
        where = "; ".join(p for p in (article.publisher, str(article.year or "")) if p)
        return f"{article.journal}." + (f" {where}." if where else "") + _doi_part(article)
    source = publication_date(article)
    if article.volume or article.issue:
        source += f";{article.volume or ''}" + (f"({article.issue})" if article.issue else "")
    if article.pages:
        source += f":{article.pages}"
    source = source.lstrip(";:")
    return (
        f"{journal_abbreviation(article)}." + (f" {source}." if source else "") + _doi_part(article)
    )


def _doi_part(article: Article) -> str:
    return f" doi: {article.doi}." if article.doi else ""


def authors_line(article: Article) -> str:
    """'Smith J, Doe A.' -- PubMed's Authors column (a final full stop, as PubMed writes it)."""
    names = [a.display for a in article.authors if a.display]
    return ", ".join(names) + "." if names else ""


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    """First and last page, the last written out: '296-302', '616-7' -> ('616', '617'),
    'S12-9' -> ('S12', 'S19'); 'e37086' -> ('e37086', None). Only the first range counts."""
    if not pages:
        return None, None
    first = pages.split(",")[0].strip()
    match = re.fullmatch(r"([A-Za-z]*)(\d+)([A-Za-z]*)\s*-\s*([A-Za-z]*)(\d+)([A-Za-z]*)", first)
    if not match:
        start, _, end = first.partition("-")
        return start.strip() or None, end.strip() or None
    prefix, start, suffix, end_prefix, end, end_suffix = match.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{prefix}{start}{suffix}", f"{end_prefix or prefix}{end}{end_suffix}"


def design_note(item: Paper) -> str:
    """One line on what the paper is and how it ranked, for RIS N1 and BibTeX note."""
    d = item.assessment
    parts = [f"Design: {d.design.label} (evidence level {d.design.level})"]
    parts.append(f"population: {d.population}")
    if d.sample_size:
        parts.append(f"n={d.sample_size}")
    note = "; ".join(parts) + "."
    flags = [
        label
        for flag, label in (
            (d.retracted, "RETRACTED"),
            (d.expression_of_concern, "Expression of concern"),
            (d.has_erratum, "Erratum published"),
        )
        if flag
    ]
    if flags:
        note += " " + ". ".join(flags) + "."
    note += f" Query: {item.query} (rank {item.rank}, score {item.score:.4f})."
    return note


def unique(items: Iterable[Paper]) -> Iterator[Paper]:
    seen: set[str] = set()
    for item in items:
        if item.article.pmid not in seen:
            seen.add(item.article.pmid)
            yield item


def abstract_text(article: Article, joiner: str) -> str:
    return joiner.join(
        f"{s.label}: {s.text}" if s.label else s.text for s in article.abstract_sections if s.text
    )
