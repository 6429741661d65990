"""Queries the nightly refresh needs: cached dates, changes since a moment, the runs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from withdrawal_lit.store.core import (
    _chunks,
)


class RefreshQueries:
    """What `refresh`, `new` and `runs` read and write."""

    conn: sqlite3.Connection

    # -- refresh -------------------------------------------------------------------------
    # What the nightly refresh needs to decide what to fetch (the dates of the cached copies,
    # which queries already return a record), what `new` lists, and the history `runs` shows.
    def record_dates(self, pmids: Iterable[str]) -> dict[str, CachedDates]:
        """The dates of the cached copies of these PMIDs (PMIDs not cached are left out)."""
        out: dict[str, CachedDates] = {}
        for chunk in _chunks(list(dict.fromkeys(pmids)), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT pmid, entrez_date, revised_date, first_seen_at, fetched_at FROM records "
                f"WHERE pmid IN ({marks})",
                [int(p) for p in chunk],
            ):
                out[str(row[0])] = CachedDates(row[1], row[2], row[3], row[4])
        return out

    def hits_by_pmid(self, pmids: Iterable[str]) -> dict[str, set[str]]:
        """The queries that currently return each of these PMIDs (gone hits left out)."""
        out: dict[str, set[str]] = {}
        for chunk in _chunks(list(dict.fromkeys(pmids)), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT pmid, query FROM hits WHERE gone_since IS NULL AND pmid IN ({marks})",
                [int(p) for p in chunk],
            ):
                out.setdefault(str(row[0]), set()).add(row[1])
        return out

    def changes_since(self, since: str, queries: Sequence[str]) -> list[Change]:
        """Cached records each query gained (a new hit) or saw revised at or after ``since``
        (UTC, ISO 8601), by query, newest first; records a query no longer returns are left out."""
        if not queries:
            return []
        names = ",".join("?" * len(queries))
        rows = self.conn.execute(
            "SELECT h.query, h.pmid, 'new', h.first_seen FROM hits h "
            "JOIN records r ON r.pmid = h.pmid "
            f"WHERE h.gone_since IS NULL AND h.first_seen >= ? AND h.query IN ({names}) "
            "UNION ALL "
            "SELECT h.query, h.pmid, 'revised', r.revised_at FROM hits h "
            "JOIN records r ON r.pmid = h.pmid "
            "WHERE h.gone_since IS NULL AND r.revised_at >= ? AND h.first_seen < ? "
            f"AND h.query IN ({names}) "
            "ORDER BY 1, 4 DESC, 2 DESC",
            [since, *queries, since, since, *queries],
        )
        return [Change(r[0], str(r[1]), r[2], r[3]) for r in rows]

    def list_runs(self, commands: Sequence[str] = (), limit: int | None = None) -> list[RunRecord]:
        """Recorded runs, newest first; only those of ``commands`` when given."""
        sql = "SELECT * FROM runs"
        params: list = list(commands)
        if commands:
            sql += f" WHERE command IN ({','.join('?' * len(commands))})"
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_run_record(row) for row in self.conn.execute(sql, params)]

    def last_run(self, command: str, status: str) -> RunRecord | None:
        """The newest run of ``command`` that ended with ``status``."""
        row = self.conn.execute(
            "SELECT * FROM runs WHERE command = ? AND status = ? "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (command, status),
        ).fetchone()
        return _run_record(row) if row else None

    def close_stale_runs(self, command: str, status: str = "interrupted") -> int:
        """Give runs of ``command`` that never recorded their end (the process was killed) the
        status ``status``. Only call it while no other such run can be going on."""
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE runs SET status = ? WHERE command = ? AND finished_at IS NULL",
                (status, command),
            )
        return cur.rowcount


# -- provenance records ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CachedDates:
    """What the cache knows of when its copy of a record was made and changed."""

    entrez_date: str | None  # YYYY-MM-DD, from the record
    revised_date: str | None  # YYYY-MM-DD, the record's DateRevised
    first_seen_at: str  # UTC, ISO 8601: when the cache first stored it
    fetched_at: str  # UTC, ISO 8601: when the cache last fetched it


@dataclass(frozen=True, slots=True)
class Change:
    """A record a query gained ("new") or that was revised ("revised") in the cache."""

    query: str
    pmid: str
    kind: str
    at: str  # UTC, ISO 8601


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run of a command that asks NCBI, as the runs table holds it."""

    id: int
    command: str
    started_at: str
    finished_at: str | None
    status: str  # running, ok, partial, failed, interrupted
    queries: tuple[str, ...]
    requests: int
    retries: int
    new: int
    revised: int
    error: str | None
    version: str | None

    @property
    def seconds(self) -> float | None:
        if not self.finished_at:
            return None
        start = datetime.strptime(self.started_at, "%Y-%m-%dT%H:%M:%SZ")
        end = datetime.strptime(self.finished_at, "%Y-%m-%dT%H:%M:%SZ")
        return (end - start).total_seconds()


def _run_record(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"],
        command=row["command"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        status=row["status"],
        queries=tuple(json.loads(row["queries"] or "[]")),
        requests=row["requests"] or 0,
        retries=row["retries"] or 0,
        new=row["new"] or 0,
        revised=row["revised"] or 0,
        error=row["error"],
        version=row["version"],
    )
