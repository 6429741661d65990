"""Parse E-utilities XML (efetch PubMed records, esearch, epost) into ``records`` types.

Pure: every function reads only the bytes or binary stream it is handed. A response that
declares entities (billion laughs) or points at external ones (XXE) is refused before anything
is expanded; PubMed's own DOCTYPE (a PUBLIC identifier, no internal subset) is allowed and its
external DTD is never fetched. Small documents (esearch, epost) go through defusedxml; efetch
bodies, which can hold thousands of records, through expat's C tree builder behind an entity
guard (``_iterparse``), about twice as fast.

efetch bodies are streamed and each article element is cleared as soon as it has been
converted, so memory stays flat however many responses an ingest reads (see ``_iterparse``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, XMLPullParser
from xml.parsers import expat

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException, EntitiesForbidden

from . import errors
from .records import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    MeshHeading,
    PostResult,
    SearchResult,
)

ARTICLE_TAGS = frozenset({"PubmedArticle", "PubmedBookArticle"})
# Roots an efetch body may have: the record set, or an error document in its place.
EFETCH_ROOTS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet", "eFetchResult", "ERROR"})
HISTORY_EXPIRED_MARKER = "Unable to obtain query"
MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
YEAR_RE = re.compile(r"\b(\d{4})\b")
READ_SIZE = 64 * 1024  # bytes read from an efetch stream at a time

_NCBI_HINT = "NCBI's E-utilities rejected the request; check the query and its parameters"
_RETRY_HINT = "The connection was probably cut; trying again usually works"
_UNSAFE_HINT = "E-utilities never send this; check the configured eutils URL or any proxy"
_UNEXPECTED_HINT = (
    "Something other than E-utilities (a proxy or maintenance page?) answered; try again later"
)


# -- public API ------------------------------------------------------------------------------
def iter_articles(stream: BinaryIO) -> Iterator[Article]:
    """Yield one ``Article`` per PubmedArticle / PubmedBookArticle of an efetch body, in order.

    Raises ``TruncatedResponse`` when the body stops mid-document (after yielding every complete
    record before the cut), ``UnsafeXml`` on entity declarations, ``HistoryExpired`` when NCBI's
    history server no longer holds the WebEnv, and ``NcbiError`` for any other ``<ERROR>``.
    """
    count = 0
    ncbi_messages: list[str] = []
    try:
        for _, elem in _iterparse(stream, check_root=_check_efetch_root):
            tag = elem.tag
            if tag in ARTICLE_TAGS:
                article = _article(elem)
                elem.clear()  # frees the record's subtree (see _iterparse)
                if article is not None:
                    count += 1
                    yield article
            elif tag == "ERROR" and (message := _text(elem)):
                ncbi_messages.append(message)
    except (DefusedXmlException, _EntityDeclared) as exc:
        raise _unsafe(exc, "PubMed") from None
    except ParseError as exc:
        records = "record" if count == 1 else "records"
        raise errors.TruncatedResponse(
            f"PubMed response ended mid-record after {count} {records} ({exc})", hint=_RETRY_HINT
        ) from None
    if ncbi_messages:
        raise _ncbi_error(ncbi_messages)


def parse_esearch(data: bytes | BinaryIO) -> SearchResult:
    """Read an eSearchResult: count, ids, history handle, translation and NCBI's messages."""
    root = _parse_document(data, "esearch")
    _raise_for_errors(root)
    if root.tag != "eSearchResult":
        raise errors.NcbiError(
            f"esearch answered with a <{_local(root.tag)}> document instead of an eSearchResult",
            hint=_UNEXPECTED_HINT,
        )
    count_text = _child_text(root, "Count")
    if count_text is None or not count_text.isdigit():
        raise errors.NcbiError(
            f"esearch answer has no usable Count ({count_text!r})", hint=_NCBI_HINT
        )
    return SearchResult(
        count=int(count_text),
        ids=_texts(_nested(root, "IdList", "Id")),
        webenv=_child_text(root, "WebEnv"),
        query_key=_child_text(root, "QueryKey"),
        query_translation=_child_text(root, "QueryTranslation"),
        errors=_tagged_messages(root.find("ErrorList")),
        warnings=_tagged_messages(root.find("WarningList")),
    )


