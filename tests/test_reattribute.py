"""Re-attributing changed cached records from the cache's hits: which pairs stay open, and the
one esearch that checks them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from withdrawal_lit.records import Query
from withdrawal_lit.services.reattribute import check_term, open_pairs
from withdrawal_lit.store import CachedDates, QueryState


@dataclass
class P:
    name: str
    query: Query
    state: QueryState | None


def plan(name: str, term: str, last: str | None) -> P:
    state = QueryState(name, term, "", None, None, last, None, None, None) if last else None
    return P(name, Query(name=name, title=name, question="", term=term), state)


A = plan("a", "kratom[tiab]", "2026-11-20T08:00:00Z")
B = plan("b", "melatonin[tiab]", "2026-11-20T08:00:00Z")
CACHED = {
    "1": CachedDates("2020-01-01", "2020-01-02", "2020-01-03T00:00:00Z", "2026-11-20T08:00:00Z"),
    "2": CachedDates("2026-11-21", None, "2026-11-21T09:00:00Z", "2026-11-21T09:00:00Z"),
}


@pytest.mark.parametrize(
    ("hits", "stale", "pairs"),
    [
        ({"1": {"a"}}, {"1"}, {"b": ["1"]}),  # modified: b may return it now
        ({"1": {"a", "b"}}, {"1"}, {}),  # both return it already
        ({"1": {"a"}}, set(), {}),  # unchanged, and b ran after it was cached
        ({"2": {"a"}}, set(), {"b": ["2"]}),  # cached after b last ran
    ],
)
def test_open_pairs(hits, stale, pairs):
    found = list(hits)
    assert open_pairs([A, B], found, hits, CACHED, stale) == pairs


def test_check_term_restricts_each_query_to_its_own_records():
    term = check_term([A, B], {"a": ["2"], "b": ["1", "2"]})
    assert term == "((kratom[tiab]) AND (2[uid])) OR ((melatonin[tiab]) AND (1[uid] OR 2[uid]))"
