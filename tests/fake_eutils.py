"""A fake NCBI E-utilities server on 127.0.0.1 for the tests and the benchmarks.

It speaks the formats the client reads (esearch, epost and efetch XML, NCBI's error documents,
the JSON body of a 429) and keeps a history server, so the real ``EntrezClient`` can be run
end to end without the network. Faults are injected per utility (``inject``) to exercise the
retry paths: HTTP errors, dropped connections, truncated or short bodies, expired WebEnvs.

The search language covers what our queries use: AND / OR / NOT (left to right, as PubMed
evaluates them), parentheses, quoted phrases, truncation*, field tags and date ranges.
"""

from __future__ import annotations

import bisect
import json
import re
import secrets
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape, quoteattr

PUBMED_HEAD = (
    '<?xml version="1.0" ?>\n'
    '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
ESEARCH_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
)
EPOST_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE ePostResult PUBLIC "-//NLM//DTD epost 20090526//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20090526/epost.dtd">\n'
)
EFETCH_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE eEfetchResult PUBLIC "-//NLM//DTD efetch 20131226//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">\n'
)
RESULT_ROOTS = {"esearch": "eSearchResult", "epost": "ePostResult", "efetch": "eFetchResult"}
FAULTS = ("400", "429", "500", "502", "503", "reset", "truncate", "slow", "error200", "expire")
EFETCH_FAULTS = ("short",)
TRANSIENT_ERROR = "Search Backend failed: temporary failure, please retry"
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LANGUAGES = {"eng": "english", "fre": "french", "ger": "german", "spa": "spanish",
             "ita": "italian", "por": "portuguese", "rus": "russian", "chi": "chinese",
             "jpn": "japanese", "tha": "thai", "may": "malay"}  # fmt: skip
PUB_TYPE_UIS = {"Journal Article": "D016428", "Review": "D016454",
                "Randomized Controlled Trial": "D016449", "Clinical Trial": "D016430",
                "Meta-Analysis": "D017418", "Systematic Review": "D000078182",
                "Case Reports": "D002363", "Retracted Publication": "D016441",
                "Retraction of Publication": "D016440", "Comment": "D016420",
                "Letter": "D016422", "Observational Study": "D064888"}  # fmt: skip


# -- records ---------------------------------------------------------------------------------
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", text.lower()))


@dataclass
class FakeRecord:
    """One PubMed record: the XML efetch returns and what esearch matches against.

    ``text`` is what an untagged term or [All Fields] searches; when empty it is built from
    the structured parts. Records built by ``FakeRecord.build`` keep their keyword arguments
    in ``source`` so ``FakeEutils.revise`` can rebuild them.
    """

    pmid: str
    xml: str
    edat: date
    mdat: date
    pdat: date
    text: str = ""
    title: str = ""
    abstract: str = ""
    mesh: tuple[tuple[str, bool], ...] = ()
    pub_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    journal: str = ""
    keywords: tuple[str, ...] = ()
    substances: tuple[str, ...] = ()  # the ChemicalList, searched by [nm]
    actions: tuple[str, ...] = ()  # pharmacological actions of its substances, [pa]
    source: dict | None = field(default=None, repr=False)
    index: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not self.text:
            self.text = " ".join(
                [self.title, self.abstract, *(m for m, _ in self.mesh), *self.substances,
                 *self.keywords, *self.pub_types, *self.authors, self.journal]
            )  # fmt: skip
        title, abstract = self.title, self.abstract
        if not (title or abstract):  # a record given only as text: [ti]/[tiab] search it all
            title = self.text
        segments = {
            "all": [self.text],
            "title": [title],
            "abstract": [abstract],
            "mesh": [m for m, _ in self.mesh],
            "majr": [m for m, major in self.mesh if major],
            "pt": list(self.pub_types),
            "la": [*self.languages, *(LANGUAGES.get(code, code) for code in self.languages)],
            "au": list(self.authors),
            "ta": [self.journal],
            "kw": list(self.keywords),
            "nm": list(self.substances),
            "pa": list(self.actions),
        }
        self.index = {
            key: [(toks, frozenset(toks)) for toks in map(_tokens, texts) if toks]
            for key, texts in segments.items()
        }

    @classmethod
    def build(cls, pmid: str, title: str, **kwargs) -> FakeRecord:
        """A record and its PubMed XML from the same keyword arguments as make_article_xml."""
        source = {"pmid": str(pmid), "title": title, **kwargs}
        pdat, edat, mdat = _record_dates(
            kwargs.get("year"), kwargs.get("pub_date"), kwargs.get("edat"), kwargs.get("mdat")
        )
        sections = kwargs.get("abstract_sections") or ()
        abstract = " ".join(text for _, _, text in sections) or kwargs.get("abstract", "")
        return cls(
            pmid=str(pmid),
            xml=make_article_xml(str(pmid), title, **kwargs),
            edat=edat,
            mdat=mdat,
            pdat=pdat,
            title=title,
            abstract=abstract,
            mesh=tuple((d, bool(major)) for d, major in kwargs.get("mesh", ())),
            pub_types=tuple(kwargs.get("pub_types", ("Journal Article",))),
            languages=tuple(kwargs.get("languages", ("eng",))),
            authors=tuple(kwargs.get("authors", ("Doe J",))),
            journal=kwargs.get("journal", DEFAULT_JOURNAL),
            keywords=tuple(kwargs.get("keywords", ())),
            substances=tuple(kwargs.get("chemicals", ())),
            source=source,
        )


