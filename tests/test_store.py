"""The SQLite cache: migrations, upserts and revisions, hits, atomicity, refusing bad files."""

from __future__ import annotations

import sqlite3

import pytest

from withdrawal_lit.errors import CacheError, NoCache
from withdrawal_lit.records import AbstractSection, Article, MeshHeading
from withdrawal_lit.store import SCHEMA_VERSION, Derived, Store

DERIVED = Derived("rct", 2, "human", 120, "test")


def article(pmid: str, title: str = "Kratom and opioid withdrawal", **kw) -> Article:
    return Article(
        pmid=pmid,
        title=title,
        year=kw.pop("year", 2020),
        abstract_sections=(AbstractSection("Kratom reduced withdrawal."),),
        mesh=(MeshHeading("Mitragyna", major=True),),
        **kw,
    )


def test_new_cache_is_at_the_current_schema(store):
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    names = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert len(names) == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_upsert_counts_new_revised_unchanged(store):
    with store.transaction():
        counts = store.upsert([(article("1"), DERIVED), (article("2"), DERIVED)], "t1")
    assert (counts.new, counts.revised, counts.unchanged) == (2, 0, 0)
    with store.transaction():
        counts = store.upsert(
            [(article("1"), DERIVED), (article("2", title="Revised title"), DERIVED)], "t2"
        )
    assert (counts.new, counts.revised, counts.unchanged) == (0, 1, 1)
    assert counts.revised_pmids == ("2",)
    assert store.get("2").title == "Revised title"
    assert store.count_records() == 2
    # the FTS index follows the revision: one row per record, the new title searchable
    assert store.conn.execute("SELECT count(*) FROM records_fts").fetchone()[0] == 2
    hits = store.conn.execute(
        "SELECT rowid FROM records_fts WHERE records_fts MATCH 'revised'"
    ).fetchall()
    assert [h[0] for h in hits] == [2]


def test_round_trip_keeps_every_field(store):
    original = article("7", doi="10.1/x", keywords=("kratom",), languages=("eng",))
    with store.transaction():
        store.upsert([(original, DERIVED)], "t")
    assert store.get("7") == original


def test_failed_transaction_leaves_the_cache_as_it_was(store):
    with store.transaction():
        store.upsert([(article("1"), DERIVED)], "t1")
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert([(article("2"), DERIVED)], "t2")
        store.record_hits("q", ["2"], "t2")
        raise RuntimeError("network died")
    assert store.count_records() == 1
    assert store.get("2") is None
    assert store.conn.execute("SELECT count(*) FROM hits").fetchone()[0] == 0


def test_hits_and_gone(store):
    with store.transaction():
        store.upsert([(article(p), DERIVED) for p in "123"], "t")
        assert store.record_hits("q", ["1", "2", "3"], "t1") == 3
        assert store.record_hits("q", ["1", "2"], "t2") == 0
        assert store.mark_gone("q", ["1", "2"], "t2") == 1
    assert [c.pmid for c in store.candidates("q")] == ["1", "2"]
    assert store.queries_for("3") == ["q"]


def test_candidates_filter_by_year_and_design(store):
    with store.transaction():
        store.upsert([(article("1", year=2010), DERIVED)], "t")
        store.upsert([(article("2", year=2022), Derived("animal", 5, "animal", None, "t"))], "t")
        store.record_hits("q", ["1", "2"], "t")
    assert [c.pmid for c in store.candidates("q", since=2015)] == ["2"]
    assert [c.pmid for c in store.candidates("q", designs=("rct",))] == ["1"]


def test_missing_keeps_order_and_dedupes(store):
    with store.transaction():
        store.upsert([(article("2"), DERIVED)], "t")
    assert store.missing(["3", "2", "1", "3"]) == ["3", "1"]


def test_query_state_round_trip(store):
    with store.transaction():
        store.save_query_state(
            "q",
            title="Q",
            term="kratom",
            term_hash="h",
            count=5,
            translation="kratom[All]",
            success_at="2026-01-01T00:00:00Z",
        )
    state = store.query_state("q")
    assert (state.term, state.last_count, state.cached) == ("kratom", 5, 0)
    assert store.query_state("other") is None


def test_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"my notes, not a cache\n")
    with pytest.raises(CacheError, match="not an SQLite file"):
        Store.open(path)
    assert path.read_bytes() == b"my notes, not a cache\n"


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "c.sqlite3"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = path.read_bytes()
    with pytest.raises(CacheError, match="newer than this withdrawal-lit"):
        Store.open(path)
    assert path.read_bytes() == before


def test_readonly_open_of_missing_cache_says_how_to_fill_it(tmp_path):
    with pytest.raises(NoCache, match="withdrawal-lit search") as info:
        Store.open(tmp_path / "none.sqlite3", readonly=True)
    assert info.value.exit_code == 6  # nothing found, as for every command


def test_readonly_store_cannot_write(tmp_path):
    path = tmp_path / "c.sqlite3"
    Store.open(path).close()
    with (
        Store.open(path, readonly=True) as store,
        pytest.raises(CacheError),
        store.transaction(),
    ):
        store.upsert([(article("1"), DERIVED)], "t")


def test_has_records(store):
    assert not store.has_records()
    with store.transaction():
        store.upsert([(article("1"), DERIVED)], "t")
    assert store.has_records()


def test_every_store_method_is_its_parts_method(store):
    """Each method the store forwards names a method its part has (a renamed part method
    would otherwise fail only when called)."""
    import withdrawal_lit.store as package

    forwarded = {n: v for n, v in vars(Store).items() if isinstance(v, package._Of)}
    assert len(forwarded) > 50
    for name, via in forwarded.items():
        assert callable(getattr(getattr(store, via.part), name)), name


def test_the_stores_parts_never_call_each_other():
    """Parts receive the Database and use only it: no part names another part, and what a
    part asks of the Database is the connection, its path, transactions and the counter."""
    import ast
    import importlib
    import inspect

    from withdrawal_lit.store.connection import Part

    parts = _part_classes(Part)
    assert {c.__name__ for c in parts} >= {"Records", "Hits", "Runs", "Maintenance"}
    allowed = {"conn", "path", "changed", "transaction", "generation"}
    for cls in parts:
        module = importlib.import_module(cls.__module__)
        tree = ast.parse(inspect.getsource(module))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        others = {c.__name__ for c in parts} - {cls.__name__}
        assert not names & others, f"{cls.__name__} names {names & others}"
        used = {
            n.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Attribute)
            and n.value.attr == "db"
        }
        assert used <= allowed, f"{cls.__name__} asks the Database for {used - allowed}"


def _part_classes(base: type) -> set[type]:
    import withdrawal_lit.store  # noqa: F401  (imports every part)

    return set(base.__subclasses__())
