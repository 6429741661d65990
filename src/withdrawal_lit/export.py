"""Export formats (pure): CSV, RIS, BibTeX, MEDLINE (.nbib) and JSON Lines.

Each writer takes ranked papers (``paper.Paper``: the record, its assessment and bottom line,
the query that ranked it, rank and score) and a text stream, writes every record as it arrives
and returns how many it wrote. Nothing is collected first, so memory stays flat however long
the list; no file is opened here (the export service owns the stream: stdout, or a temporary
file it renames into place once complete).

- CSV starts with the eleven columns PubMed's own "Save -> CSV" writes, with the same content
  (Authors "Smith J, Doe A.", Citation "Drug Alcohol Depend. 2019 Mar 1;196:1-8. doi: ...",
  Create Date "2019/03/05"), so a PubMed download and ours stack in one sheet; our columns
  follow. RFC 4180 quoting; a cell that a spreadsheet would run as a formula is neutralised
  with a leading single quote, as OWASP's CSV-injection guidance says.
- RIS and MEDLINE (.nbib) are what reference managers (Zotero, EndNote, Mendeley) import.
- BibTeX: @article entries with stable keys, LaTeX specials escaped, other text kept as UTF-8.
- JSON Lines: ``Paper.to_json()``, the one JSON shape (every field of the cached record plus
  the ranking, assessment and bottom line).

The reference formats (RIS, MEDLINE, BibTeX) write each PMID once: a second occurrence would be
a duplicate in a reference library and a repeated key in BibTeX.
"""

from __future__ import annotations

import csv
import json
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # annotations only: the CLI imports FORMATS at start-up, so keep this light
    from withdrawal_lit.paper import Paper
    from withdrawal_lit.records import Article, Author

FORMATS = ("csv", "ris", "bibtex", "medline", "jsonl")
REFERENCE_FORMATS = frozenset({"ris", "bibtex", "medline"})
EXTENSIONS = {"csv": ".csv", "ris": ".ris", "bibtex": ".bib", "medline": ".nbib", "jsonl": ".jsonl"}
QUERY_SEPARATOR = "; "  # joins the queries that found a PMID in a de-duplicated export

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

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SPACES = re.compile(r"\s+")


# -- shared pieces ---------------------------------------------------------------------------
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


def _unique(items: Iterable[Paper]) -> Iterator[Paper]:
    seen: set[str] = set()
    for item in items:
        if item.article.pmid not in seen:
            seen.add(item.article.pmid)
            yield item


# -- CSV -------------------------------------------------------------------------------------
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
        row.append(_abstract_text(a, "\n"))
    return [_cell(v) for v in row]


def _abstract_text(article: Article, joiner: str) -> str:
    return joiner.join(
        f"{s.label}: {s.text}" if s.label else s.text for s in article.abstract_sections if s.text
    )


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


# -- RIS -------------------------------------------------------------------------------------
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
        ("AB", _abstract_text(a, " ")),
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
    for item in _unique(items):
        for tag, value in ris_record(item):
            out.write(f"{tag}  - {value}\n")
        out.write("ER  - \n\n")
        count += 1
    return count


# -- MEDLINE (.nbib) -------------------------------------------------------------------------
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
        ("AB", _abstract_text(a, " ")),
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
    for item in _unique(items):
        out.write("\n")
        for tag, value in medline_record(item):
            out.write(medline_line(tag, value))
        count += 1
    return count


# -- BibTeX ----------------------------------------------------------------------------------
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
        ("abstract", latex_escape(_abstract_text(a, " "))),
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
    for item in _unique(items):
        key = bibtex_key_base(item.article)
        if key in used:
            key = f"{key}-{item.article.pmid}"
        used.add(key)
        out.write(("\n" if count else "") + bibtex_entry(item, key))
        count += 1
    return count


# -- JSON Lines ------------------------------------------------------------------------------
def write_jsonl(items: Iterable[Paper], out: TextIO) -> int:
    """One JSON object per line, UTF-8 (not \\u-escaped)."""
    count = 0
    for item in items:
        out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count


# -- choosing --------------------------------------------------------------------------------
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
