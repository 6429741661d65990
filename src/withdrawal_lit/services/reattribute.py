"""Which queries return the cached records a refresh found changed: the cache says, NCBI checks.

On a night when nothing was entered but some cached records were modified (or a query has not
run since a record it may return was cached), there is no need to run every query's esearch
again to learn which queries return those records: the cache's hits say which did. What the
cache cannot know is whether a query that did not return a record returns it now (a
modification can add MeSH terms or change a title). One esearch asks that for every such
(query, record) pair at once: the queries' terms, each restricted to its records by PMID
(``123[uid]``), ORed. Nothing found (the usual answer): the cache's attribution stands and no
query is searched on its own. Something found: the queries that could have gained it are
searched on their own, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from withdrawal_lit.pubmed_term import normalise_term
from withdrawal_lit.records import SearchResult
from withdrawal_lit.store import CachedDates, Store

CHECK_MAX = 200  # PMIDs in the check esearch; beyond, each query is searched on its own


@dataclass
class Attribution:
    ids: dict[str, list[str]] = field(default_factory=dict)  # query -> PMIDs it returns
    unsure: set[str] = field(default_factory=set)  # queries to search on their own


def attribute(
    store: Store,
    plans: Sequence,
    found: Sequence[str],
    cached: dict[str, CachedDates],
    stale: set[str],
    search: Callable[[str, str], SearchResult],
) -> Attribution:
    """The queries (``plans``: name, query, state) that return each PMID of ``found`` (all
    cached), from the cache's hits, checked with at most one esearch (``search(label, term)``;
    its failure propagates, and the caller searches each query on its own)."""
    hits = store.hits_by_pmid(found)
    out = Attribution(ids={p.name: [x for x in found if p.name in hits.get(x, ())] for p in plans})
    pairs = open_pairs(plans, found, hits, cached, stale)
    if not pairs:
        return out
    pmids = {x for xs in pairs.values() for x in xs}
    if len(pmids) > CHECK_MAX:
        out.unsure = set(pairs)
        return out
    gained = set(search("queries that may return changed records", check_term(plans, pairs)).ids)
    out.unsure = {name for name, xs in pairs.items() if gained.intersection(xs)}
    return out


def open_pairs(
    plans: Sequence,
    found: Sequence[str],
    hits: dict[str, set[str]],
    cached: dict[str, CachedDates],
    stale: set[str],
) -> dict[str, list[str]]:
    """query -> the found PMIDs it does not return per the cache but might now: the modified
    ones, and the current ones it has not been searched for since they were cached."""
    pairs: dict[str, list[str]] = {}
    for p in plans:
        last = p.state.last_success_at if p.state else None
        open_ = [
            x
            for x in found
            if p.name not in hits.get(x, ())
            and (x in stale or last is None or last < cached[x].first_seen_at)
        ]
        if open_:
            pairs[p.name] = open_
    return pairs


def check_term(plans: Sequence, pairs: dict[str, list[str]]) -> str:
    """((T1) AND (1[uid] OR 2[uid])) OR ((T2) AND (3[uid])) for each query's open PMIDs."""
    terms = {p.name: normalise_term(p.query.term) for p in plans}
    parts = [
        f"(({terms[name]}) AND ({' OR '.join(f'{x}[uid]' for x in xs)}))"
        for name, xs in pairs.items()
    ]
    return " OR ".join(parts)
