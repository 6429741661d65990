"""Ranking: table-driven cases for each component, the order and its tie-breaks."""

from __future__ import annotations

import pytest

from withdrawal_lit.rank import (
    WEIGHTS,
    Features,
    components,
    concept_match,
    fts_match,
    median,
    rank,
    weights_help,
)

YEAR = 2026


def f(pmid: str, **kw) -> Features:
    return Features(pmid=pmid, **kw)


@pytest.mark.parametrize(
    ("features", "median_bm25", "name", "expected"),
    [
        (f("1", bm25=2.0), 2.0, "relevance", 0.5),
        (f("1", bm25=6.0), 2.0, "relevance", 0.75),
        (f("1", bm25=0.0), 2.0, "relevance", 0.0),
        (f("1", bm25=3.0), 0.0, "relevance", 0.0),
        (f("1", concepts_present=2, concepts_in_title=2, concepts_total=2), 1, "concepts", 1.0),
        (f("1", concepts_present=2, concepts_in_title=0, concepts_total=2), 1, "concepts", 0.5),
        (f("1", concepts_present=1, concepts_in_title=0, concepts_total=2), 1, "concepts", 0.25),
        (f("1", concepts_total=0), 1, "concepts", 0.0),
        (f("1", evidence_level=1), 1, "evidence", 1.0),
        (f("1", evidence_level=6), 1, "evidence", 0.0),
        (f("1", evidence_level=None), 1, "evidence", 0.0),
        (f("1", evidence_level=3), 1, "evidence", 0.6),
        (f("1", population="human"), 1, "human", 1.0),
        (f("1", population="mixed"), 1, "human", 0.5),
        (f("1", population="animal"), 1, "human", 0.0),
        (f("1", year=YEAR), 1, "recency", 1.0),
        (f("1", year=YEAR - 8), 1, "recency", 0.5),
        (f("1", year=YEAR - 16), 1, "recency", 0.25),
        (f("1", year=YEAR + 1), 1, "recency", 1.0),
    ],
)
def test_components(features, median_bm25, name, expected):
    assert components(features, median_bm25, YEAR)[name] == pytest.approx(expected)


def test_weights_sum_to_one_and_are_documented():
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    text = weights_help()
    for name in WEIGHTS:
        assert name in text


@pytest.mark.parametrize(
    ("items", "sort", "expected"),
    [
        # stronger evidence wins when relevance is equal
        ([f("1", bm25=1, evidence_level=4), f("2", bm25=1, evidence_level=1)], "relevance",
         ["2", "1"]),
        # retracted goes last whatever its score
        ([f("1", bm25=9, evidence_level=1, retracted=True), f("2", bm25=1, evidence_level=5)],
         "relevance", ["2", "1"]),
        # ties: newer date first, then higher PMID
        ([f("1", date="2020-01-01"), f("2", date="2021-01-01"), f("3", date="2021-01-01")],
         "relevance", ["3", "2", "1"]),
        # date sort: newest first; unknown dates last
        ([f("1", year=2019), f("2", year=2024), f("3")], "date", ["2", "1", "3"]),
        ([f("1", date="2024-05-01"), f("2", date="2024-12-01")], "date", ["2", "1"]),
        # evidence sort: level first, score next
        ([f("1", evidence_level=2, bm25=1), f("2", evidence_level=1), f("3", evidence_level=2,
          bm25=5)], "evidence", ["2", "3", "1"]),
        ([], "relevance", []),
    ],
)  # fmt: skip
def test_order(items, sort, expected):
    assert [r.pmid for r in rank(items, this_year=YEAR, sort=sort)] == expected


def test_retracted_in_place_when_asked():
    items = [f("1", bm25=9, evidence_level=1, retracted=True), f("2", bm25=1, evidence_level=5)]
    assert [r.pmid for r in rank(items, this_year=YEAR, retracted_last=False)] == ["1", "2"]


def test_ranks_are_consecutive_and_scores_are_the_sum_of_components():
    items = [f(str(i), bm25=i, year=2000 + i, evidence_level=i % 6 + 1) for i in range(1, 20)]
    ranked = rank(items, this_year=YEAR)
    assert [r.rank for r in ranked] == list(range(1, 20))
    for r in ranked:
        assert r.score == pytest.approx(sum(r.components.values()), abs=1e-3)


def test_order_is_deterministic_under_input_permutation():
    items = [f(str(i), bm25=i % 3, year=2020 + i % 4, evidence_level=i % 5 + 1) for i in range(30)]
    first = [r.pmid for r in rank(items, this_year=YEAR)]
    assert [r.pmid for r in rank(list(reversed(items)), this_year=YEAR)] == first


def test_unknown_sort_is_refused():
    with pytest.raises(ValueError):
        rank([], this_year=YEAR, sort="random")


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        (["kratom"], '("kratom")'),
        (["kratom", "mitragyn*"], '("kratom" OR "mitragyn"*)'),
        (["opioid use disorder"], '("opioid use disorder")'),
        (['say "hi"'], '("say  hi")'),
        (["", "*"], ""),
    ],
)
def test_concept_match(group, expected):
    assert concept_match(group) == expected


def test_fts_match_ors_the_concepts():
    assert fts_match([["kratom"], ["withdrawal"]]) == '("kratom") OR ("withdrawal")'


@pytest.mark.parametrize(
    ("values", "expected"), [([], 0.0), ([3], 3), ([1, 9, 5], 5), ([1, 2, 3, 4], 2.5)]
)
def test_median(values, expected):
    assert median(values) == expected
