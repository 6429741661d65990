"""Runs and the search log: each run of a command that asks NCBI, and every query it ran.

Written as a run starts, as each query is searched and as the run ends; read by `runs`,
`log` and the nightly refresh (the last successful run, runs that never ended)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from withdrawal_lit.store.connection import Part, now_iso


class Runs(Part):
    """The runs and search_log tables."""

    def start_run(self, command: str, queries: Sequence[str], version: str) -> int:
        with self.db.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (command, started_at, queries, version) VALUES (?,?,?,?)",
                (command, now_iso(), json.dumps(list(queries)), version),
            )
        return int(cur.lastrowid)

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        requests: int = 0,
        retries: int = 0,
        new: int = 0,
        revised: int = 0,
        error: str | None = None,
    ) -> None:
        with self.db.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at=?, status=?, requests=?, retries=?, new=?, revised=?, "
                "error=? WHERE id=?",
                (now_iso(), status, requests, retries, new, revised, error, run_id),
            )

    def log_search(
        self,
        *,
        run_id: int | None,
        query: str,
        term: str,
        term_hash: str,
        at: str,
        mode: str,
        count: int | None,
        new: int,
        revised: int,
        gone: int,
        translation: str | None,
        warnings: Sequence[str],
        version: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO search_log (run_id, query, term, term_hash, at, mode, count, new, "
            "revised, gone, translation, warnings, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                run_id,
                query,
                term,
                term_hash,
                at,
                mode,
                count,
                new,
                revised,
                gone,
                translation,
                json.dumps(list(warnings)),
                version,
            ),
        )

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
        with self.db.transaction():
            cur = self.conn.execute(
                "UPDATE runs SET status = ? WHERE command = ? AND finished_at IS NULL",
                (status, command),
            )
        return cur.rowcount

    def search_history(
        self, queries: Sequence[str] = (), limit: int | None = None
    ) -> list[LogEntry]:
        """Logged query runs, newest first; only ``queries`` when given."""
        sql = "SELECT * FROM search_log"
        params: list = []
        if queries:
            sql += f" WHERE query IN ({','.join('?' * len(queries))})"
            params.extend(queries)
        sql += " ORDER BY at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_log_entry(row) for row in self.conn.execute(sql, params)]


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


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One query run as the search log holds it."""

    id: int
    run_id: int | None
    query: str
    term: str  # exactly as sent to NCBI
    term_hash: str
    at: str  # UTC, ISO 8601
    mode: str  # "full" or "incremental"
    count: int | None  # NCBI's Count
    new: int
    revised: int
    gone: int
    translation: str | None  # NCBI's QueryTranslation
    warnings: tuple[str, ...]
    version: str | None  # withdrawal-lit version that ran it


def _log_entry(row: sqlite3.Row) -> LogEntry:
    return LogEntry(
        id=row["id"],
        run_id=row["run_id"],
        query=row["query"],
        term=row["term"],
        term_hash=row["term_hash"],
        at=row["at"],
        mode=row["mode"],
        count=row["count"],
        new=row["new"] or 0,
        revised=row["revised"] or 0,
        gone=row["gone"] or 0,
        translation=row["translation"],
        warnings=tuple(json.loads(row["warnings"] or "[]")),
        version=row["version"],
    )
