"""A query's own full-text index: bm25 as a cache holding the query's records alone gives it."""

from __future__ import annotations

import pytest

from withdrawal_lit.errors import CacheError
from withdrawal_lit.records import AbstractSection, Article
from withdrawal_lit.store import Derived, Store
from withdrawal_lit.store.query_index import BM25_WEIGHTS

DERIVED = Derived("other", 6, "unknown", None, "test")
TEXTS = {
    "1": ("Kratom for opioid withdrawal", "Kratom eased withdrawal in a survey."),
    "2": ("Melatonin and sleep", "Melatonin improved sleep after detoxification."),
    "3": ("Kratom dependence", "Regular kratom users reported withdrawal."),
    "4": ("Liver injury", "A case of liver injury."),
    "5": ("Kratom kratom kratom", "Kratom, mitragynine and kratom again."),
}
MINE = ["1", "2", "3"]
SEARCHES = [
    ('("kratom") OR ("withdrawal")', BM25_WEIGHTS),
    ('("kratom")', (1.0, 0.0, 0.0, 0.0)),
    ('("withdrawal" OR "detoxification")', (1.0, 0.0, 0.0, 0.0)),
    ('("melatonin")', BM25_WEIGHTS),
    ("", BM25_WEIGHTS),
]


def fill(store: Store, pmids, query: str = "mine") -> None:
    articles = [
        Article(pmid=p, title=TEXTS[p][0], abstract_sections=(AbstractSection(TEXTS[p][1]),))
        for p in pmids
    ]
    with store.transaction():
        store.upsert([(a, DERIVED) for a in articles], "t")
        store.record_hits(query, [a.pmid for a in articles], "t")


@pytest.mark.parametrize(("match", "weights"), SEARCHES)
def test_scores_are_those_of_a_cache_holding_the_querys_records_alone(tmp_path, match, weights):
    with Store.open(tmp_path / "alone.sqlite3") as alone:
        fill(alone, MINE)
        expected = alone.query_scores("mine", [(match, weights)])
    with Store.open(tmp_path / "shared.sqlite3") as shared:
        fill(shared, MINE)
        fill(shared, ["4", "5"], query="other")  # records of another query only
        with shared.transaction():
            shared.mark_gone("mine", ["3"], "t2")  # "1" and "2" gone...
            shared.record_hits("mine", ["1", "2"], "t3")  # ... and back
        assert shared.query_scores("mine", [(match, weights)]) == expected
    assert bool(expected[0]) == bool(match)


def test_gone_hits_are_not_in_the_querys_index(store):
    fill(store, MINE)
    with store.transaction():
        store.mark_gone("mine", ["1", "2"], "t2")  # "3" no longer returned
    assert store.query_scores("mine", [('("kratom")', BM25_WEIGHTS)])[0].keys() == {"1"}


def test_the_temporary_index_is_emptied_and_a_read_only_cache_is_not_written(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with Store.open(path) as store:
        fill(store, MINE)
        expected = store.query_scores("mine", SEARCHES)
    before = path.read_bytes()
    with Store.open(path, readonly=True) as store:
        assert store.query_scores("mine", SEARCHES) == expected
        left = store.conn.execute("SELECT count(*) FROM temp.query_fts_docsize").fetchone()
        assert left[0] == 0
    assert path.read_bytes() == before


def test_one_querys_index_leaves_nothing_in_the_next(tmp_path):
    """The same connection scores another query, while one of its statements is still being
    read, as if it had scored nothing before."""
    with Store.open(tmp_path / "alone.sqlite3") as alone:
        fill(alone, ["4", "5"], query="other")
        expected = alone.query_scores("other", SEARCHES)
    with Store.open(tmp_path / "shared.sqlite3") as shared:
        fill(shared, MINE)
        fill(shared, ["4", "5"], query="other")
        shared.query_scores("mine", SEARCHES)
        reading = shared.conn.execute("SELECT pmid FROM records")
        reading.fetchone()
        assert shared.query_scores("other", SEARCHES) == expected
        assert reading.fetchone() is not None


def test_a_malformed_expression_is_a_cache_error(store):
    fill(store, MINE)
    with pytest.raises(CacheError, match="cannot rank with"):
        store.query_scores("mine", [('"kratom', BM25_WEIGHTS)])
    assert store.query_scores("mine", [('("kratom")', BM25_WEIGHTS)])[0]  # and it goes on
