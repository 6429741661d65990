"""Rank a query's cached records, quickly however large the cache.

Ranking reads two things of each record: columns of the records table (year, design, ...)
and what the full-text index says of it for the query's concepts (bm25, the concepts found
in it and in its title). The second takes seconds on 100,000 records, so it is computed once
and stored (``rank_features``), with each record's unrounded score. bm25's corpus statistics
are the query's own records' (store/query_index.py), so the features depend only on the
query's live hits and the records they name: they are computed again only when those changed
(``rank_inputs``, counted per query by triggers), or the year did. An ad hoc search that adds
records no question returns leaves every question's features current. A writable cache is
brought up to date when a query is ranked (``--offline`` included: it means no network); a
read-only one is ranked from the query's own index without storing anything.

The default order (no --since or --design, by relevance, retracted last) is then read from
an index on the stored score. Rounding is the only difference between the stored and the exact
score, so a record whose stored score trails another's by more than rounding can make up ranks
after it: the first page needs only the best records (``_beyond_reach``), and a whole ranking
can be handed out in order while it is read, holding only the records whose places are not yet
certain (``in_order``: what `export` uses, so its memory does not grow with the cache). Every
other order ranks all the query's records, as before, from the stored features.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections import Counter
from collections.abc import Iterable, Iterator

from withdrawal_lit import rank, relations, roles, synonyms
from withdrawal_lit.errors import Busy, CacheError
from withdrawal_lit.records import Query
from withdrawal_lit.store import Candidate, Feature, FeatureState, Store
from withdrawal_lit.store.query_index import BM25_WEIGHTS

TITLE_ONLY = (1.0, 0.0, 0.0, 0.0)  # bm25 weights of the full-text columns: title, abstract...
PRESELECT_SLACK = 40  # records read past the limit before checking none further can rank


def ranked(store: Store, query: Query, filters, this_year: int) -> tuple[int, list[rank.Ranked]]:
    """(how many cached records the query returns within ``filters``, their ranking; only
    the first ``filters.limit`` when it is set)."""
    state = current_features(store, query, this_year)
    if state is not None and state.this_year == this_year and _default_order(filters, paged=True):
        return state.total, _first_page(store, query, filters.limit, this_year, state)
    candidates = store.candidates(query.name, since=filters.since, designs=filters.designs)
    if not candidates:
        return 0, []
    if state is not None:
        values = {
            p: (f.bm25, f.present, f.in_title, f.roles)
            for p, f in store.features(query.name).items()
        }
    else:
        values = _from_index(store, query)
    items = [_features(c, values.get(c.pmid), _shape(query)) for c in candidates]
    order = rank.rank(
        items, this_year=this_year, sort=filters.sort, retracted_last=filters.retracted_last
    )
    return len(candidates), order[: filters.limit] if filters.limit else order


def in_order(store: Store, query: Query, filters, this_year: int) -> Iterator[rank.Ranked]:
    """The ranking ``ranked`` gives (all of it, or the first ``filters.limit``), handed out
    while it is read: in the default order from the stored scores, holding only the records
    whose places are not yet certain; in any other, as ``ranked``'s list."""
    state = current_features(store, query, this_year)
    if state is None or state.this_year != this_year or not _default_order(filters, paged=False):
        yield from ranked(store, query, filters, this_year)[1]
        return
    rows = store.scored_candidates(query.name)  # read only as far as the limit needs
    order = _settled(rows, _shape(query), this_year, state.median_bm25)
    for position, item in enumerate(order, start=1):
        if filters.limit and position > filters.limit:
            return
        yield item


def _settled(
    rows: Iterable[tuple[Candidate, Feature]],
    shape: tuple[int, bool],
    this_year: int,
    median_bm25: float,
) -> Iterator[rank.Ranked]:
    """Rows read in stored-score order, handed out in exact order: a pending record is handed
    out once the row just read can no longer precede it (nor can any after it)."""
    pending: list[tuple[tuple, rank.Features, float, dict, Feature]] = []
    position = 0
    for candidate, feature in rows:
        while pending and _beyond_reach_of(pending[0], candidate, feature):
            position += 1
            yield _handed_out(heapq.heappop(pending), position)
        f = _features(candidate, _stored(feature), shape)
        total, weighted = rank.score(f, median_bm25, this_year)
        heapq.heappush(pending, (rank.order_key(f, total), f, total, weighted, feature))
    while pending:
        position += 1
        yield _handed_out(heapq.heappop(pending), position)


