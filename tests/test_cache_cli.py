"""`withdrawal-lit cache check` and `cache rebuild` over sound, inconsistent, damaged and foreign
files: check explains in plain words and never writes; rebuild mends in place what can be
derived again, salvages what SQLite can still read into a new file, keeps the damaged one as
<name>.damaged-<time>, and leaves files that are not its own alone."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import corpus
import pytest
from cli_run import run, searched_cache
from fake_eutils import FakeEutils
from fault_helpers import read_only
from privileges import unprivileged

from withdrawal_lit.errors import EXIT_CACHE, EXIT_NOT_FOUND
from withdrawal_lit.store import SCHEMA_VERSION

KRATOM = "kratom-opioid-withdrawal"
EXTRA = 120  # records beyond the corpus, so the records table spans many pages


def add_extra(fake: FakeEutils) -> None:
    for i in range(EXTRA):
        fake.add_article(
            str(37500000 + i),
            f"Kratom and opioid withdrawal in outpatients, cohort {i:03d}",
            abstract=f"Cohort {i:03d}: adults used kratom to ease opioid withdrawal. " * 25,
            year=2000 + i % 25,
            mesh=corpus.KRATOM_MESH + corpus.WITHDRAWAL_MESH,
        )


pytestmark = pytest.mark.fake(config=None, load=add_extra)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return searched_cache(tmp_path_factory.mktemp("big"), KRATOM, "--json", load=add_extra)


@pytest.fixture
def db(template, isolated) -> Path:
    path = isolated / "cache.sqlite3"
    shutil.copyfile(template, path)
    return path


def sql(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def records(db: Path) -> dict[int, str]:
    with read_only(db) as conn:
        return dict(conn.execute("SELECT pmid, data FROM records"))


def check(*options: str):
    result = run("cache", "check", *options)
    report = json.loads(result.stdout) if "--json" in options else None
    return result, report


def findings(report: dict) -> list[str]:
    return [f["text"] for f in report["findings"]]


def only_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# -- check ------------------------------------------------------------------------------------
def test_a_sound_cache_checks_clean_and_is_not_touched(db):
    before = db.read_bytes()
    result, _ = check()
    assert result.exit_code == 0, result.output
    assert "The cache is sound." in result.stdout
    assert f"schema   {SCHEMA_VERSION} (this version: {SCHEMA_VERSION})" in result.stdout
    _, report = check("--json")
    assert report["damaged"] is False and report["findings"] == []
    count = len(records(db))
    assert report["counts"]["records"] == report["counts"]["records_fts"] == count
    assert count >= EXTRA
    assert db.read_bytes() == before


def test_no_cache_is_nothing_found():
    result, _ = check()
    assert result.exit_code == EXIT_NOT_FOUND
    assert "no cache at" in only_error_line(result)


def test_an_empty_file_is_a_note():
    Path(__import__("os").environ["WITHDRAWAL_LIT_DB"]).write_bytes(b"")
    result, _ = check()
    assert result.exit_code == 0
    assert "note: the file is empty" in result.stdout


def break_index(db: Path) -> None:
    """Three ways out of step: entries missing, one stale, one for a record that is gone."""
    first, second, third = sorted(records(db))[:3]
    sql(
        db,
        f"DELETE FROM records_fts WHERE rowid IN ({first}, {second})",
        f"UPDATE records_fts SET title = 'something else entirely' WHERE rowid = {third}",
        "INSERT INTO records_fts (rowid, title, abstract, mesh, keywords) "
        "VALUES (99999999, 'ghost', '', '', '')",
    )


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            break_index,
            "the full-text index used for ranking is out of step: 2 records are missing from "
            "it, 1 entries belong to records no longer cached, 1 entries hold outdated text",
        ),
        (
            lambda db: sql(db, "DROP TABLE records_fts"),
            "the full-text index used for ranking is missing",
        ),
        (
            lambda db: sql(db, "UPDATE records SET year = 1066, design = 'anecdote' "
                           "WHERE pmid IN (SELECT pmid FROM records LIMIT 4)"),
            "4 records' ranking columns (title, year, design...) disagree with the record itself",
        ),
        (
            lambda db: sql(db, "UPDATE records_fts_data SET block = zeroblob(length(block)) "
                           "WHERE id > 10"),
            "records cannot be found through it",
        ),
    ],
    ids=["index-out-of-step", "index-missing", "columns-wrong", "index-pages-garbage"],
)  # fmt: skip
def test_what_can_be_derived_again_is_rebuilt_in_place(db, damage, expected):
    damage(db)
    result, report = check("--json")
    assert result.exit_code == EXIT_CACHE
    assert any(expected in text for text in findings(report)), report
    line = only_error_line(result)
    assert line.endswith("Run `withdrawal-lit cache rebuild`")
    kept = records(db)
    rebuilt = run("cache", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert f"Rebuilt the full-text index and ranking columns of {len(kept)} records" in (
        rebuilt.stdout
    )
    assert records(db) == kept  # the records themselves are untouched
    assert not list(db.parent.glob("*.damaged-*"))
    again, report = check("--json")
    assert again.exit_code == 0 and report["findings"] == []
    assert run("search", KRATOM, "--offline", "--json").exit_code == 0


@pytest.mark.parametrize(
    ("damage", "expected", "fix"),
    [
        (
            "UPDATE records SET assessed_with = 'rules-0' WHERE pmid IN "
            "(SELECT pmid FROM records LIMIT 5)",
            "5 records were classified by older study-design rules",
            "the next search (or `withdrawal-lit cache rebuild`) classifies them again",
        ),
        (
            "INSERT INTO hits (query, pmid, first_seen, last_seen) VALUES "
            "('kratom-opioid-withdrawal', 12345678, '2024-01-01', '2024-01-01')",
            "1 PMIDs found by a query have no cached record (12345678), so searches leave them out",
            "run `withdrawal-lit search --refresh` to fetch them again",
        ),
        (
            "INSERT INTO runs (command, started_at) VALUES ('search', '2024-01-01T00:00:00Z')",
            "1 run never finished (interrupted); nothing they had not committed was kept",
            "nothing to do",
        ),
    ],
    ids=["older-rules", "orphan-hit", "interrupted-run"],
)
def test_harmless_findings_are_notes(db, damage, expected, fix):
    sql(db, damage)
    result, _ = check()
    assert result.exit_code == 0, result.output
    assert f"note: {expected}\n  fix: {fix}\n" in result.stdout
    assert "The cache is sound." in result.stdout


# -- files rebuild must leave alone ----------------------------------------------------------
def not_sqlite(db: Path) -> None:
    db.write_text("pmid,title\n1,kratom\n")


def newer(db: Path) -> None:
    sql(db, "PRAGMA user_version = 99")


def other_program(db: Path) -> None:
    db.unlink()
    sql(db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")


@pytest.mark.parametrize(
    ("make", "problem", "refusal"),
    [
        (not_sqlite, "it is not an SQLite database (it begins b'pmid,title\\n1'), so not a "
         "cache either", "it is not an SQLite database"),
        (newer, "it was written by a newer withdrawal-lit (schema 99; this version reads up "
         f"to {SCHEMA_VERSION})", "it was written by a newer withdrawal-lit (schema 99)"),
        (other_program, "it is an SQLite database of another program (none of the cache's "
         "tables)", "it is another program's SQLite database"),
    ],
    ids=["not-sqlite", "newer-schema", "another-program"],
)  # fmt: skip
def test_files_that_are_not_ours_to_mend_are_refused(db, make, problem, refusal):
    make(db)
    before = db.read_bytes()
    result, report = check("--json")
    assert result.exit_code == EXIT_CACHE
    assert problem in findings(report)
    rebuilt = run("cache", "rebuild")
    assert rebuilt.exit_code == EXIT_CACHE
    assert f"was left untouched: {refusal}" in only_error_line(rebuilt)
    assert db.read_bytes() == before
    assert not list(db.parent.glob("cache.sqlite3.*"))  # no salvage, nothing set aside


def test_a_read_only_cache_cannot_be_rebuilt_and_says_why(db):
    break_index(db)
    db.chmod(0o444)
    before = db.read_bytes()
    with unprivileged():
        result = run("cache", "rebuild")
    assert result.exit_code == EXIT_CACHE
    assert "make the file and its folder writable" in only_error_line(result).lower()
    assert db.read_bytes() == before


# -- salvage ----------------------------------------------------------------------------------
def middle_record_page(db: Path) -> tuple[bytearray, int, int]:
    """(the file's bytes, its page size, the page holding the JSON of the record in the
    middle)."""
    pmids = sorted(records(db))
    middle = pmids[len(pmids) // 2]
    conn = sqlite3.connect(db)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    content = bytearray(db.read_bytes())
    return content, size, content.index(f'"pmid":"{middle}"'.encode()) // size


def truncate(db: Path) -> None:
    """Cut the file short where the record in the middle is stored (wherever the tables
    around it are laid out)."""
    content, size, page = middle_record_page(db)
    db.write_bytes(bytes(content[: page * size]))


def damage_middle_record(db: Path) -> None:
    """Overwrite the page holding the JSON of the record in the middle."""
    content, size, page = middle_record_page(db)
    content[page * size : (page + 1) * size] = b"\xab" * size
    db.write_bytes(bytes(content))


def unreadable_json(db: Path) -> int:
    pmid = sorted(records(db))[7]
    sql(db, f'UPDATE records SET data = \'{{"pmid": "{pmid}", "title": \' WHERE pmid = {pmid}')
    return pmid


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (truncate, "SQLite's integrity check failed"),
        (damage_middle_record, "SQLite's integrity check failed"),
        (unreadable_json, "records' stored JSON cannot be read"),
    ],
    ids=["truncated", "damaged-page", "unreadable-record"],
)
def test_a_damaged_cache_is_salvaged_into_a_new_file_and_the_original_kept(
    db, fake, damage, problem
):
    original = records(db)
    damage(db)
    damaged_bytes = db.read_bytes()
    result, report = check("--json")
    assert result.exit_code == EXIT_CACHE
    assert any(problem in text for text in findings(report))
    assert "keeps this file as <name>.damaged-<time>" in only_error_line(result)

    rebuilt = run("cache", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    kept = list(db.parent.glob("cache.sqlite3.damaged-*"))
    assert [p.name for p in kept if not p.name.endswith(("-wal", "-shm"))] == [
        next(p.name for p in kept if not p.name.endswith(("-wal", "-shm")))
    ]
    aside = next(p for p in kept if not p.name.endswith(("-wal", "-shm")))
    assert aside.read_bytes() == damaged_bytes  # the damaged file, never changed or deleted
    assert f"The damaged file is kept as {aside}." in rebuilt.stdout

    salvaged = records(db)
    assert salvaged and set(salvaged) < set(original)
    assert all(salvaged[p] == original[p] for p in salvaged)  # copied exactly
    lost = sorted(set(original) - set(salvaged))
    warning = rebuilt.stderr.strip()
    assert warning.startswith(f"warning: {len(lost)} records could not be read (")
    assert ", ".join(str(p) for p in lost[:10]) in warning
    assert warning.endswith("run `withdrawal-lit search --refresh` to fetch them again.")
    if damage is not truncate:  # a hole in the middle: both sides of it come back
        assert min(salvaged) == min(original) and max(salvaged) == max(original)

    again, report = check("--json")
    assert again.exit_code == 0, again.output
    assert not report["damaged"]
    refreshed = run("search", KRATOM, "--refresh", "--json")
    assert refreshed.exit_code == 0, refreshed.output
    assert set(records(db)) >= set(original)  # what could not be read is fetched again


def test_an_unfinished_salvage_is_replaced(db, fake):
    truncate(db)
    leftover = db.with_name(db.name + ".salvage")
    leftover.write_bytes(b"half a salvage")
    assert run("cache", "rebuild").exit_code == 0
    assert not leftover.exists()
    assert run("cache", "check").exit_code == 0


# -- a cache from an older version ------------------------------------------------------------
@pytest.fixture
def older(monkeypatch, isolated) -> Path:
    """A cache as the first version of the schema wrote it."""
    from withdrawal_lit.store import Store, schema

    path = isolated / "cache.sqlite3"
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        patch.setattr(schema, "SCHEMA_VERSION", 1)
        Store.open(path).close()
    return path


def version(db: Path) -> int:
    with read_only(db) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_an_older_cache_is_upgraded_even_by_a_read_only_command(older):
    result = run("queries", "--json")
    assert result.exit_code == 0, result.output
    assert version(older) == SCHEMA_VERSION


def test_an_older_cache_that_cannot_be_written_says_so(older):
    older.chmod(0o444)
    before = older.read_bytes()
    with unprivileged():
        result = run("queries")
    assert result.exit_code == EXIT_CACHE
    line = only_error_line(result)
    assert "needs an upgrade but is read-only" in line and "open it once with write" in line.lower()
    assert older.read_bytes() == before and version(older) == 1
    checked, report = check("--json")
    assert checked.exit_code == 0
    assert f"its schema (1) is older than this version's ({SCHEMA_VERSION})" in findings(report)
