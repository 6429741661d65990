"""Whose fault is an ``<ERROR>`` in NCBI's 200 answer: NCBI's servers, or the request?

E-utilities report many server-side failures as HTTP 200 with an ``<ERROR>`` element, in the
same shape as a refused query. ``KNOWN_ERRORS`` lists the real messages we know, where each was
seen, and how it is handled; the README's fault matrix shows the same table. ``classify``
decides for any message: a known one by its row, an unknown one that names the request (query,
term, field, syntax, phrase, ids) as the user's, and anything else as NCBI's.

- ``NCBI_SIDE``: transient; asked again with back-off like an HTTP 502, on every E-utility;
  when the retries run out the run ends with exit 3 and "NCBI is having trouble".
- ``HISTORY``: the WebEnv is gone from NCBI's history server; the search runs again or the ids
  are posted again (bounded), then as ``NCBI_SIDE``.
- ``REQUEST``: the query or a parameter is wrong; never retried, exit 4, "check the query".

Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NCBI_SIDE = "ncbi"
HISTORY = "history"
REQUEST = "request"


@dataclass(frozen=True)
class KnownError:
    example: str  # the message as NCBI sent it
    pattern: str  # a case-insensitive regular expression matching it
    side: str  # NCBI_SIDE, HISTORY or REQUEST
    seen: str  # where it was reported


# First match wins: the request's own errors come before NCBI's catch-all "Backend failed".
KNOWN_ERRORS: tuple[KnownError, ...] = (
    KnownError(
        "Unable to obtain query #1",
        r"unable to obtain query #",
        HISTORY,
        "NCBI E-utilities help (history server); realdata MANIFEST",
    ),
    KnownError(
        "Search Backend failed: Exception: 'retstart' cannot be larger than 9998. For PubMed, "
        "ESearch can only retrieve the first 9,999 records matching the query...",
        r"'retstart' cannot be larger",
        REQUEST,
        "NCBI E-utilities help (ESearch, PubMed); realdata MANIFEST",
    ),
    KnownError(
        "Empty term and query_key - nothing todo",
        r"empty term and query_key",
        REQUEST,
        "esearch with an empty term",
    ),
    KnownError(
        "Empty ID list; Nothing to store",
        r"empty id list",
        REQUEST,
        "realdata epost3.xml (Biopython's test suite)",
    ),
    KnownError(
        "Invalid query",
        r"^invalid query",
        REQUEST,
        "esearch with unbalanced parentheses or quotes",
    ),
    KnownError(
        "Search Backend failed: Database is not supported: pubmed",
        r"database is not supported",
        NCBI_SIDE,
        "biopython/biopython#5025, metapub/metapub#73 (2025-07-04, for hours)",
    ),
    KnownError(
        "Search Backend failed: Unable to open connection to #PMQuerySrv?dbaf=taxonomy",
        r"unable to open connection",
        NCBI_SIDE,
        "AlexsLemonade/refinebio#1390, biopython/biopython#3890",
    ),
    KnownError(
        "Search Backend failed: Couldn't resolve #PMQuerySrv_2_0?dbaf=pubmed, the address "
        "table is empty.",
        r"couldn't resolve #|address table is empty",
        NCBI_SIDE,
        "SACGF/variantgrid#1184, biopython/biopython#3444 (esummary), #4980 (elink), #1430",
    ),
    KnownError(
        "unable to open database file",
        r"unable to open database",
        NCBI_SIDE,
        "RTXteam/RTX#317",
    ),
    KnownError(
        "Invalid db name specified: pubmed",
        r"invalid db name specified",
        NCBI_SIDE,
        "biopython/biopython#915 (intermittent for valid names); we always send db=pubmed",
    ),
    KnownError(
        "NCBI C++ Exception: Error: EUTILSAPP(CException::eInvalid) ... Cannot open file",
        r"ncbi c\+\+ exception|eutilsapp",
        NCBI_SIDE,
        "ncbi/clinvar#4 (esummary)",
    ),
    KnownError(
        "Search Backend failed: temporarily unavailable, please retry",
        r"backend failed|temporar|\bretry\b|try again|timed? ?out|unavailable",
        NCBI_SIDE,
        "any '<Utility> Backend failed' and 'temporarily unavailable'-style message",
    ),
)

# An unknown message that names the request is the user's; any other unknown one is NCBI's.
_NAMES_THE_REQUEST = re.compile(
    r"\bquery\b|\bterm\b|syntax|\bfield|phrase|\bpars(e|ing)\b|\bid list\b|invalid (u?id|param)",
    re.IGNORECASE,
)
_COMPILED = tuple((re.compile(k.pattern, re.IGNORECASE), k) for k in KNOWN_ERRORS)


def known(message: str) -> KnownError | None:
    """The row of ``KNOWN_ERRORS`` that matches ``message``, if any."""
    for pattern, row in _COMPILED:
        if pattern.search(message):
            return row
    return None


def classify(message: str) -> str:
    """``NCBI_SIDE``, ``HISTORY`` or ``REQUEST`` for the text of an ``<ERROR>``."""
    row = known(message)
    if row is not None:
        return row.side
    return REQUEST if _NAMES_THE_REQUEST.search(message) else NCBI_SIDE
