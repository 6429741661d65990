"""Stored ranking features: the quick first page equals ranking every record, and the features
are computed again after any change to the query's records or hits, and only then."""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import replace

import pytest

from withdrawal_lit import rank, relations
from withdrawal_lit.records import AbstractSection, Article, MeshHeading, Query
from withdrawal_lit.services import ranking
from withdrawal_lit.services.search import Filters
from withdrawal_lit.store import Derived, Store

YEAR = 2026
QUERY = Query(
    name="kratom-withdrawal",
    title="Kratom for withdrawal",
    question="?",
    term="kratom AND withdrawal",
    concepts=(("kratom", "mitragynine"), ("withdrawal", "detoxification")),
)
WORDS = ("kratom", "mitragynine", "withdrawal", "detoxification", "opioid", "sleep", "liver")
DESIGNS = (("rct", 2), ("observational", 3), ("animal", 5), ("other", 6), ("meta-analysis", 1))
POPULATIONS = ("human", "mixed", "animal", "unknown")


def corpus(count: int, seed: int) -> list[tuple[Article, Derived]]:
    """Records with every ranking input varied, and some exact duplicates (ties)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        if i % 10 == 9:  # same text and columns as the record before: only the PMID differs
            article, derived = out[-1]
            out.append((replace(article, pmid=str(1000 + i)), derived))
            continue
        words = rng.choices(WORDS, k=rng.randint(3, 12))
        slug, level = rng.choice(DESIGNS)
        article = Article(
            pmid=str(1000 + i),
            title=" ".join(rng.sample(words, min(3, len(words)))),
            abstract_sections=(AbstractSection(" ".join(words) + "."),),
            mesh=(MeshHeading(rng.choice(("Mitragyna", "Melatonin", "Humans"))),),
            year=rng.choice((None, 1995, 2008, 2015, 2020, 2024, 2026)),
            entrez_date=rng.choice((None, "2019-05-01", "2021-02-03", "2024-11-30")),
            publication_types=("Retracted Publication",) if rng.random() < 0.1 else (),
        )
        out.append((article, Derived(slug, level, rng.choice(POPULATIONS), None, "test")))
    return out


def fill(store: Store, count: int, seed: int = 1) -> list[str]:
    items = corpus(count, seed)
    with store.transaction():
        store.upsert(items, "t")
        store.record_hits(QUERY.name, [a.pmid for a, _ in items], "t")
    return [a.pmid for a, _ in items]


def every_record(store: Store, filters: Filters) -> list[rank.Ranked]:
    """The ranking of every candidate straight from the full-text index (no stored features)."""
    values = ranking._from_index(store, QUERY)
    candidates = store.candidates(QUERY.name, since=filters.since, designs=filters.designs)
    items = [ranking._features(c, values.get(c.pmid), ranking._shape(QUERY)) for c in candidates]
    order = rank.rank(
        items, this_year=YEAR, sort=filters.sort, retracted_last=filters.retracted_last
    )
    return order[: filters.limit] if filters.limit else order


def summary(order: list[rank.Ranked]) -> list[tuple]:
    return [(r.rank, r.pmid, r.score, dict(r.components)) for r in order]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "filters",
    [
        Filters(limit=1),
        Filters(limit=10),
        Filters(limit=37),
        Filters(limit=500),
        Filters(limit=None),
        Filters(limit=10, since=2015),
        Filters(limit=10, designs=("rct", "animal")),
        Filters(limit=10, sort="date"),
        Filters(limit=10, sort="evidence"),
        Filters(limit=10, retracted_last=False),
    ],
    ids=repr,
)
def test_stored_features_rank_exactly_as_the_full_text_index(store, filters, seed):
    fill(store, 300, seed)
    total, order = ranking.ranked(store, QUERY, filters, YEAR)
    expected = every_record(store, filters)
    assert summary(order) == summary(expected)
    assert total == len(store.candidates(QUERY.name, since=filters.since, designs=filters.designs))
    assert store.feature_state(QUERY.name).inputs == store.feature_inputs(QUERY.name)


def counted(store: Store, monkeypatch) -> list[int]:
    """Count the rows read through ``scored_candidates``; refuse reading every candidate."""
    read: list[int] = []
    scored = store.scored_candidates

    def counting(query: str, limit: int | None = None):
        for row in scored(query, limit):
            read.append(1)
            yield row

    monkeypatch.setattr(store, "scored_candidates", counting)
    monkeypatch.setattr(store, "candidates", lambda *a, **k: pytest.fail("read every record"))
    return read


def test_first_page_reads_only_the_best_records(store, monkeypatch):
    fill(store, 400)
    ranking.current_features(store, QUERY, YEAR)
    read = counted(store, monkeypatch)
    total, order = ranking.ranked(store, QUERY, Filters(limit=10), YEAR)
    assert total == 400 and len(order) == 10
    assert len(read) < 400


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "filters",
    [Filters(limit=None), Filters(limit=1), Filters(limit=25), Filters(limit=None, sort="date")],
    ids=repr,
)
def test_a_ranking_read_in_order_is_the_ranking(store, filters, seed):
    fill(store, 300, seed)
    expected = summary(every_record(store, filters))
    assert summary(list(ranking.in_order(store, QUERY, filters, YEAR))) == expected


def test_a_ranking_read_in_order_is_handed_out_while_it_is_read(store, monkeypatch):
    fill(store, 400)
    ranking.current_features(store, QUERY, YEAR)
    read = counted(store, monkeypatch)
    order = ranking.in_order(store, QUERY, Filters(limit=None), YEAR)
    first = next(order)
    assert first.rank == 1 and len(read) < 400  # the first record before the last is read
    assert len([first, *order]) == 400 and len(read) == 400


def new_record(pmid: str) -> list[tuple[Article, Derived]]:
    article, derived = corpus(1, 99)[0]
    return [(replace(article, pmid=pmid), derived)]


CHANGES = {
    "new record the query returns": lambda s: (
        s.upsert(new_record("9000"), "t2"),
        s.record_hits(QUERY.name, ["9000"], "t2"),
    ),
    "revised record": lambda s: s.upsert(
        [
            (
                Article(pmid="1000", title="kratom withdrawal kratom"),
                Derived("rct", 2, "human", 1, "t"),
            )
        ],
        "t2",
    ),
    "hit gone": lambda s: s.mark_gone(QUERY.name, ["1000", "1001"], "t2"),
    "design re-derived": lambda s: s.update_derived([("1000", Derived("other", 6, "x", 1, "2"))]),
}
ELSEWHERE = {
    "new record no query returns": lambda s: s.upsert(new_record("9001"), "t2"),
    "new record another query returns": lambda s: (
        s.upsert(new_record("9000"), "t2"),
        s.record_hits("other-query", ["9000"], "t2"),
    ),
    "another query returns one of its records": lambda s: s.record_hits(
        "other-query", ["1000"], "t2"
    ),
    "unchanged records fetched again": lambda s: s.upsert(corpus(50, 1), "t2"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_the_querys_records_or_hits_makes_its_features_stale(store, change):
    fill(store, 50)
    ranking.current_features(store, QUERY, YEAR)
    before = store.feature_inputs(QUERY.name)
    with store.transaction():
        change(store)
    assert store.feature_inputs(QUERY.name) > before
    state = ranking.current_features(store, QUERY, YEAR)  # computed again
    assert state.inputs == store.feature_inputs(QUERY.name)
    assert summary(ranking.ranked(store, QUERY, Filters(limit=10), YEAR)[1]) == summary(
        every_record(store, Filters(limit=10))
    )


@pytest.mark.parametrize("change", ELSEWHERE.values(), ids=ELSEWHERE.keys())
def test_a_change_elsewhere_leaves_the_features_current(store, change, monkeypatch):
    """The features depend on the query's own records only, bm25's corpus statistics
    included: a change elsewhere writes nothing, and ranks as computing them from scratch."""
    fill(store, 50)
    first = ranking.current_features(store, QUERY, YEAR)
    with store.transaction():
        change(store)
    monkeypatch.setattr(store, "save_features", lambda *a: pytest.fail("features written"))
    assert ranking.current_features(store, QUERY, YEAR) == first
    stored = summary(ranking.ranked(store, QUERY, Filters(limit=None), YEAR)[1])
    assert stored == summary(every_record(store, Filters(limit=None)))


def test_bm25_reads_the_querys_own_records(store):
    """bm25's corpus statistics are the query's records': records of other queries, however
    many name its concepts, change no score of it."""
    fill(store, 40)
    alone = ranking._from_index(store, QUERY)
    others = [(replace(a, pmid=str(int(a.pmid) + 5000)), d) for a, d in corpus(200, 7)]
    with store.transaction():
        store.upsert(others, "t2")
        store.record_hits("other-query", [a.pmid for a, _ in others], "t2")
    assert ranking._from_index(store, QUERY) == alone


def test_gone_hits_come_back_as_a_change(store):
    pmids = fill(store, 20)
    with store.transaction():
        store.mark_gone(QUERY.name, pmids[1:], "t2")
    before = store.generation()
    with store.transaction():
        store.record_hits(QUERY.name, pmids[1:], "t3")  # nothing new or returning
    assert store.generation() == before
    with store.transaction():
        store.record_hits(QUERY.name, pmids, "t4")  # the first PMID is returned again
    assert store.generation() > before


def test_unchanged_records_leave_the_features_current(store):
    items = corpus(20, 1)
    with store.transaction():
        store.upsert(items, "t")
    before = store.generation()
    with store.transaction():
        counts = store.upsert(items, "t2")
    assert counts.unchanged == 20 and store.generation() == before


def test_features_follow_the_concepts_and_the_year(store):
    fill(store, 50)
    first = ranking.current_features(store, QUERY, YEAR)
    assert ranking.current_features(store, QUERY, YEAR) == first  # nothing to compute
    other = replace(QUERY, concepts=(("sleep",),))
    assert ranking.current_features(store, other, YEAR).concepts != first.concepts
    assert ranking.current_features(store, QUERY, YEAR + 1).this_year == YEAR + 1


def test_a_read_only_cache_is_never_written_and_still_ranks_exactly(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with Store.open(path) as store:
        fill(store, 120)
        ranking.current_features(store, QUERY, YEAR)
        with store.transaction():
            store.upsert(corpus(1, 7), "t2")  # the stored features are now out of date
        expected = summary(every_record(store, Filters(limit=10)))
    before = path.read_bytes()
    with Store.open(path, readonly=True) as store:
        assert ranking.current_features(store, QUERY, YEAR) is None
        assert summary(ranking.ranked(store, QUERY, Filters(limit=10), YEAR)[1]) == expected
    assert path.read_bytes() == before


def test_a_query_without_records_writes_nothing(store):
    assert ranking.ranked(store, QUERY, Filters(), YEAR) == (0, [])
    assert store.feature_state(QUERY.name) is None


@pytest.mark.parametrize(
    ("scores", "retracted", "beyond"),
    [
        ([0.9, 0.8, 0.7, 0.5], [0, 0, 0, 0], True),  # the last trails the 2nd by far
        ([0.9, 0.8, 0.7, 0.7995], [0, 0, 0, 0], False),  # rounding could lift it
        ([0.9, 0.8, 0.7, 0.79], [0, 0, 0, 0], True),
        ([0.9, 0.8, 0.7, 0.99], [0, 0, 0, 1], True),  # retracted: ranks after any other
        ([0.9, 0.8, 0.7, 0.7995], [0, 1, 1, 1], False),  # the 2nd is retracted too
    ],
)
def test_beyond_reach(scores, retracted, beyond):
    from withdrawal_lit.store import Candidate, Feature

    rows = [
        (Candidate(str(i), 2020, None, bool(r), None, 2, "human"), Feature(1.0, 1, 1, s))
        for i, (s, r) in enumerate(zip(scores, retracted, strict=True))
    ]
    assert ranking._beyond_reach(rows, 2) is beyond


def test_unrounded_score_is_within_rounding_of_the_score():
    rng = random.Random(5)
    items = [
        rank.Features(
            pmid=str(i),
            year=rng.choice((None, 1990, 2020)),
            bm25=rng.random() * 10,
            concepts_present=rng.randint(0, 3),
            concepts_in_title=rng.randint(0, 3),
            concepts_total=3,
            evidence_level=rng.choice((None, 1, 2, 4, 6)),
            population=rng.choice(POPULATIONS),
        )
        for i in range(2000)
    ]
    middle = rank.median(f.bm25 for f in items)
    for ranked in rank.rank(items, this_year=YEAR):
        exact = rank.unrounded_score(ranked.features, middle, YEAR)
        assert abs(ranked.score - exact) <= rank.ROUNDING_SLACK


@pytest.mark.parametrize(
    "title, abstract, keywords, expected",
    [
        ("Kratom and withdrawal", "", (), (2, 2)),  # both concepts, both in the title
        ("Kratom use", "Opioid detoxification outcomes.", (), (2, 1)),
        ("Liver injury", "Mitragynine and withdrawal.", (), (2, 0)),
        ("Liver injury", "Sleep.", ("mitragynine",), (1, 0)),  # keywords are not the title
        ("Sleep", "Liver.", (), None),  # no concept at all: no features
    ],
)
def test_concepts_present_and_in_title(store, title, abstract, keywords, expected):
    article = Article(
        pmid="7",
        title=title,
        abstract_sections=(AbstractSection(abstract),) if abstract else (),
        keywords=keywords,
    )
    with store.transaction():
        store.upsert([(article, Derived("other", 6, "unknown", None, "test"))], "t")
        store.record_hits(QUERY.name, ["7"], "t")
    values = ranking._from_index(store, QUERY).get("7")
    if expected is None:
        assert values is None
    else:
        bm25, present, in_title, _ = values
        assert (present, in_title) == expected
        assert bm25 > 0  # of the whole query


def test_features_are_not_waited_for_while_another_process_writes(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with Store.open(path) as store:
        fill(store, 60)
        expected = summary(every_record(store, Filters(limit=10)))
        writer = sqlite3.connect(path)
        writer.execute("BEGIN IMMEDIATE")  # a refresh holding its write transaction
        try:
            started = time.monotonic()
            assert ranking.current_features(store, QUERY, YEAR) is None
            assert summary(ranking.ranked(store, QUERY, Filters(limit=10), YEAR)[1]) == expected
            assert time.monotonic() - started < 5  # not the 30 s busy timeout
        finally:
            writer.rollback()
            writer.close()
        assert ranking.current_features(store, QUERY, YEAR) is not None  # stored now


def scratch_roles(store: Store) -> dict[str, float]:
    """Every record's role score read from its text now, nothing stored used."""
    matcher = relations.for_query(QUERY)
    return {
        p: score
        for p, title, abstract in store.texts(QUERY.name, rank.concept_match(matcher.anchor))
        if (score := matcher.find(title, abstract).score())
    }


