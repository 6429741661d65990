"""Every mistake a user can make, in one table: each ends in one line on stderr that starts
"Error:", names the problem and says how to fix it, with the documented exit code, no
traceback, and the cache exactly as it was (byte for byte; where NCBI was asked, the run log
gains its failed run and nothing else changes). Some cases also run in a real subprocess.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import corpus
import pytest
from cli_run import searched_cache
from click.testing import CliRunner
from fake_eutils import FakeEutils
from fault_helpers import NEW, data, runs
from privileges import unprivileged

from withdrawal_lit.cli import cli
from withdrawal_lit.errors import (
    EXIT_CACHE,
    EXIT_NCBI,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
)

KRATOM = "kratom-opioid-withdrawal"
GOOD_QUERY = """name = "{name}"
title = "Kratom and sleep"
question = "In people withdrawing from opioids, does kratom change sleep?"
term = "kratom[tiab] AND sleep[tiab]"
concepts = [["kratom"], ["sleep"]]
"""


# -- a cache to protect ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A cache filled by a real search of every shipped query against the fake server."""
    path = searched_cache(tmp_path_factory.mktemp("template"), "--json")
    assert not path.with_name(path.name + "-wal").exists()
    return path


# -- the cases -------------------------------------------------------------------------------
Setup = Callable[[Path, Path, FakeEutils | None], None]


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # "{tmp}" stands for the test's folder
    code: int
    names: str  # the problem, as the message states it
    fix: str  # the way out, as the message states it
    setup: Setup | None = None
    env: dict[str, str] = field(default_factory=dict)
    fake: bool = False  # NCBI (the fake server) is asked
    unprivileged: bool = False  # permission bits must bind, even for root
    disk_full: bool = False  # SQLite may not grow the file
    subprocess: bool = False  # also run as a real process


def write(relative: str, content: str | bytes) -> Setup:
    def setup(tmp: Path, db: Path, fake) -> None:
        path = tmp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)

    return setup


def query_file(name: str, text: str) -> Setup:
    return write(f"q/{name}.toml", text)


def both(*setups: Setup) -> Setup:
    def setup(tmp: Path, db: Path, fake) -> None:
        for step in setups:
            step(tmp, db, fake)

    return setup


def truncate(fraction: float) -> Setup:
    def setup(tmp: Path, db: Path, fake) -> None:
        content = db.read_bytes()
        db.write_bytes(content[: int(len(content) * fraction)])

    return setup


def newer_schema(tmp: Path, db: Path, fake) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def other_program(tmp: Path, db: Path, fake) -> None:
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")
    conn.commit()
    conn.close()


def damaged_records_page(tmp: Path, db: Path, fake) -> None:
    """Overwrite the root page of the records table: the file opens, reading records fails."""
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'records'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xab" * size)


def read_only(relative: str | None) -> Setup:
    """chmod a-w the cache (None) or a folder under the test's folder."""

    def setup(tmp: Path, db: Path, fake) -> None:
        if relative is None:
            db.chmod(0o444)
        else:
            (tmp / relative).mkdir(parents=True, exist_ok=True)
            (tmp / relative).chmod(0o555)

    return setup


def new_records(tmp: Path, db: Path, fake) -> None:
    for record in NEW:
        fake.add_article(**record)