def parse_epost(data: bytes | BinaryIO) -> PostResult:
    """Read an ePostResult: the WebEnv and QueryKey under which NCBI stored the posted ids."""
    root = _parse_document(data, "epost")
    _raise_for_errors(root)
    webenv = _child_text(root, "WebEnv")
    query_key = _child_text(root, "QueryKey")
    if root.tag != "ePostResult" or webenv is None or query_key is None:
        raise errors.NcbiError(
            f"epost answered with a <{_local(root.tag)}> document without WebEnv and QueryKey",
            hint=_UNEXPECTED_HINT,
        )
    return PostResult(webenv=webenv, query_key=query_key)


# -- parsing and error mapping ---------------------------------------------------------------
class _EntityDeclared(Exception):
    def __init__(self, name: str, sysid: str | None):
        super().__init__(name)
        self.name = name
        self.sysid = sysid


class _PrologRead(Exception):
    """The root element starts: no declaration can follow."""


class _EntityGuard:
    """Refuses a document whose DTD declares an entity, before the tree builder reads it.

    Entity declarations can only appear in the internal DTD subset, which ends before the root
    element starts. The guard is an expat parser configured as the tree builder's is, with
    handlers for declarations and for the root's start tag only; it reads every byte before
    the tree builder does and stops at the root, so it costs nothing per record.
    """

    def __init__(self) -> None:
        self._parser = expat.ParserCreate(namespace_separator="}")
        self._parser.EntityDeclHandler = self._entity
        self._parser.UnparsedEntityDeclHandler = self._unparsed_entity
        self._parser.StartElementHandler = self._root
        self.root_tag: str | None = None  # once the root element has started: the guard is done

    def feed(self, data: bytes) -> None:
        if self.root_tag is not None:
            return
        try:
            self._parser.Parse(data, False)
        except _PrologRead:
            pass
        except expat.ExpatError as exc:
            error = ParseError(str(exc))
            error.code, error.position = exc.code, (exc.lineno, exc.offset)
            raise error from None

    @staticmethod
    def _entity(name, is_parameter_entity, value, base, sysid, pubid, notation):
        raise _EntityDeclared(name, sysid)

    @staticmethod
    def _unparsed_entity(name, base, sysid, pubid, notation):
        raise _EntityDeclared(name, sysid)

    def _root(self, name, attributes):
        self.root_tag = name
        raise _PrologRead


def _iterparse(
    stream: BinaryIO, *, check_root: Callable[[str], None]
) -> Iterator[tuple[str, Element]]:
    """("end", element) pairs of a streamed document; every chunk passes the guard first, and
    ``check_root`` gets the root's tag before any element is handed out.

    The tree is built in C (``XMLPullParser``); defusedxml's own iterparse runs every element
    through pure-Python handlers, which made parsing the slowest step of an ingest. Only end
    events are asked for: start events would double the Python-level work per element (a
    fifth of the parsing time), and the root's tag, all they were needed for, comes from the
    guard. A caller that clears each record once converted keeps its empty element (about
    80 bytes) until the document ends: under a megabyte for NCBI's largest efetch, 10,000
    records, and 40 kB for the 500 a batch asks for. A parse error is raised after the events
    of everything before it (so complete records come first).
    """
    guard = _EntityGuard()
    parser = XMLPullParser(events=("end",))
    checked = False
    while chunk := stream.read(READ_SIZE):
        guard.feed(chunk)
        if not checked and guard.root_tag is not None:
            check_root(guard.root_tag)
            checked = True
        parser.feed(chunk)
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _parse_document(data: bytes | BinaryIO, what: str) -> Element:
    """Parse a small whole document (esearch, epost), mapping parser failures to our errors."""
    try:
        if isinstance(data, bytes | bytearray | memoryview):
            return SafeET.fromstring(
                bytes(data), forbid_dtd=False, forbid_entities=True, forbid_external=True
            )
        return SafeET.parse(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        ).getroot()
    except DefusedXmlException as exc:
        raise _unsafe(exc, what) from None
    except ParseError as exc:
        raise errors.TruncatedResponse(
            f"{what} response ended early or is not XML ({exc})", hint=_RETRY_HINT
        ) from None


def _check_efetch_root(tag: str) -> None:
    if tag not in EFETCH_ROOTS:
        raise errors.NcbiError(
            f"efetch answered with a <{_local(tag)}> document instead of PubMed records",
            hint=_UNEXPECTED_HINT,
        )