DEFAULT_JOURNAL = "Journal of Addiction Research"


def _record_dates(
    year: int | None, pub_date: date | None, edat: date | None, mdat: date | None
) -> tuple[date, date, date]:
    """(pdat, edat, mdat): publication date from pub_date or 1 January of year; the entry
    date defaults to it, the modification date to the entry date."""
    pdat = pub_date or date(year or 2020, 1, 1)
    edat = edat or pdat
    return pdat, edat, mdat or edat


def _date_xml(tag: str, day: date, attrs: str = "", time_of_day: bool = False) -> str:
    clock = "<Hour>6</Hour><Minute>0</Minute>" if time_of_day else ""
    return (
        f"<{tag}{attrs}><Year>{day.year}</Year><Month>{day.month:02d}</Month>"
        f"<Day>{day.day:02d}</Day>{clock}</{tag}>"
    )


def _author_xml(name: str) -> str:
    """'Smith JA' -> a personal name (last word = initials); anything else is collective."""
    last, _, initials = name.rpartition(" ")
    if last and initials.isalpha() and initials.isupper() and len(initials) <= 3:
        fore = " ".join(initials)
        return (
            f'<Author ValidYN="Y"><LastName>{escape(last)}</LastName>'
            f"<ForeName>{escape(fore)}</ForeName><Initials>{escape(initials)}</Initials></Author>"
        )
    return f'<Author ValidYN="Y"><CollectiveName>{escape(name)}</CollectiveName></Author>'


def make_article_xml(
    pmid: str,
    title: str,
    *,
    abstract: str = "",
    abstract_sections: tuple[tuple[str | None, str | None, str], ...] = (),
    year: int | None = None,
    pub_date: date | None = None,
    journal: str = DEFAULT_JOURNAL,
    journal_iso: str | None = None,
    volume: str = "12",
    issue: str = "3",
    pages: str = "101-110",
    authors: tuple[str, ...] = ("Doe J",),
    pub_types: tuple[str, ...] = ("Journal Article",),
    mesh: tuple[tuple[str, bool], ...] = (),
    keywords: tuple[str, ...] = (),
    chemicals: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("eng",),
    doi: str | None = None,
    pmcid: str | None = None,
    comments: tuple[tuple[str, str], ...] = (),
    edat: date | None = None,
    mdat: date | None = None,
) -> str:
    """A <PubmedArticle> element laid out as PubMed's efetch writes one.

    ``abstract_sections`` are (Label, NlmCategory, text) for a structured abstract; ``mesh``
    are (descriptor, major topic); ``chemicals`` are substance names (the ChemicalList);
    ``comments`` are (RefType, PMID) such as
    ("RetractionIn", "123"). Text is escaped, so it cannot carry inline markup.
    """
    pdat, edat, mdat = _record_dates(year, pub_date, edat, mdat)
    month_day = (
        f"<Month>{MONTH_NAMES[pdat.month - 1]}</Month><Day>{pdat.day:02d}</Day>" if pub_date else ""
    )
    iso = journal_iso or journal
    parts = [
        "<PubmedArticle>",
        f'<MedlineCitation Status="{"MEDLINE" if mesh else "PubMed-not-MEDLINE"}" Owner="NLM">',
        f'<PMID Version="1">{escape(pmid)}</PMID>',
        _date_xml("DateRevised", mdat),
        '<Article PubModel="Print">',
        '<Journal><JournalIssue CitedMedium="Internet">',
        f"<Volume>{escape(volume)}</Volume><Issue>{escape(issue)}</Issue>",
        f"<PubDate><Year>{pdat.year}</Year>{month_day}</PubDate></JournalIssue>",
        f"<Title>{escape(journal)}</Title><ISOAbbreviation>{escape(iso)}</ISOAbbreviation>",
        "</Journal>",
        f"<ArticleTitle>{escape(title)}</ArticleTitle>",
        f"<Pagination><MedlinePgn>{escape(pages)}</MedlinePgn></Pagination>",
    ]
    if doi:
        parts.append(f'<ELocationID EIdType="doi" ValidYN="Y">{escape(doi)}</ELocationID>')
    if abstract_sections:
        parts.append("<Abstract>")
        for label, category, text in abstract_sections:
            attrs = (f" Label={quoteattr(label)}" if label else "") + (
                f" NlmCategory={quoteattr(category)}" if category else ""
            )
            parts.append(f"<AbstractText{attrs}>{escape(text)}</AbstractText>")
        parts.append("</Abstract>")
    elif abstract:
        parts.append(f"<Abstract><AbstractText>{escape(abstract)}</AbstractText></Abstract>")
    if authors:
        parts.append('<AuthorList CompleteYN="Y">')
        parts.extend(_author_xml(name) for name in authors)
        parts.append("</AuthorList>")
    parts.extend(f"<Language>{escape(code)}</Language>" for code in languages)
    parts.append("<PublicationTypeList>")
    for pub_type in pub_types:
        ui = PUB_TYPE_UIS.get(pub_type)
        parts.append(
            f"<PublicationType{f' UI={quoteattr(ui)}' if ui else ''}>"
            f"{escape(pub_type)}</PublicationType>"
        )
    parts.append("</PublicationTypeList></Article>")
    parts.append(
        "<MedlineJournalInfo><Country>United States</Country>"
        f"<MedlineTA>{escape(iso)}</MedlineTA>"
        f"<NlmUniqueID>{zlib.crc32(journal.encode()) % 10**7:07d}</NlmUniqueID>"
        "</MedlineJournalInfo>"
    )
    if chemicals:
        parts.append("<ChemicalList>")
        for name in chemicals:
            ui = f"C{zlib.crc32(name.encode()) % 10**6:06d}"
            parts.append(
                "<Chemical><RegistryNumber>0</RegistryNumber>"
                f'<NameOfSubstance UI="{ui}">{escape(name)}</NameOfSubstance></Chemical>'
            )
        parts.append("</ChemicalList>")
    if comments:
        parts.append("<CommentsCorrectionsList>")
        for ref_type, ref_pmid in comments:
            parts.append(
                f"<CommentsCorrections RefType={quoteattr(ref_type)}>"
                f"<RefSource>{escape(iso)}. {pdat.year}</RefSource>"
                f'<PMID Version="1">{escape(ref_pmid)}</PMID></CommentsCorrections>'
            )
        parts.append("</CommentsCorrectionsList>")
    if mesh:
        parts.append("<MeshHeadingList>")
        for descriptor, major in mesh:
            ui = f"D{zlib.crc32(descriptor.encode()) % 10**6:06d}"
            parts.append(
                f'<MeshHeading><DescriptorName UI="{ui}" MajorTopicYN="{"Y" if major else "N"}">'
                f"{escape(descriptor)}</DescriptorName></MeshHeading>"
            )
        parts.append("</MeshHeadingList>")
    if keywords:
        parts.append('<KeywordList Owner="NOTNLM">')
        parts.extend(f'<Keyword MajorTopicYN="N">{escape(k)}</Keyword>' for k in keywords)
        parts.append("</KeywordList>")
    parts.append("</MedlineCitation><PubmedData><History>")
    parts.append(_date_xml("PubMedPubDate", edat, ' PubStatus="entrez"', time_of_day=True))
    parts.append(_date_xml("PubMedPubDate", edat, ' PubStatus="pubmed"', time_of_day=True))
    parts.append(_date_xml("PubMedPubDate", edat, ' PubStatus="medline"', time_of_day=True))
    parts.append("</History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>")
    parts.append(f'<ArticleId IdType="pubmed">{escape(pmid)}</ArticleId>')
    if doi:
        parts.append(f'<ArticleId IdType="doi">{escape(doi)}</ArticleId>')
    if pmcid:
        parts.append(f'<ArticleId IdType="pmc">{escape(pmcid)}</ArticleId>')
    parts.append("</ArticleIdList></PubmedData></PubmedArticle>")
    return "".join(parts)