def counting_finds(monkeypatch) -> list[str]:
    """The titles of the records whose text the role matcher reads."""
    read: list[str] = []
    find = relations.Matcher.find

    def counting(self, title, abstract):
        read.append(title)
        return find(self, title, abstract)

    monkeypatch.setattr(relations.Matcher, "find", counting)
    return read


KRATOM_TEXT = "Kratom to self-treat opioid withdrawal. Kratom eased withdrawal."


def test_role_scores_are_computed_once_per_record(store, monkeypatch):
    fill(store, 200)
    ranking.current_features(store, QUERY, YEAR)
    read = counting_finds(monkeypatch)
    new = corpus(30, 42)
    new = [(replace(a, pmid=str(5000 + i)), d) for i, (a, d) in enumerate(new)]
    with store.transaction():
        store.upsert(new, "t2")
        store.record_hits(QUERY.name, [a.pmid for a, _ in new], "t2")
    state = ranking.current_features(store, QUERY, YEAR)
    assert state.inputs == store.feature_inputs(QUERY.name)
    assert 0 < len(read) <= 30  # only the new records' text
    stored = {p: f.roles for p, f in store.features(QUERY.name).items() if f.roles}
    assert stored == scratch_roles(store)
    assert summary(ranking.ranked(store, QUERY, Filters(limit=None), YEAR)[1]) == summary(
        every_record(store, Filters(limit=None))
    )


