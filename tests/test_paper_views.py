"""Stored paper views: what `search` shows of a paper is the same read back as computed, and
is computed again when the record, the question's concepts or the code change."""

from __future__ import annotations

from dataclasses import replace

import corpus
import pytest

from withdrawal_lit import summarize
from withdrawal_lit.design import assess
from withdrawal_lit.records import AbstractSection, Article, MeshHeading, Query
from withdrawal_lit.services import paper_views as views_module
from withdrawal_lit.services.paper_views import paper_views
from withdrawal_lit.store import Derived, Store

DERIVED = Derived("other", 6, "unknown", None, "test")
QUERIES = [
    Query(
        name="k", title="k", question="?", term="kratom", concepts=(("kratom",), ("withdrawal",))
    ),
    Query(name="m", title="m", question="?", term="melatonin", concepts=(("melatonin", "sleep"),)),
]


def articles() -> dict[str, Article]:
    """The test corpus's records: sectioned abstracts, publication types and MeSH."""
    out = {}
    for record in corpus.RECORDS:
        sections = tuple(
            AbstractSection(text, label, category)
            for label, category, text in record.get("abstract_sections", ())
        )
        out[record["pmid"]] = Article(
            pmid=record["pmid"],
            title=record["title"],
            abstract_sections=sections,
            publication_types=tuple(record.get("pub_types", ())),
            mesh=tuple(MeshHeading(d, major=major) for d, major in record.get("mesh", ())),
        )
    return out


def stored(store: Store, found: dict[str, Article]) -> None:
    with store.transaction():
        store.upsert([(a, DERIVED) for a in found.values()], "t")


def computing(monkeypatch) -> list[str]:
    """The PMIDs whose assessment is computed from now on."""
    seen: list[str] = []

    def counting(article):
        seen.append(article.pmid)
        return assess(article)

    monkeypatch.setattr(views_module, "assess", counting)
    return seen


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_a_stored_view_is_what_computing_it_gives(store, query, monkeypatch):
    found = articles()
    stored(store, found)
    expected = {p: (assess(a), summarize.bottom_line(a, query.concepts)) for p, a in found.items()}
    assert "conclusions" in {s.source for _, s in expected.values()}  # abstracts summarised
    assert paper_views(store, query, found) == expected
    seen = computing(monkeypatch)
    assert paper_views(store, query, found) == expected
    assert seen == []  # read back, none computed


def test_views_follow_the_record_and_the_concepts(store, monkeypatch):
    found = articles()
    stored(store, found)
    paper_views(store, QUERIES[0], found)
    pmid = next(iter(found))
    revised = replace(found[pmid], abstract_sections=(AbstractSection("Kratom eased it."),))
    with store.transaction():
        store.upsert([(revised, DERIVED)], "t2")
    seen = computing(monkeypatch)
    after = paper_views(store, QUERIES[0], {**found, pmid: revised})
    assert seen == [pmid]
    assert after[pmid][1] == summarize.bottom_line(revised, QUERIES[0].concepts)
    paper_views(store, QUERIES[1], found)
    assert len(seen) == 1 + len(found)  # other concepts: computed for each


def test_views_of_other_code_are_forgotten(store, monkeypatch):
    found = articles()
    stored(store, found)
    paper_views(store, QUERIES[0], found)
    monkeypatch.setattr(views_module, "code_version", lambda: "other-code")
    seen = computing(monkeypatch)
    paper_views(store, QUERIES[0], found)
    assert len(seen) == len(found)
    keys = {r[0] for r in store.conn.execute("SELECT DISTINCT key FROM paper_views")}
    assert keys == {views_module.view_key(QUERIES[0])}
    assert all(key.startswith("other-code:") for key in keys)


def test_a_read_only_cache_computes_views_and_stores_none(tmp_path):
    path = tmp_path / "cache.sqlite3"
    found = articles()
    with Store.open(path) as store:
        stored(store, found)
    before = path.read_bytes()
    with Store.open(path, readonly=True) as store:
        views = paper_views(store, QUERIES[0], found)
    assert views[next(iter(found))][0] == assess(next(iter(found.values())))
    assert path.read_bytes() == before