def _raise_for_errors(root: Element) -> None:
    """A bare <ERROR> document, or <ERROR> children of the result element, become an error.
    An empty <ERROR/> is how some E-utilities say 'no error', so it is ignored."""
    found = [root] if root.tag == "ERROR" else root.findall("ERROR")
    messages = _texts(found)
    if messages:
        raise _ncbi_error(messages)


def _ncbi_error(messages: Iterable[str]) -> errors.NcbiError:
    text = "; ".join(messages)
    if HISTORY_EXPIRED_MARKER in text:
        return errors.HistoryExpired(
            f"NCBI's history server no longer holds this search ({text})",
            hint="Run the search again to get a fresh WebEnv",
        )
    return errors.NcbiError(text, hint=_NCBI_HINT)


def _unsafe(exc: DefusedXmlException | _EntityDeclared, what: str) -> errors.UnsafeXml:
    """Entity declarations are refused outright: internal ones are how billion-laughs bombs
    work, external ones (SYSTEM "file:///...") how XXE reads local files."""
    if isinstance(exc, EntitiesForbidden | _EntityDeclared):
        target = f" pointing at {exc.sysid}" if exc.sysid else ""
        detail = f"declares the entity {exc.name!r}{target}"
    else:
        detail = f"uses a forbidden XML construct ({exc})"
    return errors.UnsafeXml(f"Refused the {what} response unparsed: it {detail}", hint=_UNSAFE_HINT)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# -- text helpers ----------------------------------------------------------------------------
def _text(elem: Element | None) -> str | None:
    """The element's text with inline markup (<i>, <sup>, MathML...) flattened, whitespace
    collapsed; None when absent or empty."""
    if elem is None:
        return None
    if len(elem):
        parts: list[str] = []
        _collect(elem, parts)
        raw = "".join(parts)
    else:
        raw = elem.text
        if not raw:
            return None
    return " ".join(raw.split()) or None


def _collect(elem: Element, parts: list[str]) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        if child.tag == "math" or child.tag.startswith(MATHML_NS):
            _collect_math(child, parts)
        else:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _collect_math(elem: Element, parts: list[str]) -> None:
    """MathML: keep only the leaves' text, so indentation between tokens does not split
    'V̇O2max' into 'V . O 2 m a x'."""
    if len(elem):
        for child in elem:
            _collect_math(child, parts)
    elif elem.text:
        parts.append(elem.text)


def _child_text(parent: Element | None, path: str) -> str | None:
    return None if parent is None else _text(parent.find(path))


def _nested(parent: Element | None, child: str, grandchild: str | None = None) -> list[Element]:
    """What ``parent.iterfind("child/grandchild")`` (or ``"child/*"``) finds, in document
    order, through C-level ``findall`` instead of ElementPath's pure-Python walk."""
    if parent is None:
        return []
    if grandchild is None:
        return [g for c in parent.findall(child) for g in c]
    return [g for c in parent.findall(child) for g in c.findall(grandchild)]


def _texts(elems: Iterable[Element]) -> tuple[str, ...]:
    return tuple(t for t in (_text(e) for e in elems) if t)


def _tagged_messages(parent: Element | None) -> tuple[str, ...]:
    """ErrorList / WarningList children as 'Tag: text', e.g. 'PhraseNotFound: abcXYZ'."""
    if parent is None:
        return ()
    return tuple(f"{child.tag}: {text}" for child in parent if (text := _text(child)))


# -- dates -----------------------------------------------------------------------------------
def _month(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text[:3].lower())