CASES = [
    # -- query names and query files
    Case("unknown-query", ("search", "kratom-opiod-withdrawal"), EXIT_USAGE,
         "unknown query 'kratom-opiod-withdrawal'", "did you mean 'kratom-opioid-withdrawal'?",
         subprocess=True),
    Case("query-name-is-a-path", ("search", "../../etc/passwd"), EXIT_USAGE,
         "unknown query '../../etc/passwd'", "`withdrawal-lit queries` lists them"),
    Case("query-file-bad-toml", ("--queries-dir", "{tmp}/q", "search"), EXIT_USAGE,
         "kratom-sleep.toml:1: invalid TOML", "fix the syntax at line 1",
         setup=query_file("kratom-sleep", 'name = kratom-sleep\n'), subprocess=True),
    Case("query-file-missing-term", ("--queries-dir", "{tmp}/q", "queries"), EXIT_USAGE,
         "missing required key 'term'", "add e.g. term =",
         setup=query_file("kratom-sleep", GOOD_QUERY.format(name="kratom-sleep").replace(
             'term = "kratom[tiab] AND sleep[tiab]"\n', ""))),
    Case("query-file-duplicate-name", ("--queries-dir", "{tmp}/q", "search"), EXIT_USAGE,
         "name 'kratom-sleep' is already used by kratom-sleep.toml",
         "give each query its own name",
         setup=both(query_file("kratom-sleep", GOOD_QUERY.format(name="kratom-sleep")),
                    query_file("kratom-sleep-copy", GOOD_QUERY.format(name="kratom-sleep")))),
    Case("query-file-unknown-key", ("--queries-dir", "{tmp}/q", "search"), EXIT_USAGE,
         "unknown key 'trem'", "did you mean 'term'?",
         setup=query_file("kratom-sleep", GOOD_QUERY.format(name="kratom-sleep")
                          + 'trem = "sleep"\n')),
    Case("query-file-empty-term", ("--queries-dir", "{tmp}/q", "search"), EXIT_USAGE,
         "'term' is empty", "write e.g. term =",
         setup=query_file("kratom-sleep", GOOD_QUERY.format(name="kratom-sleep").replace(
             '"kratom[tiab] AND sleep[tiab]"', '"  "'))),
    Case("query-file-not-utf8", ("--queries-dir", "{tmp}/q", "search"), EXIT_USAGE,
         "is not UTF-8 text (byte 0xe9)", "save the file as UTF-8",
         setup=query_file("kratom-sleep", GOOD_QUERY.format(name="kratom-sleep").encode()
                          .replace(b"Kratom and sleep", b"Kratom et sommeil \xe9t\xe9"))),
    Case("query-file-unbalanced-term", ("--queries-dir", "{tmp}/q", "search"), EXIT_USAGE,
         "term: unbalanced parentheses", "add the missing ')'",
         setup=query_file("kratom-sleep", GOOD_QUERY.format(name="kratom-sleep").replace(
             '"kratom[tiab] AND sleep[tiab]"', '"(kratom[tiab] AND sleep[tiab]"'))),
    Case("queries-dir-missing", ("--queries-dir", "{tmp}/nowhere", "search"), EXIT_USAGE,
         "queries folder {tmp}/nowhere does not exist", "create it, or point --queries-dir"),
    # -- search terms and options
    Case("term-empty", ("search", "--term", "   "), EXIT_USAGE,
         "the search term is empty", "give a PubMed term"),
    Case("term-unbalanced-parentheses", ("search", "--term", "(kratom AND withdrawal"),
         EXIT_USAGE, "unbalanced parentheses: '(' is never closed", "add the missing ')'",
         subprocess=True),
    Case("term-unclosed-tag", ("search", "--term", "kratom[tiab AND withdrawal"), EXIT_USAGE,
         "a field tag '[' is never closed", "add the closing ']'"),
    Case("term-and-names", ("search", KRATOM, "--term", "kratom"), EXIT_USAGE,
         "give either query names or --term, not both", "drop the names"),
    Case("offline-and-refresh", ("search", "--offline", "--refresh"), EXIT_USAGE,
         "--offline and --refresh contradict each other", "drop one"),
    Case("pubmed-syntax-error", ("search", "--term", "kratom AND"), EXIT_NCBI,
         "PubMed refused the search: Invalid query", "check the query's field tags",
         fake=True, subprocess=True),
    Case("pubmed-unknown-field-tag", ("search", "--term", "kratom[nosuchfield]"), EXIT_NCBI,
         "PubMed could not run the search: FieldNotFound: nosuchfield",
         "check the query's field tags", fake=True),
    Case("since-in-the-future", ("search", "--offline", "--since", "2999"), EXIT_USAGE,
         "2999 is in the future", "give a year up to"),
    Case("since-not-a-year", ("search", "--offline", "--since", "last year"), EXIT_USAGE,
         "'last year' is not a year", "give e.g. --since 2015"),
    Case("limit-zero", ("search", "--offline", "--limit", "0"), EXIT_USAGE,
         "0 is not a positive number", "give e.g. --limit 20"),
    Case("limit-negative", ("search", "--offline", "--limit", "-5"), EXIT_USAGE,
         "-5 is not a positive number", "give e.g. --limit 20"),
    Case("limit-not-a-number", ("search", "--offline", "--limit", "ten"), EXIT_USAGE,
         "'ten' is not a valid integer", "see `withdrawal-lit search --help`"),
    Case("unknown-design", ("search", "--offline", "--design", "rct,astrology"), EXIT_USAGE,
         "unknown design 'astrology'", "choose from"),
    Case("invalid-pmid", ("show", "PMID:12ab34"), EXIT_USAGE,
         "'PMID:12ab34' is not a PubMed ID", "a PMID is a number such as"),
    Case("unknown-pmid-offline", ("show", "99999999", "--offline"), EXIT_NOT_FOUND,
         "PMID 99999999 is not in the cache", "run without --offline to fetch it"),
    # -- exports
    Case("unknown-export-format", ("export", "--format", "docx"), EXIT_USAGE,
         "'docx' is not one of 'csv'", "see `withdrawal-lit export --help`"),
    Case("output-folder-missing", ("export", "-o", "{tmp}/nowhere/out.csv"), EXIT_USAGE,
         "folder {tmp}/nowhere does not exist", "create it first, or choose another -o path"),
    Case("output-folder-read-only", ("export", "-o", "{tmp}/locked/out.csv"), EXIT_USAGE,
         "cannot write {tmp}/locked/out.csv: permission denied", "choose a writable -o path",
         setup=read_only("locked"), unprivileged=True),
    # -- the cache
    Case("cache-folder-read-only", ("--db", "{tmp}/locked/cache.sqlite3", "search"),
         EXIT_CACHE, "cannot write cache {tmp}/locked/cache.sqlite3",
         "make the file and its folder writable, or choose another --db",
         setup=read_only("locked"), unprivileged=True),
    Case("cache-read-only-online", ("search", "--refresh", KRATOM), EXIT_CACHE,
         "is read-only, so it cannot be updated", "use --offline to read it",
         setup=read_only(None), unprivileged=True, fake=True),
    Case("cache-not-sqlite", ("search", "--offline"), EXIT_CACHE,
         "is not a withdrawal-lit cache (not an SQLite file); it was left untouched",
         "`withdrawal-lit cache check` explains",
         setup=lambda tmp, db, fake: db.write_text("name,pmid\nkratom,123\n"), subprocess=True),
    Case("cache-truncated", ("search", KRATOM), EXIT_CACHE,
         "is damaged or not a withdrawal-lit cache (database disk image is malformed)",
         "run `withdrawal-lit cache check`", setup=truncate(0.4), subprocess=True),
    Case("cache-damaged-page", ("search", "--offline"), EXIT_CACHE,
         "is damaged or not a withdrawal-lit cache", "run `withdrawal-lit cache check`",
         setup=damaged_records_page, subprocess=True),
    Case("cache-newer-schema", ("search",), EXIT_CACHE,
         "has schema version 99, newer than this withdrawal-lit understands",
         "upgrade withdrawal-lit", setup=newer_schema),
    Case("cache-of-another-program", ("search",), EXIT_CACHE,
         "is an SQLite database of another program", "point --db", setup=other_program),
    Case("cache-is-a-folder", ("--db", "{tmp}", "search"), EXIT_USAGE,
         "File '{tmp}' is a directory", "see `withdrawal-lit --help`"),
    Case("disk-full", ("search", "--refresh", KRATOM), EXIT_CACHE,
         "disk full while writing cache", "free some space and run again",
         setup=new_records, fake=True, disk_full=True),
    # -- settings
    Case("config-wrong-type", ("search", "--offline"), EXIT_USAGE,
         "'timeout' must be a number, not str", "write e.g. timeout = 30",
         setup=write("config.toml", 'timeout = "fast"\n')),
    Case("config-unknown-key", ("search", "--offline"), EXIT_USAGE,
         "unknown key 'tiemout'", "did you mean 'timeout'? known keys:",
         setup=write("config.toml", "tiemout = 3\n")),
    Case("config-bad-toml", ("search", "--offline"), EXIT_USAGE,
         "config.toml: Invalid value", "fix the TOML syntax",
         setup=write("config.toml", "timeout = \n")),
    Case("env-timeout-not-a-number", ("search", "--offline"), EXIT_USAGE,
         "WITHDRAWAL_LIT_TIMEOUT must be a number, not 'soon'", "set it to e.g. 30",
         env={"WITHDRAWAL_LIT_TIMEOUT": "soon"}, subprocess=True),
    Case("env-retries-out-of-range", ("search", "--offline"), EXIT_USAGE,
         "retries = 99 is out of range", "0 <= retries <= 20",
         env={"WITHDRAWAL_LIT_RETRIES": "99"}),
    Case("flag-timeout-zero", ("--timeout", "0", "search"), EXIT_USAGE,
         "0.0 is not in the range x>0", "see `withdrawal-lit --help`"),
    Case("flag-retries-too-many", ("--retries", "50", "search"), EXIT_USAGE,
         "50 is not in the range 0<=x<=20", "see `withdrawal-lit --help`"),
    # -- the other commands
    Case("refresh-unknown-query", ("refresh", "kratom-opiod"), EXIT_USAGE,
         "unknown query 'kratom-opiod'", "did you mean 'kratom-opioid-withdrawal'?"),
    Case("refresh-truncated-cache", ("refresh",), EXIT_CACHE,
         "is damaged or not a withdrawal-lit cache", "run `withdrawal-lit cache check`",
         setup=truncate(0.4)),
    Case("refresh-read-only-cache", ("refresh", KRATOM), EXIT_CACHE,
         "is read-only, so it cannot be refreshed", "make the file and its folder writable",
         setup=read_only(None), unprivileged=True, fake=True),
    Case("new-days-zero", ("new", "--days", "0"), EXIT_USAGE,
         "0 is not in the range 1<=x<=36500", "see `withdrawal-lit new --help`"),
    Case("runs-limit-negative", ("runs", "--limit", "-1"), EXIT_USAGE,
         "-1 is not a positive number", "give e.g. --limit 20"),
    Case("schedule-bad-time", ("schedule", "--at", "25:99"), EXIT_USAGE,
         "'25:99' is not a time of day", "give HH:MM, e.g. 02:30"),
    Case("log-unknown-query", ("log", "kratom-opiod"), EXIT_USAGE,
         "unknown query 'kratom-opiod'", "did you mean 'kratom-opioid-withdrawal'?"),
    Case("report-output-folder-missing", ("report", "-o", "{tmp}/nowhere/report.html"),
         EXIT_USAGE, "folder {tmp}/nowhere does not exist", "create it first"),
    Case("digest-negative-top", ("digest", "--top", "-1"), EXIT_USAGE,
         "-1 is negative", "give e.g. --top 5"),
    Case("export-damaged-cache", ("export", "-o", "{tmp}/out.csv"), EXIT_CACHE,
         "is damaged or not a withdrawal-lit cache", "run `withdrawal-lit cache check`",
         setup=damaged_records_page),
    Case("cache-check-is-a-folder", ("--db", "{tmp}/q", "cache", "check"), EXIT_USAGE,
         "is a directory", "see `withdrawal-lit --help`", setup=write("q/keep.txt", "")),
    Case("eutils-url-not-http", ("search", "--refresh"), EXIT_USAGE,
         "E-utilities URL 'ftp://mirror.example.org/eutils/' is not an http(s) URL",
         "set --eutils-url / WITHDRAWAL_LIT_EUTILS_URL",
         env={"WITHDRAWAL_LIT_EUTILS_URL": "ftp://mirror.example.org/eutils/"}),
]  # fmt: skip