def _beyond_reach_of(entry, candidate: Candidate, feature: Feature) -> bool:
    """Whether ``entry`` ranks before the row just read and every row after it."""
    f, stored = entry[1], entry[4]
    return candidate.retracted > f.retracted or (
        feature.score < stored.score - 2 * rank.ROUNDING_SLACK
    )


def _handed_out(entry, position: int) -> rank.Ranked:
    _, f, total, weighted, _ = entry
    return rank.Ranked(rank=position, pmid=f.pmid, score=total, components=weighted, features=f)


def current_features(store: Store, query: Query, this_year: int) -> FeatureState | None:
    """The query's stored features if nothing they depend on changed since they were
    computed (its concepts, its live hits and their records: ``rank_inputs``); on a writable
    cache, computed and stored first when something did (or the year did). None when they
    are out of date and the cache is read-only, or the query returns no cached record."""
    concepts = _key(query)
    inputs = store.feature_inputs(query.name)
    state = store.feature_state(query.name)
    current = state is not None and (state.concepts, state.inputs) == (concepts, inputs)
    if current and (state.this_year == this_year or store.readonly):
        return state
    if store.readonly:
        return None
    # The inputs are counted before the features are computed: should the query's records
    # change meanwhile, they are stored as out of date and computed again next time.
    candidates = store.candidates(query.name)
    if not candidates:
        return None  # nothing to rank: no need to write anything
    values = _from_index(store, query)
    items = [_features(c, values.get(c.pmid), _shape(query)) for c in candidates]
    middle = rank.median(f.bm25 for f in items if f.bm25 > 0)
    state = FeatureState(query.name, concepts, inputs, this_year, middle, len(items))
    rows = [
        (
            f.pmid,
            Feature(
                f.bm25,
                f.concepts_present,
                f.concepts_in_title,
                rank.unrounded_score(f, middle, this_year),
                f.roles,
            ),
            f.retracted,
        )
        for f in items
    ]
    try:  # never worth waiting for: when another process is writing, rank from the index
        with store.transaction(wait=False):
            store.save_features(state, rows)
    except (Busy, CacheError):
        return None
    return state


def _default_order(filters, *, paged: bool) -> bool:
    return (
        (filters.limit is not None or not paged)
        and filters.since is None
        and not filters.designs
        and filters.sort == "relevance"
        and filters.retracted_last
    )


def _first_page(
    store: Store, query: Query, limit: int, this_year: int, state: FeatureState
) -> list[rank.Ranked]:
    want = limit + PRESELECT_SLACK
    while True:
        rows = list(store.scored_candidates(query.name, want))
        if len(rows) < want or _beyond_reach(rows, limit):
            break
        want *= 4
    items = [_features(c, _stored(f), _shape(query)) for c, f in rows]
    order = rank.rank(items, this_year=this_year, median_bm25=state.median_bm25)
    return order[:limit]


def _beyond_reach(rows: list[tuple[Candidate, Feature]], limit: int) -> bool:
    """Whether no record after ``rows`` (read in stored-score order) can rank among the first
    ``limit``: the last one read is retracted where the limit-th is not, or its stored score
    trails the limit-th's by more than rounding can make up, and every later one's trails
    further."""
    (kth, kth_feature), (last, last_feature) = rows[limit - 1], rows[-1]
    return last.retracted > kth.retracted or (
        last_feature.score < kth_feature.score - 2 * rank.ROUNDING_SLACK
    )


def _key(query: Query) -> str:
    """What the stored features depend on of the query: its concepts and their roles, and the
    rules that read them (``relations.RULES``: entry terms and role patterns)."""
    return json.dumps([query.concepts, roles.of(query), relations.RULES])


