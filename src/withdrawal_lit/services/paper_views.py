"""The assessment and bottom line of each paper `search` shows, stored once computed.

Both are read from the record's text (``design.assess``, ``summarize.bottom_line``), about a
millisecond a paper: on a cached search, with ranking read from stored features, they were the
largest part of the work. They depend only on the record (its JSON: a revision forgets them),
the question's concepts (the bottom line looks for them) and the code that computes them, so
they are stored under a key naming the concepts and this package's code (the size and time of
each of its source files: any change to the code computes them again, and the views of other
code are forgotten). A read-only cache computes them every time; nothing else changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from withdrawal_lit import summarize
from withdrawal_lit.design import Assessment, assess
from withdrawal_lit.design_vocabulary import DESIGNS
from withdrawal_lit.errors import Busy, CacheError
from withdrawal_lit.records import Article, Query
from withdrawal_lit.store import Store
from withdrawal_lit.summarize import Summary

PACKAGE = Path(__file__).resolve().parents[1]


def paper_views(
    store: Store, query: Query, articles: Mapping[str, Article]
) -> dict[str, tuple[Assessment, Summary]]:
    """(assessment, bottom line) of each of ``articles`` for ``query``: stored ones read,
    the others computed (and stored, when the cache is writable)."""
    key = view_key(query)
    stored = store.paper_views(key, list(articles))
    out: dict[str, tuple[Assessment, Summary]] = {}
    fresh: list[tuple[str, str]] = []
    for pmid, article in articles.items():
        if pmid in stored:
            out[pmid] = _load(stored[pmid])
            continue
        out[pmid] = assess(article), summarize.bottom_line(article, query.concepts)
        fresh.append((pmid, _dump(*out[pmid])))
    if fresh and not store.readonly:
        _save(store, key, fresh)
    return out


def view_key(query: Query) -> str:
    concepts = json.dumps(query.concepts)
    return f"{code_version()}:{hashlib.sha256(concepts.encode()).hexdigest()[:16]}"


@cache
def code_version() -> str:
    """A digest of the name, size and modification time of every source file of the
    package (a millisecond): what computed a stored view."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _save(store: Store, key: str, fresh: list[tuple[str, str]]) -> None:
    try:  # never worth waiting for: they are computed again next time
        with store.transaction(wait=False):
            if not store.has_paper_views(key):
                store.keep_paper_views(code_version())
            store.save_paper_views(key, fresh)
    except (Busy, CacheError):
        return


def _dump(assessment: Assessment, summary: Summary) -> str:
    a = assessment
    return json.dumps(
        [
            a.design.slug,
            a.population,
            a.basis,
            a.sample_size,
            a.interventions,
            a.outcomes,
            a.retracted,
            a.has_erratum,
            a.expression_of_concern,
            summary.sentences,
            summary.source,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _load(text: str) -> tuple[Assessment, Summary]:
    slug, population, basis, size, interventions, outcomes, *flags, sentences, source = json.loads(
        text
    )
    assessment = Assessment(
        DESIGNS[slug], population, basis, size, tuple(interventions), tuple(outcomes), *flags
    )
    return assessment, Summary(tuple(sentences), source)