def _date_parts(elem: Element | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from Year/Month/Day children (Month may be 'Jun' or '06');
    a MedlineDate such as '1998 Dec-1999 Jan' or '2000 Spring' gives its first year only."""
    if elem is None:
        return None, None, None
    year_text = _child_text(elem, "Year")
    if year_text is None:
        match = YEAR_RE.search(_child_text(elem, "MedlineDate") or "")
        return (int(match.group(1)) if match else None), None, None
    if not year_text.isdigit():
        return None, None, None
    month = _month(_child_text(elem, "Month"))
    day_text = _child_text(elem, "Day")
    day = int(day_text) if month and day_text and day_text.isdigit() else None
    if day is not None and not 1 <= day <= 31:
        day = None
    return int(year_text), month, day


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """'2019', '2019-03' or '2019-03-05', as precise as the parts allow."""
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date(elem: Element | None) -> str | None:
    return _iso(*_date_parts(elem))


def _history_date(history: Element | None, status: str) -> str | None:
    if history is None:
        return None
    for entry in history.findall("PubMedPubDate"):
        if entry.get("PubStatus") == status:
            return _date(entry)
    return None


def _publication_date(
    pub_date: Element | None, article_date: Element | None, entrez_date: str | None
) -> tuple[int | None, str | None]:
    """Year and date of publication: the issue's PubDate, else the electronic ArticleDate,
    else the year PubMed received the record."""
    for elem in (pub_date, article_date):
        year, month, day = _date_parts(elem)
        if year is not None:
            return year, _iso(year, month, day)
    if entrez_date:
        return int(entrez_date[:4]), entrez_date[:4]
    return None, None


# -- record pieces ---------------------------------------------------------------------------
def _authors(author_list: Element | None) -> tuple[Author, ...]:
    if author_list is None:
        return ()
    authors = []
    for elem in author_list.findall("Author"):
        if elem.get("ValidYN") == "N":  # a name NLM has marked as wrong; PubMed hides it
            continue
        orcid = next(
            (
                _text(ident)
                for ident in elem.findall("Identifier")
                if ident.get("Source") == "ORCID"
            ),
            None,
        )
        author = Author(
            last_name=_child_text(elem, "LastName"),
            fore_name=_child_text(elem, "ForeName"),
            initials=_child_text(elem, "Initials"),
            collective_name=_child_text(elem, "CollectiveName"),
            affiliations=_texts(_nested(elem, "AffiliationInfo", "Affiliation")),
            orcid=orcid,
        )
        if author.last_name or author.collective_name:
            authors.append(author)
    return tuple(authors)


def _abstract(abstract: Element | None) -> tuple[AbstractSection, ...]:
    if abstract is None:
        return ()
    sections = []
    for elem in abstract.findall("AbstractText"):
        text = _text(elem) or ""
        label = elem.get("Label") or None
        if text or label:
            sections.append(AbstractSection(text, label, elem.get("NlmCategory") or None))
    return tuple(sections)


def _mesh(mesh_list: Element | None) -> tuple[MeshHeading, ...]:
    if mesh_list is None:
        return ()
    headings = []
    for elem in mesh_list.findall("MeshHeading"):
        descriptor = elem.find("DescriptorName")
        name = _text(descriptor)
        if descriptor is None or name is None:
            continue
        qualifiers = elem.findall("QualifierName")
        major = descriptor.get("MajorTopicYN") == "Y" or any(
            q.get("MajorTopicYN") == "Y" for q in qualifiers
        )
        headings.append(
            MeshHeading(
                descriptor=name,
                ui=descriptor.get("UI"),
                major=major,
                qualifiers=_texts(qualifiers),
            )
        )
    return tuple(headings)


def _comments_corrections(mc: Element | None) -> tuple[CommentCorrection, ...]:
    if mc is None:
        return ()
    return tuple(
        CommentCorrection(
            ref_type=elem.get("RefType", ""),
            pmid=_child_text(elem, "PMID"),
            source=_child_text(elem, "RefSource"),
        )
        for elem in _nested(mc, "CommentsCorrectionsList", "CommentsCorrections")
    )


def _article_ids(id_lists: Iterable[Element | None]) -> dict[str, str]:
    """First id of each IdType ('doi', 'pmc', 'mid'...) across the given ArticleIdLists."""
    ids: dict[str, str] = {}
    for id_list in id_lists:
        if id_list is None:
            continue
        for elem in id_list.findall("ArticleId"):
            id_type = elem.get("IdType")
            value = _text(elem)
            if id_type and value and id_type not in ids:
                ids[id_type] = value
    return ids


def _elocation_doi(parent: Element | None) -> str | None:
    if parent is None:
        return None
    for elem in parent.findall("ELocationID"):
        if elem.get("EIdType") == "doi" and elem.get("ValidYN") != "N":
            return _text(elem)
    return None


def _pages(pagination: Element | None) -> str | None:
    if pagination is None:
        return None
    pages = _child_text(pagination, "MedlinePgn")
    if pages:
        return pages
    start, end = _child_text(pagination, "StartPage"), _child_text(pagination, "EndPage")
    if start and end:
        return f"{start}-{end}"
    return start


# -- records ---------------------------------------------------------------------------------
def _article(elem: Element) -> Article | None:
    """Convert one PubmedArticle / PubmedBookArticle; None for a record without a PMID, which
    could be neither cached nor cited."""
    if elem.tag == "PubmedBookArticle":
        return _book_article(elem)
    return _journal_article(elem)


def _journal_article(elem: Element) -> Article | None:
    mc = elem.find("MedlineCitation")
    pmid = _child_text(mc, "PMID")
    if mc is None or pmid is None:
        return None
    art = mc.find("Article")
    data = elem.find("PubmedData")
    history = None if data is None else data.find("History")
    journal = None if art is None else art.find("Journal")
    issue = None if journal is None else journal.find("JournalIssue")
    entrez = _history_date(history, "entrez")
    year, pub_date = _publication_date(
        None if issue is None else issue.find("PubDate"),
        None if art is None else art.find("ArticleDate"),
        entrez,
    )
    ids = _article_ids([None if data is None else data.find("ArticleIdList")])
    return Article(
        pmid=pmid,
        title=_child_text(art, "ArticleTitle") or "",
        abstract_sections=_abstract(None if art is None else art.find("Abstract")),
        authors=_authors(None if art is None else art.find("AuthorList")),
        journal=_child_text(journal, "Title") or "",
        journal_iso=_child_text(journal, "ISOAbbreviation"),
        volume=_child_text(issue, "Volume"),
        issue=_child_text(issue, "Issue"),
        pages=_pages(None if art is None else art.find("Pagination")),
        year=year,
        pub_date=pub_date,
        publication_types=_texts(_nested(art, "PublicationTypeList")),
        mesh=_mesh(mc.find("MeshHeadingList")),
        keywords=_texts(_nested(mc, "KeywordList", "Keyword")),
        doi=ids.get("doi") or _elocation_doi(art),
        pmcid=ids.get("pmc"),
        nihms_id=ids.get("mid"),
        languages=_texts(() if art is None else art.findall("Language")),
        entrez_date=entrez,
        created_date=_history_date(history, "pubmed") or entrez,
        revised_date=_date(mc.find("DateRevised")),
        comments_corrections=_comments_corrections(mc),
        status=mc.get("Status"),
        trial_ids=_trial_ids(art),
    )


def _trial_ids(art: Element | None) -> tuple[str, ...]:
    """ClinicalTrials.gov accession numbers of the DataBankList (other registers left out)."""
    if art is None:
        return ()
    found = []
    for bank in _nested(art, "DataBankList", "DataBank"):
        if (_child_text(bank, "DataBankName") or "").replace(
            " ", ""
        ).lower() == "clinicaltrials.gov":
            found.extend(_texts(_nested(bank, "AccessionNumberList", "AccessionNumber")))
    return tuple(dict.fromkeys(n.strip().upper() for n in found))


def _book_article(elem: Element) -> Article | None:
    doc = elem.find("BookDocument")
    pmid = _child_text(doc, "PMID")
    if doc is None or pmid is None:
        return None
    book = doc.find("Book")
    data = elem.find("PubmedBookData")
    history = None if data is None else data.find("History")
    entrez = _history_date(history, "entrez")
    year, pub_date = _publication_date(None if book is None else book.find("PubDate"), None, entrez)
    ids = _article_ids(
        [doc.find("ArticleIdList"), None if data is None else data.find("ArticleIdList")]
    )
    author_list = doc.find("AuthorList")
    if author_list is None and book is not None:
        # A whole-book record names its authors on the Book; its editors are not authors.
        author_list = next(
            (a for a in book.findall("AuthorList") if a.get("Type") != "editors"), None
        )
    book_title = _child_text(book, "BookTitle") or ""
    return Article(
        pmid=pmid,
        title=_child_text(doc, "ArticleTitle") or book_title,
        abstract_sections=_abstract(doc.find("Abstract")),
        authors=_authors(author_list),
        journal=book_title,
        volume=_child_text(book, "Volume"),
        year=year,
        pub_date=pub_date,
        publication_types=_texts(doc.findall("PublicationType")),
        keywords=_texts(_nested(doc, "KeywordList", "Keyword")),
        doi=ids.get("doi") or _elocation_doi(doc),
        pmcid=ids.get("pmc"),
        nihms_id=ids.get("mid"),
        languages=_texts(doc.findall("Language")),
        entrez_date=entrez,
        created_date=_history_date(history, "pubmed") or entrez,
        revised_date=_date(doc.find("DateRevised")),
        is_book=True,
        publisher=_child_text(book, "Publisher/PublisherName"),
    )
