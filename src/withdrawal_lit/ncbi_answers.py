"""Reading NCBI's answers: esearch and epost bodies, whose fault an <ERROR> in a 200 answer is
(the request's, or NCBI's servers': ``ncbi_errors``), NCBI's message in an error body, and
Retry-After. Pure: bodies and headers in, records types or errors out."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime

from withdrawal_lit import ncbi_errors, xmlparse
from withdrawal_lit.errors import HistoryExpired, NcbiError, NcbiTrouble, UnsafeXml
from withdrawal_lit.records import PostResult, SearchResult

QUERY_HINT = "check the query's field tags ([tiab], [mh], [pt]...) and its syntax"
TROUBLE_HINT = (
    "this is on NCBI's side, not your query: try again later (cached results are unaffected)"
)


def read_search(response) -> SearchResult:
    try:
        return xmlparse.parse_esearch(response.content)
    except NcbiError as exc:  # an <ERROR> answer: NCBI's trouble, or the query refused
        refused = NcbiError(f"PubMed refused the search: {exc.message}", hint=QUERY_HINT)
        raise whose(exc, refused) from None


def read_post(response) -> PostResult:
    try:
        return xmlparse.parse_epost(response.content)
    except NcbiError as exc:
        raise whose(exc, exc) from None


def whose(exc: NcbiError, refused: NcbiError) -> NcbiError:
    """``refused`` when ``exc`` (an <ERROR> in a 200 answer) is the request's fault; raises
    NcbiTrouble (retried like a 502) when NCBI's servers failed (``ncbi_errors``). An expired
    WebEnv and unsafe XML are raised as they are."""
    if isinstance(exc, HistoryExpired | UnsafeXml):
        raise exc
    if ncbi_errors.classify(exc.message) == ncbi_errors.REQUEST:
        return refused
    raise NcbiTrouble(exc.message, hint=TROUBLE_HINT)


def ncbi_trouble(utility: str, attempts: int, message: str) -> NcbiTrouble:
    """The error that ends a run when NCBI's servers kept failing: exit 3, NCBI's side."""
    times = f"{attempts} time{'s' * (attempts != 1)}"
    return NcbiTrouble(
        f"NCBI is having trouble: its {utility} failed {times}: {message}", hint=TROUBLE_HINT
    )


def ncbi_message(body: bytes) -> str:
    """NCBI's message in an error body: JSON {"error": ...}, XML <ERROR>, or the page text."""
    text = body.decode("utf-8", "replace")
    match = re.search(r'"error"\s*:\s*"([^"]*)"', text) or re.search(
        r"<ERROR>(.*?)</ERROR>", text, re.S
    )
    if match:
        return " ".join(match.group(1).split())
    title = re.search(r"<title>(.*?)</title>", text, re.S | re.I)
    plain = title.group(1) if title else re.sub(r"<[^>]+>", " ", text)
    return " ".join(plain.split())[:200]


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
