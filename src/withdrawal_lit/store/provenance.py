"""Provenance queries: term versions, logged queries and the counts PRISMA and reports need.

The search log itself (each query run) is read and written in ``runs``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from withdrawal_lit.store.connection import Part


class ProvenanceQueries(Part):
    """Read-only views of what each search found and when."""

    # -- provenance ----------------------------------------------------------------------
    # What a review must report about its searches: the versions of each term (every query
    # run as it was logged is in ``runs``), and the numbers a PRISMA flow diagram and an
    # evidence report count, all read from the cache (never from the network).
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


def _query_records(query: str, since: int | None) -> tuple[str, list]:
    """FROM/WHERE for the cached records a query currently returns (year >= since)."""
    sql = "FROM hits h JOIN records r ON r.pmid = h.pmid WHERE h.query = ? AND h.gone_since IS NULL"
    params: list = [query]
    if since is not None:
        sql += " AND r.year >= ?"
        params.append(since)
    return sql, params
