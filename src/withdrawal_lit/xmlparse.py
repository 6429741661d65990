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

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, XMLPullParser
from xml.parsers import expat

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException, EntitiesForbidden

from . import errors
from .article_xml import to_article
from .records import Article, PostResult, SearchResult
from .xml_text import child_text, flat_text, flat_texts, nested, tagged_messages

ARTICLE_TAGS = frozenset({"PubmedArticle", "PubmedBookArticle"})
# Roots an efetch body may have: the record set, or an error document in its place.
EFETCH_ROOTS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet", "eFetchResult", "ERROR"})
HISTORY_EXPIRED_MARKER = "Unable to obtain query"
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
                article = to_article(elem)
                elem.clear()  # frees the record's subtree (see _iterparse)
                if article is not None:
                    count += 1
                    yield article
            elif tag == "ERROR" and (message := flat_text(elem)):
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
    count_text = child_text(root, "Count")
    if count_text is None or not count_text.isdigit():
        raise errors.NcbiError(
            f"esearch answer has no usable Count ({count_text!r})", hint=_NCBI_HINT
        )
    return SearchResult(
        count=int(count_text),
        ids=flat_texts(nested(root, "IdList", "Id")),
        webenv=child_text(root, "WebEnv"),
        query_key=child_text(root, "QueryKey"),
        query_translation=child_text(root, "QueryTranslation"),
        errors=tagged_messages(root.find("ErrorList")),
        warnings=tagged_messages(root.find("WarningList")),
    )


def parse_epost(data: bytes | BinaryIO) -> PostResult:
    """Read an ePostResult: the WebEnv and QueryKey under which NCBI stored the posted ids."""
    root = _parse_document(data, "epost")
    _raise_for_errors(root)
    webenv = child_text(root, "WebEnv")
    query_key = child_text(root, "QueryKey")
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
    messages = flat_texts(found)
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