def _stored(f: Feature) -> tuple[float, int, int, float]:
    return f.bm25, f.present, f.in_title, f.roles


def _from_index(store: Store, query: Query) -> dict[str, tuple[float, int, int, float]]:
    """(bm25, concepts present, concepts in the title, role score) per record, from the
    query's own full-text index (role scores from the text of the records naming the
    intervention). The concepts are read with the entry terms PubMed maps them to
    (``synonyms``)."""
    concepts = synonyms.of(query, relevance=True)
    # One search per concept besides the whole query: with every column but the title
    # weighted 0, bm25 is 0 exactly for the records that name the concept elsewhere only.
    searches = [(rank.fts_match(concepts), BM25_WEIGHTS)]
    searches += [(rank.concept_match(group), TITLE_ONLY) for group in concepts]
    bm25, *per_concept = store.query_scores(query.name, searches)
    present: Counter[str] = Counter()
    in_title: Counter[str] = Counter()
    for found in per_concept:
        present.update(found.keys())
        in_title.update(p for p, score in found.items() if score > 0)
    role_scores = role_features(store, query)
    return {
        p: (bm25.get(p, 0.0), present[p], in_title[p], role_scores.get(p, 0.0))
        for p in bm25.keys() | present.keys()
    }


def role_features(store: Store, query: Query) -> dict[str, float]:
    """relations.Found.score of every record of the query that names its intervention (the
    others score 0, so only their text is read). Scores are stored per record and role key
    (store/role_scores.py): only the records with none stored yet are read, and their scores
    are stored when the cache is writable."""
    matcher = relations.for_query(query)
    if not matcher.active or len(query.concepts) < 2:
        return {}
    key = _role_key(query)
    generation = store.generation()  # read before the text (see _save_role_scores)
    scores: dict[str, float] = {}
    fresh: list[tuple[str, float]] = []
    for pmid, stored, title, abstract in store.role_texts(
        key, query.name, rank.concept_match(matcher.anchor)
    ):
        if stored is None:
            stored = matcher.find(title, abstract).score()
            fresh.append((pmid, stored))
        if stored:
            scores[pmid] = stored
    if fresh and not store.readonly:
        _save_role_scores(store, key, fresh, generation)
    return scores


def _role_key(query: Query) -> str:
    """What a record's role score depends on of the query, and the rules that computed it."""
    return _role_key_of(_key(query))


def _role_key_of(concepts: str) -> str:
    text = f"{relations.RULES}:{concepts}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _save_role_scores(
    store: Store, key: str, fresh: list[tuple[str, float]], generation: int
) -> None:
    """Store scores just computed, unless the cache changed since their text was read (a
    revision read before it was stored would keep its old score); forget the keys no query
    ranks with any more when a new one comes."""
    try:  # never worth waiting for: they are computed again next time
        with store.transaction(wait=False):
            if store.generation() != generation:
                return
            if not store.has_role_scores(key):
                keys = {_role_key_of(c) for c in store.ranked_concepts()}
                store.keep_role_scores(keys | {key})
            store.save_role_scores(key, fresh)
    except (Busy, CacheError):
        return


def _shape(query: Query) -> tuple[int, bool]:
    """What every record of the query shares in its features: how many concepts, and whether
    the question asks for a mechanism (rank.Features.mechanism)."""
    return len(query.concepts), roles.MECHANISM in roles.of(query)


def _features(
    c: Candidate, values: tuple[float, int, int, float] | None, shape: tuple[int, bool]
) -> rank.Features:
    bm25, present, in_title, role_score = values or (0.0, 0, 0, 0.0)
    concepts_total, mechanism = shape
    return rank.Features(
        pmid=c.pmid,
        year=c.year,
        date=c.entrez_date,
        bm25=bm25,
        concepts_present=present,
        concepts_in_title=in_title,
        concepts_total=concepts_total,
        evidence_level=c.evidence_level,
        population=c.population,
        retracted=c.retracted,
        roles=role_score,
        mechanism=mechanism,
    )
