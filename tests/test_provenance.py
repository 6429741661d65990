"""Search provenance from the cache: history, term versions, PRISMA identification numbers.

``build_cache`` fills a cache the way `search` and `refresh` do (records, hits, query state,
runs and the search log) without the network; the report and `log` tests use it too.
"""

from __future__ import annotations

import sqlite3

import pytest
from provenance_cache import (
    KRATOM,
    KRATOM_OLD_TERM,
    MELATONIN,
    NIGHTS,
    SHIPPED,
)

from withdrawal_lit.errors import InputError, NotFound
from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.services import provenance
from withdrawal_lit.store import MIGRATIONS, Store


# -- the migration ---------------------------------------------------------------------------
def test_query_versions_migration_upgrades_an_older_cache(tmp_path):
    """A cache made before the migration keeps its log and gains the versions view."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0][1])
    conn.execute(
        "INSERT INTO search_log (query, term, term_hash, at, mode, count) "
        "VALUES ('q', 'a AND b', 'h1', '2024-01-01T00:00:00Z', 'full', 3)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        [version] = store.query_versions(["q"])
    assert (version.term, version.first_used, version.runs) == (
        "a AND b",
        "2024-01-01T00:00:00Z",
        1,
    )


def test_each_edited_term_is_a_version_with_its_first_and_last_use(logged_store):
    versions = logged_store.query_versions([KRATOM.name])
    assert [(v.term, v.first_used, v.last_used, v.runs) for v in versions] == [
        (normalise_term(KRATOM_OLD_TERM), NIGHTS[0], NIGHTS[0], 1),
        (normalise_term(KRATOM.term), NIGHTS[1], NIGHTS[2], 2),
    ]


# -- history ---------------------------------------------------------------------------------
def test_history_is_newest_first_with_term_versions(logged_store):
    rows = provenance.history(logged_store, [KRATOM.name])
    assert [(r.entry.at, r.entry.mode, r.term_version) for r in rows] == [
        (NIGHTS[2], "incremental", 2),
        (NIGHTS[1], "full", 2),
        (NIGHTS[0], "full", 1),
    ]
    assert rows[0].to_json()["revised"] == 1
    assert rows[0].to_json()["term"] == normalise_term(KRATOM.term)


@pytest.mark.parametrize(
    ("names", "limit", "expected"),
    [
        ((), None, 6),
        ((), 2, 2),
        ((MELATONIN.name,), None, 2),
        ((KRATOM.name, MELATONIN.name), 4, 4),
    ],
)
def test_history_filters_by_query_and_limit(logged_store, names, limit, expected):
    assert len(provenance.history(logged_store, names, limit)) == expected


def test_warnings_and_gone_counts_are_kept(logged_store):
    rows = provenance.history(logged_store, [MELATONIN.name])
    assert rows[0].entry.gone == 1
    assert rows[1].entry.warnings == ("OutputMessage: Quoted phrase not found.",)


def test_an_unknown_name_is_refused_with_a_suggestion(logged_store):
    with pytest.raises(InputError, match="(?i)did you mean 'kratom-opioid-withdrawal'"):
        provenance.check_names(logged_store, ["kratom-opioid-withdrawl"], list(SHIPPED))


# -- PRISMA ----------------------------------------------------------------------------------
def test_prisma_counts_identified_duplicates_and_unique(logged_store):
    result = provenance.prisma(logged_store, [KRATOM.name, MELATONIN.name])
    assert [(i.name, i.records, i.last_searched) for i in result.identified] == [
        (KRATOM.name, 8, NIGHTS[2]),
        (MELATONIN.name, 6, NIGHTS[2]),
    ]
    assert (result.total, result.duplicates, result.unique, result.retracted) == (14, 4, 10, 1)


def test_prisma_numbers_agree_with_the_hits_table(logged_store):
    names = [KRATOM.name, MELATONIN.name]
    result = provenance.prisma(logged_store, names)
    unique = logged_store.conn.execute(
        "SELECT count(DISTINCT pmid) FROM hits WHERE gone_since IS NULL AND query IN (?, ?)",
        names,
    ).fetchone()[0]
    assert result.unique == unique
    assert result.total - result.duplicates == unique


def test_strategy_block_reports_the_last_full_search_as_sent(logged_store):
    hashes = {q.name: term_hash(q.term) for q in SHIPPED.values()}
    result = provenance.prisma(logged_store, [KRATOM.name, MELATONIN.name], hashes)
    kratom, melatonin = result.strategy
    assert kratom.term == normalise_term(KRATOM.term)
    assert (kratom.full_search_at, kratom.searched_at) == (NIGHTS[1], NIGHTS[2])
    assert (kratom.term_version, kratom.term_versions, kratom.term_changed) == (2, 2, False)
    assert melatonin.term_changed  # the shipped file's term is not the one logged
    lines = kratom.lines()
    assert "Database: PubMed/MEDLINE" in lines
    assert "Platform: NCBI E-utilities via withdrawal-lit 0.1.0" in lines
    assert f"Search term: {normalise_term(KRATOM.term)}" in lines
    assert "Results: 8" in lines
    assert f"Query translation: translated({KRATOM.name})" in lines
    assert any(
        line.startswith("Date searched: 2025-01-03 (full search 2025-01-02") for line in lines
    )
    assert any(
        line.startswith("Note: the query file's term has changed") for line in melatonin.lines()
    )


def test_prisma_default_names_leave_out_ad_hoc_and_unsearched_queries(logged_store):
    searched, missing = provenance.default_names(logged_store, [*SHIPPED, "adhoc-1a2b3c4d"])
    assert searched == [KRATOM.name, MELATONIN.name]
    assert set(missing) == set(SHIPPED) - {KRATOM.name, MELATONIN.name}


@pytest.mark.parametrize(
    ("names", "message"),
    [([], "no searches in the cache"), (["kratom-pharmacology"], "has never been searched")],
)
def test_prisma_without_searches_says_what_to_run(logged_store, names, message):
    with pytest.raises(NotFound, match=message):
        provenance.prisma(logged_store, names)


def test_prisma_json_carries_the_flow_diagram_numbers(logged_store):
    data = provenance.prisma(logged_store, [KRATOM.name, MELATONIN.name]).to_json()
    assert data["identification"] == {
        "per_query": [
            {
                "name": KRATOM.name,
                "title": KRATOM.title,
                "records": 8,
                "last_searched": NIGHTS[2],
            },
            {
                "name": MELATONIN.name,
                "title": MELATONIN.title,
                "records": 6,
                "last_searched": NIGHTS[2],
            },
        ],
        "identified": 14,
        "duplicates_removed": 4,
        "after_duplicates_removed": 10,
        "retracted_flagged": 1,
    }
    assert data["strategy"][0]["platform"] == "NCBI E-utilities via withdrawal-lit 0.1.0"


def test_a_removed_or_ad_hoc_query_is_rebuilt_from_its_logged_term(logged_store):
    [query] = provenance.resolve(logged_store, SHIPPED, ["adhoc-1a2b3c4d"])
    assert query.term == "kratom AND sleep"
    assert query.concepts == (("kratom",), ("sleep",))
