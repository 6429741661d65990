"""Text into the report's HTML (pure): escaping, fragment ids, PubMed links, numbers."""

from __future__ import annotations

import re
from html import escape

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def fragment_id(text: str) -> str:
    """A safe fragment id made of the name (query names are already [a-z0-9-])."""
    return "q-" + (re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "x")


def digits(pmid: str) -> str:
    return re.sub(r"\D", "", pmid)


def pubmed_link(pmid: str) -> str:
    return esc(PUBMED_URL.format(pmid=digits(pmid)))


def journal_year(journal: str | None, year: int | None) -> str:
    return ", ".join(str(x) for x in (journal, year) if x)


def percent(value: int, total: int) -> str:
    return f"{round(100 * value / total)}%" if total else "0%"