def snapshot(db: Path) -> tuple[bytes, bytes]:
    """The cache file byte for byte, and its write-ahead log's content (a reader may leave
    an empty one behind; a writer would leave frames)."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes(), wal.read_bytes() if wal.exists() else b""


@contextlib.contextmanager
def disk_full(monkeypatch):
    """SQLite may not grow a cache opened for writing (as when the disk is full)."""
    connect = sqlite3.connect

    def tiny(*args, **kwargs):
        conn = connect(*args, **kwargs)
        if not kwargs.get("uri"):
            conn.execute("PRAGMA max_page_count = 1")  # i.e. its current size
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", tiny)
        yield


COMMAND_NAMES = {"search", "show", "queries", "config", "export", "log", "report", "digest",
                 "refresh", "new", "runs", "schedule", "cache"}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gives_one_line_an_exit_code_and_keeps_the_cache(
    case, template, isolated, monkeypatch
):
    command = next(a for a in case.args if a in COMMAND_NAMES)
    if command not in cli.commands:
        pytest.skip(f"this build has no `{command}`")
    tmp = isolated
    db = tmp / "cache.sqlite3"
    shutil.copyfile(template, db)
    fill = {"tmp": str(tmp)}
    args = [a.format(**fill) for a in case.args]
    with contextlib.ExitStack() as stack:
        fake = stack.enter_context(FakeEutils()) if case.fake else None
        if fake is not None:
            corpus.load(fake)
            monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", fake.url)
        for name, value in case.env.items():
            monkeypatch.setenv(name, value)
        # No waiting on back-off should a case reach the network it should not.
        (tmp / "config.toml").write_text("retries = 0\nbackoff = 0\n")
        if case.setup:
            case.setup(tmp, db, fake)
        before = snapshot(db)
        logged = data(db) if case.fake and not case.unprivileged else None
        with contextlib.ExitStack() as limits:
            if case.disk_full:
                limits.enter_context(disk_full(monkeypatch))
            if case.unprivileged:
                limits.enter_context(unprivileged())
            result = CliRunner().invoke(cli, args, prog_name="withdrawal-lit")
        processes = [_subprocess(args)] if case.subprocess else []
    for outcome in [(result.exit_code, result.stdout, result.stderr), *processes]:
        code, stdout, stderr = outcome
        assert code == case.code, stderr
        assert stdout == "", stdout
        assert "Traceback" not in stderr
        lines = stderr.splitlines()
        assert len(lines) == 1, stderr
        line = lines[0]
        assert line.startswith("Error: ")
        assert case.names.format(**fill) in line
        assert case.fix.format(**fill).lower() in line.lower()  # the hint starts a sentence
    if "-o" in args:  # an output file is replaced only once complete: never half-written
        assert not Path(args[args.index("-o") + 1]).exists()
    if logged is None:
        assert snapshot(db) == before  # byte for byte
    else:
        assert data(db) == logged  # NCBI was asked: the failed run is logged, nothing else
        assert runs(db)[-1]["status"] in ("failed", "running")


def _subprocess(args: list[str]) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "withdrawal_lit", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_the_table_covers_at_least_thirty_mistakes():
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


def test_a_read_only_cache_still_answers_offline(template, isolated):
    db = isolated / "cache.sqlite3"
    shutil.copyfile(template, db)
    db.chmod(0o444)
    before = snapshot(db)
    with unprivileged():
        result = CliRunner().invoke(cli, ["search", "--offline", "--json", KRATOM])
    assert result.exit_code == 0, result.output
    assert '"pmid"' in result.stdout
    assert snapshot(db) == before


def test_a_cache_in_a_read_only_folder_still_answers_offline(template, isolated):
    """SQLite cannot create the -shm file a WAL cache needs there; it is read as immutable."""
    folder = isolated / "shared"
    folder.mkdir()
    db = folder / "cache.sqlite3"
    shutil.copyfile(template, db)
    folder.chmod(0o555)
    before = snapshot(db)
    try:
        with unprivileged():
            result = CliRunner().invoke(
                cli, ["--db", str(db), "search", "--offline", "--json", KRATOM]
            )
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 0, result.output
    assert '"pmid"' in result.stdout
    assert snapshot(db) == before
    assert sorted(p.name for p in folder.iterdir()) == ["cache.sqlite3"]