def test_a_revised_record_is_scored_again_from_its_new_text(store, monkeypatch):
    fill(store, 50)
    ranking.current_features(store, QUERY, YEAR)
    read = counting_finds(monkeypatch)
    revised = Article(
        pmid="1000", title="Kratom withdrawal", abstract_sections=(AbstractSection(KRATOM_TEXT),)
    )
    with store.transaction():
        store.upsert([(revised, Derived("rct", 2, "human", 1, "t"))], "t2")
    ranking.current_features(store, QUERY, YEAR)
    assert read == ["Kratom withdrawal"]
    assert store.features(QUERY.name)["1000"].roles == scratch_roles(store)["1000"] > 0


def test_role_scores_follow_the_concepts_and_are_forgotten_with_them(store, monkeypatch):
    fill(store, 50)
    ranking.current_features(store, QUERY, YEAR)
    other = replace(QUERY, concepts=(("mitragynine",), ("withdrawal", "detoxification")))
    with store.transaction():
        store.record_hits(other.name, [], "t")
    read = counting_finds(monkeypatch)
    ranking.role_features(store, other)
    assert read  # another role key: read again
    keys = {r[0] for r in store.conn.execute("SELECT DISTINCT key FROM role_scores")}
    assert keys == {ranking._role_key(QUERY), ranking._role_key(other)}
    ranking.current_features(store, other, YEAR)  # QUERY's name now ranks with other's
    third = replace(QUERY, concepts=(("kratom",), ("detoxification",)))
    ranking.role_features(store, third)
    keys = {r[0] for r in store.conn.execute("SELECT DISTINCT key FROM role_scores")}
    assert keys == {ranking._role_key(other), ranking._role_key(third)}


def test_a_read_only_cache_reads_stored_role_scores_and_stores_none(tmp_path, monkeypatch):
    path = tmp_path / "cache.sqlite3"
    with Store.open(path) as store:
        fill(store, 80)
        ranking.current_features(store, QUERY, YEAR)
        with store.transaction():
            store.upsert(corpus(1, 7), "t2")  # revises record 1000: its score is forgotten
        expected = scratch_roles(store)
    before = path.read_bytes()
    read = counting_finds(monkeypatch)
    with Store.open(path, readonly=True) as store:
        assert ranking.role_features(store, QUERY) == expected
        assert ranking.role_features(store, QUERY) == expected
    assert len(read) == 2  # the revised record's text, each time: nothing is stored
    assert path.read_bytes() == before


def test_rebuilding_the_index_forgets_every_role_score(store):
    fill(store, 20)
    ranking.current_features(store, QUERY, YEAR)
    assert store.has_role_scores(ranking._role_key(QUERY))
    with store.transaction():
        store.rebuild_index([])
    assert not store.has_role_scores(ranking._role_key(QUERY))
