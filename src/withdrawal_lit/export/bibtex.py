"""BibTeX (pure): @article entries with stable keys, LaTeX specials escaped, other text kept
as UTF-8; one entry per PMID."""

from __future__ import annotations

import re
import unicodedata
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

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"$<$",
    ">": r"$>$",
}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
# Letters NFKD does not take apart into an ASCII base letter.
_ASCII_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "ı": "i"}
)  # fmt: skip
KEY_STOPWORDS = frozenset({"a", "an", "the", "on", "of", "in", "is", "are", "to", "for", "and"})


def latex_escape(text: str | None) -> str:
    """Text safe inside a BibTeX field: LaTeX specials escaped, everything else (é, ø, β) kept
    as UTF-8, which biber and bibtex8 read."""
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIALS[m.group()], one_line(text))


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def bibtex_key_base(article: Article) -> str:
    """'smith2019kratom': first author's surname (a group's first word), year, first
    significant title word; ASCII letters and digits only."""
    first = article.authors[0] if article.authors else None
    name = ""
    if first is not None:
        name = first.last_name or (first.collective_name or "").split(" ")[0]
    surname = re.sub(r"[^a-z0-9]", "", ascii_fold(name).lower())
    words = re.findall(r"[a-z0-9]+", ascii_fold(article.title).lower())
    word = next((w for w in words if w not in KEY_STOPWORDS), "")
    return f"{surname or 'anon'}{article.year or 'nd'}{word}"


def bibtex_author(author: Author) -> str:
    """'Müller, Jan' ('Last, First'); a collective name braced so BibTeX keeps it whole."""
    if author.collective_name:
        return "{" + latex_escape(author.collective_name) + "}"
    last = _guard_and(latex_escape(author.last_name))
    first = _guard_and(latex_escape(author.fore_name or author.initials))
    return f"{last}, {first}" if first else last


def _guard_and(name: str) -> str:
    """Brace a name holding the word 'and', which BibTeX would read as an author separator."""
    return "{" + name + "}" if re.search(r"\band\b", name, re.IGNORECASE) else name


def bibtex_entry(item: Paper, key: str) -> str:
    a = item.article
    start, end = page_range(a.pages)
    pages = f"{start}--{end}" if start and end else start
    authors = " and ".join(bibtex_author(au) for au in a.authors)
    fields: list[tuple[str, str | None]] = [
        ("author", authors or None),
        # Braced twice: bibliography styles then keep the title's capitals (HIV, Kratom).
        ("title", "{" + latex_escape(a.title) + "}" if a.title else None),
        ("booktitle" if a.is_book and a.title != a.journal else "journal", latex_escape(a.journal)),
        ("publisher", latex_escape(a.publisher)),
        ("year", str(a.year) if a.year else None),
        ("volume", latex_escape(a.volume)),
        ("number", latex_escape(a.issue)),
        ("pages", latex_escape(pages)),
        ("doi", latex_escape(a.doi)),
        ("pmid", a.pmid),
        ("pmcid", a.pmcid),
        ("url", a.url),
        ("keywords", latex_escape(", ".join(a.keywords))),
        ("abstract", latex_escape(abstract_text(a, " "))),
        ("note", latex_escape(design_note(item))),
    ]
    kind = "article" if not a.is_book else ("book" if a.title == a.journal else "incollection")
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def write_bibtex(items: Iterable[Paper], out: TextIO) -> int:
    """@article entries keyed 'smith2019kratom'; a key already used in this file gets the PMID
    appended ('smith2019kratom-30566987'), so keys are unique and stay the same across runs
    that export the same list."""
    used: set[str] = set()
    count = 0
    for item in unique(items):
        key = bibtex_key_base(item.article)
        if key in used:
            key = f"{key}-{item.article.pmid}"
        used.add(key)
        out.write(("\n" if count else "") + bibtex_entry(item, key))
        count += 1
    return count
