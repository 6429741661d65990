"""Provenance queries: the search log, term versions and the counts PRISMA and reports need."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


class ProvenanceQueries:
    """Read-only views of what each search found and when."""

    conn: sqlite3.Connection

    # -- provenance ----------------------------------------------------------------------
    # What a review must report about its searches: every query run as it was logged, the
    # versions of each term, and the numbers a PRISMA flow diagram and an evidence report
    # count, all read from the cache (never from the network).
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

    def query_versions(self, queries: Sequence[str] = ()) -> list[QueryVersion]:
        """Each distinct term a query has run, oldest first."""
        sql = "SELECT * FROM query_versions"
        params: list = list(queries)
        if queries:
            sql += f" WHERE name IN ({','.join('?' * len(queries))})"
        sql += " ORDER BY name, first_used, term_hash"
        return [
            QueryVersion(
                name=r["name"],
                term_hash=r["term_hash"],
                term=r["term"],
                first_used=r["first_used"],
                last_used=r["last_used"],
                runs=r["runs"],
            )
            for r in self.conn.execute(sql, params)
        ]

    def logged_queries(self) -> list[str]:
        """The names of every query the search log holds, sorted."""
        rows = self.conn.execute("SELECT DISTINCT query FROM search_log ORDER BY query")
        return [r[0] for r in rows]

    def query_titles(self) -> dict[str, str]:
        """Title of every query searched so far (ad-hoc ones too), as saved at its last search."""
        rows = self.conn.execute("SELECT name, coalesce(title, name) FROM queries ORDER BY name")
        return {r[0]: r[1] for r in rows}

    def hit_counts(self, queries: Sequence[str]) -> dict[str, int]:
        """PMIDs each query returned at its last search (records not cached included)."""
        counts = {name: 0 for name in queries}
        if not queries:
            return counts
        rows = self.conn.execute(
            "SELECT query, count(*) FROM hits WHERE gone_since IS NULL "
            f"AND query IN ({','.join('?' * len(queries))}) GROUP BY query",
            list(queries),
        )
        counts.update({r[0]: r[1] for r in rows})
        return counts

    def distinct_hits(self, queries: Sequence[str]) -> tuple[int, int]:
        """(distinct PMIDs the queries return together, how many of those are retracted)."""
        if not queries:
            return 0, 0
        row = self.conn.execute(
            "SELECT count(*), coalesce(sum(r.retracted), 0) FROM "
            "(SELECT DISTINCT pmid FROM hits WHERE gone_since IS NULL "
            f"AND query IN ({','.join('?' * len(queries))})) h "
            "LEFT JOIN records r ON r.pmid = h.pmid",
            list(queries),
        ).fetchone()
        return row[0], row[1]

    def design_counts(self, query: str, since: int | None = None) -> dict[str | None, int]:
        """Cached records the query returns, by design slug (None: not assessed)."""
        sql, params = _query_records(query, since)
        rows = self.conn.execute(f"SELECT r.design, count(*) {sql} GROUP BY r.design", params)
        return {r[0]: r[1] for r in rows}

    def year_counts(self, query: str, since: int | None = None) -> dict[int | None, int]:
        """Cached records the query returns, by publication year (None: no year)."""
        sql, params = _query_records(query, since)
        rows = self.conn.execute(f"SELECT r.year, count(*) {sql} GROUP BY r.year", params)
        return {r[0]: r[1] for r in rows}

    def retracted_records(self, query: str, since: int | None = None) -> list[RecordBrief]:
        """Cached records the query returns that PubMed flags as retracted, newest first."""
        sql, params = _query_records(query, since)
        rows = self.conn.execute(
            f"SELECT r.pmid, r.title, r.year, r.journal {sql} AND r.retracted = 1 "
            "ORDER BY r.year DESC, r.pmid DESC",
            params,
        )
        return [RecordBrief(str(r[0]), r[1], r[2], r[3]) for r in rows]


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


@dataclass(frozen=True, slots=True)
class QueryVersion:
    """One distinct term a query has run, and when."""

    name: str
    term_hash: str
    term: str
    first_used: str
    last_used: str
    runs: int


@dataclass(frozen=True, slots=True)
class RecordBrief:
    pmid: str
    title: str
    year: int | None
    journal: str | None


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


def _query_records(query: str, since: int | None) -> tuple[str, list]:
    """FROM/WHERE for the cached records a query currently returns (year >= since)."""
    sql = "FROM hits h JOIN records r ON r.pmid = h.pmid WHERE h.query = ? AND h.gone_since IS NULL"
    params: list = [query]
    if since is not None:
        sql += " AND r.year >= ?"
        params.append(since)
    return sql, params


# -- refresh records ---------------------------------------------------------------------------
