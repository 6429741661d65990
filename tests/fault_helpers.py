"""What the fault, input, integrity and security tests share: the records NCBI adds after a
first search, and reading back what a run left in the cache, the log and the fake server."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import corpus
from fake_eutils import FakeEutils

KRATOM = "kratom-opioid-withdrawal"
# Records NCBI adds after the first search: a refresh must esearch, epost and efetch them.
NEW = [
    dict(
        pmid=str(39100001 + i),
        title=f"Kratom versus gabapentin for opioid withdrawal: pilot trial {i + 1}",
        abstract="Adults in opioid withdrawal took kratom or gabapentin for seven days.",
        year=2025,
        mesh=corpus.KRATOM_MESH + corpus.WITHDRAWAL_MESH,
    )
    for i in range(3)
]
NEW_PMIDS = {r["pmid"] for r in NEW}
NEW_TERM = "gabapentin[tiab] AND kratom[tiab]"  # only the new records: no cached fallback
# A term never searched (so nothing cached to fall back on) that finds cached records too: the
# new ones are posted to the history server and fetched from there.
MIXED_TERM = "kratom[tiab] AND withdrawal[tiab]"
SUMMARY = re.compile(
    r"^(?P<requests>\d+) requests? to NCBI \((?P<parts>[^)]*)\)"
    r"(?:; (?P<retries>\d+) retr(?:y|ies)(?: \((?P<throttled>\d+) throttled\))?)?"
    r"; (?P<new>\d+) new records cached\.$"
)


def db_path() -> Path:
    import os

    return Path(os.environ["WITHDRAWAL_LIT_DB"])


@contextlib.contextmanager
def read_only(db: Path) -> Iterator[sqlite3.Connection]:
    """The cache file opened read-only (nothing a test reads can change it); closed after."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def dump(db: Path, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table (the full-text index's shadow tables too), sorted."""
    with read_only(db) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables = {}
        for name in names:
            if name in skip:
                continue
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            tables[name] = sorted(rows, key=repr)
        tables["records_fts (rows)"] = sorted(
            conn.execute("SELECT rowid, * FROM records_fts").fetchall(), key=repr
        )
        return tables


def data(db: Path) -> dict[str, list[tuple]]:
    """The dump without the run log, which records every attempt, failed ones included."""
    return dump(db, skip=("runs",))


def runs(db: Path) -> list[sqlite3.Row]:
    with read_only(db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM runs ORDER BY id").fetchall()


def cached_pmids(db: Path) -> set[str]:
    with read_only(db) as conn:
        return {str(r[0]) for r in conn.execute("SELECT pmid FROM records")}


def error_line(result) -> str:
    """The run's stderr, asserted to be exactly one "Error: ..." line."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def summary(result) -> re.Match:
    """The request totals printed at the end of a run that reached NCBI."""
    last = result.stderr.strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, result.stderr
    return match


def sent(fake: FakeEutils, since: int = 0) -> Counter:
    return Counter(seen.utility for seen in fake.requests[since:])