# -- the search language ---------------------------------------------------------------------
class InvalidQuery(Exception):
    """Unbalanced parentheses or quotes, a dangling operator: NCBI answers <ERROR>."""


# canonical field -> (index keys, how a term matches a segment)
FIELDS = {
    "All Fields": (("all",), "contains"),
    # PubMed Help: [tiab] covers the title, abstract and author keywords.
    "Title/Abstract": (("title", "abstract", "kw"), "contains"),
    "Title": (("title",), "contains"),
    "Abstract": (("abstract",), "contains"),
    "Text Word": (("title", "abstract", "mesh", "kw"), "contains"),
    "MeSH Terms": (("mesh",), "equals"),
    "MeSH Major Topic": (("majr",), "equals"),
    "Publication Type": (("pt",), "equals"),
    "Language": (("la",), "equals"),
    "Author": (("au",), "prefix"),
    "Journal": (("ta",), "contains"),
    "Other Term": (("kw",), "contains"),
    "Supplementary Concept": (("nm",), "equals"),
    "Pharmacological Action": (("pa",), "equals"),
}
VOCABULARY_FIELDS = ("MeSH Terms", "MeSH Major Topic", "Supplementary Concept",
                     "Pharmacological Action", "Publication Type")  # fmt: skip
# PubMed's stopwords: a term that is only one of them is ignored (PhraseIgnored).
_STOPWORD_TEXT = (
    "a about again all almost also although always among an and another any are as at be "
    "because been before being between both but by can could did do does done due during each "
    "either enough especially etc for found from further had has have having here how however "
    "i if in into is it its itself just kg km made mainly make may mg might ml mm most mostly "
    "must nearly neither no nor obtained of often on our overall perhaps pmid quite rather "
    "really regarding seem seen several should show showed shown shows significantly since so "
    "some such than that the their theirs them then there therefore these they this those "
    "through thus to upon use used using various very was we were what when which while with "
    "within without would"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
DATE_FIELDS = {"Date - Publication": "pdat", "Date - Entry": "edat", "Date - Modification": "mdat"}
FIELD_ALIASES = {
    alias: canonical
    for canonical, aliases in {
        "All Fields": ("all", "all fields"),
        "Title/Abstract": ("tiab", "title/abstract"),
        "Title": ("ti", "title"),
        "Abstract": ("ab", "abstract"),
        "Text Word": ("tw", "text word"),
        "MeSH Terms": ("mh", "mesh", "mesh terms", "mh:noexp", "mesh:noexp", "mesh terms:noexp"),
        "MeSH Major Topic": ("majr", "mesh major topic", "majr:noexp"),
        "Publication Type": ("pt", "publication type"),
        "Language": ("la", "language"),
        "Author": ("au", "author"),
        "Journal": ("ta", "journal"),
        "Other Term": ("ot", "other term"),
        "Supplementary Concept": ("nm", "supplementary concept", "substance name"),
        "Pharmacological Action": ("pa", "pharmacological action"),
        "Date - Publication": ("dp", "pdat", "date - publication", "publication date"),
        "Date - Entry": ("edat", "date - entry", "entrez date"),
        "Date - Modification": ("mdat", "date - modification", "modification date"),
        "UID": ("uid", "pmid"),
    }.items()
    for alias in aliases
}
OPERATORS = ("AND", "OR", "NOT")
_TOKEN = re.compile(
    r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<quote>[^"]*)"|\[(?P<tag>[^\]\[]*)\]|(?P<word>[^\s()"\[\]]+))'
)


@dataclass
class Term:
    text: str
    quoted: bool
    tag: str | None = None


@dataclass
class Op:
    op: str
    left: Term | Op
    right: Term | Op


def parse_term(term: str) -> Term | Op:
    """The query as a tree; operators bind left to right, adjacent terms are ANDed."""
    tokens: list[tuple[str, str]] = []
    pos, text = 0, term.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise InvalidQuery(term)
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    if not tokens:
        raise InvalidQuery(term)
    parser = _Parser(tokens)
    node = parser.expr()
    if parser.pos != len(tokens):
        raise InvalidQuery(term)
    return node


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens, self.pos = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expr(self) -> Term | Op:
        node = self.operand()
        while (token := self.peek()) is not None and token[0] != "rp":
            op = "AND"
            if token[0] == "word" and token[1] in OPERATORS:
                op = token[1]
                self.pos += 1
            node = Op(op, node, self.operand())
        return node

    def operand(self) -> Term | Op:
        token = self.peek()
        if token is None:
            raise InvalidQuery("dangling operator")
        self.pos += 1
        kind, value = token
        if kind == "lp":
            node = self.expr()
            if self.peek() != ("rp", ")"):
                raise InvalidQuery("unbalanced parentheses")
            self.pos += 1
        elif kind == "word" and value not in OPERATORS:
            # Words run together up to a tag form one phrase, as in PubMed: smith j[au]
            end = self.pos
            while end < len(self.tokens) and self.tokens[end][0] == "word":
                if self.tokens[end][1] in OPERATORS:
                    break
                end += 1
            if end > self.pos and end < len(self.tokens) and self.tokens[end][0] == "tag":
                value = " ".join([value, *(text for _, text in self.tokens[self.pos : end])])
                self.pos = end
            node = Term(value, quoted=False)
        elif kind == "quote":
            node = Term(value, quoted=True)
        else:
            raise InvalidQuery(f"unexpected {value!r}")
        if (tag := self.peek()) and tag[0] == "tag":
            self.pos += 1
            _tag_untagged(node, tag[1])
        if isinstance(node, Term) and self.peek() == ("word", ":"):
            # PubMed's own spelling of a range: "2020/01/01"[edat] : "2020/12/31"[edat]
            self.pos += 1
            end = self.operand()
            if not isinstance(end, Term):
                raise InvalidQuery("a date range ends with a date")
            node = Term(f"{node.text}:{end.text}", quoted=False, tag=node.tag or end.tag)
        return node


def _tag_untagged(node: Term | Op, tag: str) -> None:
    """A tag after a term applies to it; after a group, to the group's untagged terms."""
    if isinstance(node, Term):
        node.tag = node.tag or tag
    else:
        _tag_untagged(node.left, tag)
        _tag_untagged(node.right, tag)


def _date_bound(text: str, end: bool) -> date:
    parts = [int(p) for p in re.split(r"[/-]", text)]
    if not 1 <= len(parts) <= 3:
        raise ValueError(text)
    year, month, day = (parts + [None, None])[:3]
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    if day is None:
        if not end:
            return date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(year, month, day)


def date_range(text: str) -> tuple[date, date]:
    """'2020', '2020/03', '2020/03/05' or 'a:b' as an inclusive (first day, last day)."""
    low, _, high = text.partition(":")
    return _date_bound(low.strip(), end=False), _date_bound((high or low).strip(), end=True)


def _segment_matches(words: tuple[str, ...], truncated: bool, segment, mode: str) -> bool:
    """Does one indexed segment (a title, a MeSH heading...) match the term's words?

    contains: the words appear consecutively; equals: the segment is exactly the words;
    prefix: the segment starts with them. A truncated term (word*) and author names match
    the last word as a prefix."""
    tokens, token_set = segment
    n = len(words)
    prefix_ok = truncated or mode == "prefix"
    if len(tokens) < n or not token_set.issuperset(words[:-1]):
        return False
    if not prefix_ok and words[-1] not in token_set:
        return False
    if mode == "equals" and not truncated and len(tokens) != n:
        return False
    for start in range(len(tokens) - n + 1) if mode == "contains" else (0,):
        if tokens[start : start + n - 1] != words[:-1]:
            continue
        last = tokens[start + n - 1]
        if last == words[-1] or (prefix_ok and last.startswith(words[-1])):
            return True
    return False


@dataclass
class SearchOutcome:
    ids: list[str]
    translation: str
    errors: list[tuple[str, str]]
    warnings: list[tuple[str, str]]


class _Evaluator:
    """Evaluates a parsed query over the visible records, noting NCBI's messages.

    With a ``vocabulary`` (see FakeEutils.vocabulary), names PubMed does not know are
    dropped and quoted phrases missing from its phrase index are split into words, each
    with NCBI's message; ``rewrites`` then holds what the translation shows instead of the
    term (None: dropped)."""

    vocabulary = None

    def __init__(self, records: list[FakeRecord], history: dict[str, list[str]]):
        self.records, self.history = records, history
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.rewrites: dict[int, str | None] = {}

    def run(self, node: Term | Op) -> set[str]:
        return self._run(node) or set()

    def _run(self, node: Term | Op) -> set[str] | None:
        """None: the term was dropped, and the operator joining it is dropped with it."""
        if isinstance(node, Op):
            left, right = self._run(node.left), self._run(node.right)
            if left is None or right is None:
                return left if right is None else (right if node.op != "NOT" else None)
            return {"AND": left & right, "OR": left | right, "NOT": left - right}[node.op]
        if self.vocabulary is not None:
            return self._checked_term(node)
        return self.term(node)

    def _checked_term(self, node: Term) -> set[str] | None:
        canonical = FIELD_ALIASES.get((node.tag or "all").strip().lower())
        if canonical in VOCABULARY_FIELDS:
            if not self.vocabulary.knows(canonical, node.text.split("/")[0]):
                self.errors.append(("PhraseNotFound", node.text))
                self.rewrites[id(node)] = None
                return None
            return self.term(node)
        if canonical not in FIELDS or FIELDS[canonical][1] != "contains":
            return self.term(node)
        if not node.quoted and node.text.lower() in STOPWORDS:
            self.warnings.append(("PhraseIgnored", node.text))
            self.rewrites[id(node)] = None
            return None
        if self.vocabulary.knows("text", node.text):  # in PubMed's index, if not in ours
            return self._quietly(node)
        tokens = _tokens(node.text.rstrip("*"))
        if not node.quoted or len(tokens) < 2:
            return self.term(node)
        words = list(dict.fromkeys(tokens))
        self.warnings.append(("QuotedPhraseNotFound", f'"{node.text}"'))
        parts = [Term(w + ("*" if node.text.endswith("*") else ""), False, node.tag) for w in words]
        self.rewrites[id(node)] = " AND ".join(f"{p.text}[{canonical}]" for p in parts)
        found = self._quietly(parts[0])
        for part in parts[1:]:
            found &= self._quietly(part)
        return found

    def _quietly(self, node: Term) -> set[str]:
        """The term's records without a not-found message (PubMed's index holds the term)."""
        errors, warnings = list(self.errors), list(self.warnings)
        found = self.term(node)
        self.errors[:], self.warnings[:] = errors, warnings
        return found

    def term(self, node: Term) -> set[str]:
        if not node.quoted and re.fullmatch(r"#\d+", node.text):
            if node.text[1:] not in self.history:
                raise InvalidQuery(f"Unable to obtain query {node.text}")
            return set(self.history[node.text[1:]])
        canonical = FIELD_ALIASES.get((node.tag or "all").strip().lower())
        if canonical is None:
            self.errors.append(("FieldNotFound", node.tag or ""))
            return set()
        if canonical in DATE_FIELDS:
            try:
                low, high = date_range(node.text)
            except ValueError:
                self.errors.append(("PhraseNotFound", node.text))
                return set()
            attr = DATE_FIELDS[canonical]
            return {r.pmid for r in self.records if low <= getattr(r, attr) <= high}
        if canonical == "UID":  # 12345[uid]: the record with that PMID, if PubMed has it
            return {r.pmid for r in self.records if r.pmid == node.text.strip()}
        if canonical == "All Fields" and node.text.lower() == "hasabstract":
            return {r.pmid for r in self.records if r.abstract}
        truncated = node.text.endswith("*")
        words = _tokens(node.text.rstrip("*"))
        keys, mode = FIELDS[canonical]
        found = (
            {
                r.pmid
                for r in self.records
                if any(
                    _segment_matches(words, truncated, segment, mode)
                    for key in keys
                    for segment in r.index[key]
                )
            }
            if words
            else set()
        )
        if not found and mode == "contains":
            if node.quoted:
                self.warnings.append(("QuotedPhraseNotFound", f'"{node.text}"'))
            else:
                self.errors.append(("PhraseNotFound", node.text))
        return found


def translate(node: Term | Op, bare: bool = True, rewrites: dict | None = None) -> str | None:
    """The query as PubMed's QueryTranslation writes it: every term with its field, groups
    in parentheses (a chain of one operator, which binds left to right, needs none).
    ``rewrites`` (from the evaluator) replace a term by id, or drop it (None)."""
    rewrites = rewrites or {}
    if isinstance(node, Op):
        same = isinstance(node.left, Op) and node.left.op == node.op
        left = translate(node.left, same, rewrites)
        right = translate(node.right, False, rewrites)
        if left is None or right is None:
            return right if left is None and node.op != "NOT" else left
        text = f"{left} {node.op} {right}"
        return text if bare else f"({text})"
    if id(node) in rewrites:
        text = rewrites[id(node)]
        return text if text is None or bare else f"({text})"
    tag = FIELD_ALIASES.get((node.tag or "all").strip().lower(), node.tag)
    text = f'"{node.text}"' if node.quoted else node.text
    return f"{text}[{tag}]"


# -- the server ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SeenRequest:
    """One request as the server saw it; unpacks as (utility, params)."""

    utility: str
    params: dict[str, str]
    method: str
    user_agent: str
    path: str = ""  # the request line's target, query string included
    arrived: float = 0.0  # time.monotonic() when the request line was read

    def __iter__(self):
        return iter((self.utility, self.params))


@dataclass
class Fault:
    utility: str | None  # None: any utility
    kind: str
    times: int
    retry_after: str | None = None
    message: str | None = None  # an "error200" fault's <ERROR> text


@dataclass
class _Reply:
    status: int
    body: bytes
    content_type: str = "text/xml; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    cut: int | None = None  # drop the connection after this many body bytes


class FakeEutils:
    """with FakeEutils() as fake: EntrezClient(settings with eutils_url=fake.url) ...

    ``retstart_cap`` is the last retstart esearch accepts (PubMed: 9998, i.e. 9,999 records
    reachable per search); lower it to exercise date-window splitting with a few records.
    ``rate_limit`` answers 429 to a request that would make N + 1 requests arrive within one
    second (any second, timed when the request line is read) per api_key (or per client
    address without a key); requests answered 429 are not counted.
    ``latency_per_request`` / ``latency_per_record`` (seconds) slow answers down for
    benchmarks; ``slow_seconds`` is how long a "slow" fault stalls.
    ``handler`` is the request handler class (default ``_Handler``) for subclasses.
    """

    handler: type | None = None
    # What PubMed's indexes hold beyond these records: an object with knows(field, text)
    # (field: a canonical vocabulary field, or "text" for words and phrases). When set,
    # unknown headings/substances are dropped with PhraseNotFound and unknown quoted phrases
    # split with QuotedPhraseNotFound, as NCBI does. None: no such checks.
    vocabulary = None

    def __init__(
        self,
        *,
        today: date | None = None,
        retstart_cap: int = 9998,
        max_retmax: int = 10000,
        rate_limit: int | None = None,
        latency_per_request: float = 0.0,
        latency_per_record: float = 0.0,
        slow_seconds: float = 2.0,
    ):
        self.records: dict[str, FakeRecord] = {}
        self.today = today or date.today()
        self.retstart_cap = retstart_cap
        self.max_retmax = max_retmax
        self.rate_limit = rate_limit
        self.latency_per_request = latency_per_request
        self.latency_per_record = latency_per_record
        self.slow_seconds = slow_seconds
        self.requests: list[SeenRequest] = []
        self.faults: list[Fault] = []
        self.history: dict[str, dict[str, list[str]]] = {}
        self._lock = threading.Lock()
        self._recent: dict[str, list[float]] = {}  # arrival times of counted requests, sorted
        self.limited = 0  # requests answered 429 by the rate window
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle
    def __enter__(self) -> FakeEutils:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler or _Handler)
        server.daemon_threads = True
        server.fake = self
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        self._server = server

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start the server first (use it as a context manager)"
        return f"http://127.0.0.1:{self._server.server_address[1]}/entrez/eutils/"

    # -- data
    def add(self, record: FakeRecord) -> FakeRecord:
        self.records[record.pmid] = record
        return record

    def add_article(self, pmid: str, title: str, **kwargs) -> FakeRecord:
        return self.add(FakeRecord.build(pmid, title, **kwargs))

    def revise(self, pmid: str, **changes) -> FakeRecord:
        """Change a record as NCBI revises one: its modification date becomes today."""
        record = self.records[str(pmid)]
        if record.source is not None:
            return self.add(FakeRecord.build(**{**record.source, **changes, "mdat": self.today}))
        return self.add(replace(record, **changes, mdat=self.today))

    def inject(
        self,
        utility: str | None,
        kind: str,
        times: int = 1,
        *,
        retry_after: int | None = None,
        message: str | None = None,
    ) -> None:
        """Make the next ``times`` requests to ``utility`` (None: any) fail as ``kind``;
        ``message`` is the <ERROR> text of an "error200" (default ``TRANSIENT_ERROR``)."""
        if kind not in FAULTS and not (kind in EFETCH_FAULTS and utility == "efetch"):
            raise ValueError(f"unknown fault {kind!r} for {utility}")
        after = None if retry_after is None else str(retry_after)
        self.faults.append(Fault(utility, kind, times, after, message))

    def count(self, utility: str | None = None) -> int:
        return sum(1 for seen in self.requests if utility in (None, seen.utility))

    # -- request handling
    def handle(self, params: dict[str, str], seen: SeenRequest, client: str) -> _Reply:
        """The reply to one request (``params`` with lower-cased names), faults applied."""
        utility = seen.utility
        with self._lock:
            self.requests.append(seen)
            limited = self._rate_limited(params.get("api_key") or client, seen.arrived)
            if limited is not None:
                return limited
            fault = self._take_fault(utility)
            if fault is not None and fault.kind not in ("truncate", "reset", "short", "slow"):
                return self._fault_reply(utility, params, fault)
            reply = self._answer(utility, params)
        if fault is not None:
            reply = self._spoil(reply, fault, params)
        reply.delay += self.latency_per_request
        return reply

    def _rate_limited(self, who: str, arrived: float) -> _Reply | None:
        """429 when this arrival and ``rate_limit`` counted ones fall within one second.
        Arrivals are kept sorted: connections can be handled out of arrival order."""
        if not self.rate_limit:
            return None
        now = arrived or time.monotonic()
        stamps = self._recent.setdefault(who, [])
        del stamps[: bisect.bisect_left(stamps, now - 2.0)]  # too old to matter
        at = bisect.bisect_left(stamps, now)
        trial = [*stamps[:at], now, *stamps[at:]]
        limit = self.rate_limit
        for first in range(max(0, at - limit), min(at, len(trial) - limit - 1) + 1):
            if trial[first + limit] - trial[first] < 1.0:
                self.limited += 1
                count = str(limit + 1)
                body = {"error": "API rate limit exceeded", "api-key": who,
                        "count": count, "limit": str(limit)}  # fmt: skip
                return _Reply(429, json.dumps(body).encode(), "application/json")
        stamps.insert(at, now)
        return None

    def _take_fault(self, utility: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.utility in (None, utility):
                fault.times -= 1
                return fault
        return None

    def _fault_reply(self, utility: str, params: dict[str, str], fault: Fault) -> _Reply:
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        if fault.kind == "400":
            body = {"error": "API key invalid", "api-key": params.get("api_key", ""),
                    "type": "invalid", "status": "unknown"}  # fmt: skip
            return _Reply(400, json.dumps(body).encode(), "application/json")
        if fault.kind == "429":
            body = {"error": "API rate limit exceeded", "api-key": params.get("api_key", ""),
                    "count": "4", "limit": "3"}  # fmt: skip
            return _Reply(429, json.dumps(body).encode(), "application/json", headers)
        if fault.kind in ("500", "502", "503"):
            reason = {"500": "Internal Server Error", "502": "Bad Gateway",
                      "503": "Service Unavailable"}[fault.kind]  # fmt: skip
            page = f"<html><head><title>{fault.kind} {reason}</title></head><body>{reason}</body>"
            return _Reply(int(fault.kind), page.encode(), "text/html", headers)
        if fault.kind == "expire":
            self.history.pop(params.get("webenv", ""), None)
            return _error_doc(utility, f"Unable to obtain query #{params.get('query_key', '1')}")
        return _error_doc(utility, fault.message or TRANSIENT_ERROR)  # error200

    def _spoil(self, reply: _Reply, fault: Fault, params: dict[str, str]) -> _Reply:
        if fault.kind == "slow":
            reply.delay += self.slow_seconds
        elif fault.kind == "truncate":
            reply.body = reply.body[: len(reply.body) // 2]
        elif fault.kind == "reset":
            reply.cut = len(reply.body) // 2
        elif fault.kind == "short" and reply.status == 200:
            body = reply.body.decode()
            last = body.rfind("<PubmedArticle>")
            if last != -1:
                end = body.index("</PubmedArticle>", last) + len("</PubmedArticle>")
                reply.body = (body[:last] + body[end:]).encode()
        return reply

    def _answer(self, utility: str, params: dict[str, str]) -> _Reply:
        db = params.get("db", "pubmed")
        if db != "pubmed":
            return _error_doc(utility, f"Invalid db name specified: {db}")
        handler = {"esearch": self._esearch, "epost": self._epost, "efetch": self._efetch}.get(
            utility
        )
        if handler is None:
            return _Reply(404, b"Not Found", "text/plain")
        return handler(params)

    def _evaluator(self, records: list[FakeRecord], history: dict[str, list[str]]) -> _Evaluator:
        """What evaluates a parsed term over ``records``; the benchmarks index large corpora."""
        return _Evaluator(records, history)

    def _visible(self) -> list[FakeRecord]:
        """Records PubMed holds today: entered (edat) on or before ``today``."""
        return [r for r in self.records.values() if r.edat <= self.today]

    def search(self, term: str, params: dict[str, str] | None = None) -> SearchOutcome:
        """What esearch finds for ``term`` with esearch's date parameters, sorted as PubMed
        does by default (most recently entered first). Raises InvalidQuery."""
        params = params or {}
        node = parse_term(term)
        records = self._visible()
        evaluator = self._evaluator(records, self.history.get(params.get("webenv", ""), {}))
        evaluator.vocabulary = self.vocabulary
        found = evaluator.run(node)
        if any(kind == "FieldNotFound" for kind, _ in evaluator.errors):
            found = set()
        attr = params.get("datetype", "pdat")
        if params.get("reldate", "").isdigit():
            low, high = self.today - timedelta(days=int(params["reldate"])), self.today
        elif params.get("mindate") and params.get("maxdate"):
            low = date_range(params["mindate"])[0]
            high = date_range(params["maxdate"])[1]
        else:
            low = high = None
        chosen = [
            r
            for r in records
            if r.pmid in found and (low is None or low <= getattr(r, attr, r.pdat) <= high)
        ]
        key = "pdat" if params.get("sort") in ("pub_date", "pub+date", "pub date") else "edat"
        chosen.sort(key=lambda r: (getattr(r, key), int(r.pmid)), reverse=True)
        return SearchOutcome(
            [r.pmid for r in chosen],
            translate(node, rewrites=evaluator.rewrites) or "",
            evaluator.errors,
            evaluator.warnings,
        )

    def _store(self, webenv: str | None, ids: list[str]) -> tuple[str, str]:
        if not webenv or webenv not in self.history:
            webenv = webenv or f"MCID_{secrets.token_hex(12)}"
            self.history[webenv] = {}
        keys = self.history[webenv]
        query_key = str(len(keys) + 1)
        keys[query_key] = ids
        return webenv, query_key

    def _esearch(self, params: dict[str, str]) -> _Reply:
        term = params.get("term", "").strip()
        if not term:
            return _error_doc("esearch", "Empty term and query_key - nothing todo")
        retstart = int(params.get("retstart") or 0)
        retmax = min(int(params.get("retmax") or 20), self.max_retmax)
        if retstart > self.retstart_cap:
            return _error_doc(
                "esearch",
                "Search Backend failed: Exception:\n'retstart' cannot be larger than "
                f"{self.retstart_cap}. For PubMed, ESearch can only retrieve the first "
                f"{self.retstart_cap + 1:,} records matching the query. To obtain more than "
                f"{self.retstart_cap + 1:,} PubMed records, consider using EDirect that contains "
                "additional logic to batch PubMed search results automatically so that an "
                "arbitrary number can be retrieved. For details see "
                "https://www.ncbi.nlm.nih.gov/books/NBK25499/",
            )
        try:
            outcome = self.search(term, params)
        except InvalidQuery as exc:
            message = str(exc) if str(exc).startswith("Unable") else "Invalid query"
            return _error_doc("esearch", message)
        ids = outcome.ids[retstart : min(retstart + retmax, self.retstart_cap + 1)]
        parts = [f"<Count>{len(outcome.ids)}</Count>"]
        if params.get("rettype") != "count":
            parts.append(f"<RetMax>{len(ids)}</RetMax><RetStart>{retstart}</RetStart>")
            if params.get("usehistory") == "y":
                webenv, query_key = self._store(params.get("webenv"), outcome.ids)
                parts.append(f"<QueryKey>{query_key}</QueryKey><WebEnv>{webenv}</WebEnv>")
            id_list = "".join(f"<Id>{i}</Id>\n" for i in ids)
            parts.append(f"<IdList>\n{id_list}</IdList>" if ids else "<IdList/>")
            parts.append("<TranslationSet/>")
            parts.append(f"<QueryTranslation>{escape(outcome.translation)}</QueryTranslation>")
        warnings = list(outcome.warnings)
        if not outcome.ids:
            warnings.append(("OutputMessage", "No items found."))
        for name, entries in (("ErrorList", outcome.errors), ("WarningList", warnings)):
            if entries:
                inner = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in entries)
                parts.append(f"<{name}>{inner}</{name}>")
        body = ESEARCH_HEAD + "<eSearchResult>" + "".join(parts) + "</eSearchResult>\n"
        return _Reply(200, body.encode())

    def _epost(self, params: dict[str, str]) -> _Reply:
        raw = [i.strip() for i in params.get("id", "").split(",") if i.strip()]
        ids = list(dict.fromkeys(i for i in raw if i.isdigit()))
        messages = []
        if not ids:
            messages.append("Empty ID list; Nothing to store")
        if len(ids) < len(raw):
            messages.append(
                "Some IDs have invalid value and were omitted. "
                "Maximum ID value 18446744073709551615"
            )
        if not ids:
            return _error_doc("epost", *messages)
        webenv, query_key = self._store(params.get("webenv"), ids)
        body = (
            f"{EPOST_HEAD}<ePostResult>\n"
            + "".join(f"\t<ERROR>{escape(m)}</ERROR>\n" for m in messages)
            + f"\t<QueryKey>{query_key}</QueryKey>\n\t<WebEnv>{webenv}</WebEnv>\n</ePostResult>\n"
        )
        return _Reply(200, body.encode())

    def _efetch(self, params: dict[str, str]) -> _Reply:
        if params.get("id"):
            ids = [i.strip() for i in params["id"].split(",") if i.strip()]
        else:
            query_key = params.get("query_key", "1")
            stored = self.history.get(params.get("webenv", ""), {}).get(query_key)
            if stored is None:
                return _error_doc("efetch", f"Unable to obtain query #{query_key}")
            retstart = int(params.get("retstart") or 0)
            ids = stored[retstart : retstart + int(params.get("retmax") or 20)]
        visible = {r.pmid: r for r in self._visible()}
        records = [visible[i].xml for i in ids if i in visible]
        body = PUBMED_HEAD + "<PubmedArticleSet>\n" + "\n".join(records) + "\n</PubmedArticleSet>\n"
        return _Reply(200, body.encode(), delay=self.latency_per_record * len(records))


def _error_doc(utility: str, *messages: str) -> _Reply:
    """NCBI's 200-with-<ERROR> answer for a utility (an error inside its result element)."""
    root = RESULT_ROOTS.get(utility, "eResult")
    head = {"esearch": ESEARCH_HEAD, "epost": EPOST_HEAD}.get(utility, EFETCH_HEAD)
    inner = "".join(f"\t<ERROR>{escape(m)}</ERROR>\n" for m in messages)
    return _Reply(200, f"{head}<{root}>\n{inner}</{root}>\n".encode())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as NCBI; every reply has a Content-Length
    server_version = "FakeEutils/1.0"

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def parse_request(self) -> bool:
        self.arrived = time.monotonic()  # the request line has just been read
        return super().parse_request()

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's signature
        """Quiet: tests read fake.requests instead."""

    def do_GET(self) -> None:
        self._dispatch(urlsplit(self.path).query)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        query = urlsplit(self.path).query
        self._dispatch("&".join(part for part in (query, body) if part))

    def _dispatch(self, query: str) -> None:
        fake: FakeEutils = self.server.fake
        raw = dict(parse_qsl(query, keep_blank_values=True))
        match = re.fullmatch(r"/entrez/eutils/(\w+)\.fcgi", urlsplit(self.path).path)
        if not match:
            self._write(_Reply(404, b"Not Found", "text/plain"))
            return
        utility = match.group(1)
        agent = self.headers.get("User-Agent", "")
        seen = SeenRequest(utility, raw, self.command, agent, self.path, self.arrived)
        params = {key.lower(): value for key, value in raw.items()}
        self._write(fake.handle(params, seen, self.client_address[0]))

    def _write(self, reply: _Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.cut is None:
                self.wfile.write(reply.body)
                return
            self.wfile.write(reply.body[: reply.cut])
            # An abortive close: the peer sees a reset, not a clean end of stream.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        except OSError:  # the client gave up first (timeout) or the socket is gone
            self.close_connection = True
