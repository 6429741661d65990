"""Which query returns which PMID (the hits) and each query's saved state; reading a query's
records for ranking (indexed columns and the full-text index)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from withdrawal_lit.errors import CacheError
from withdrawal_lit.store.connection import Part


@dataclass(frozen=True, slots=True)
class QueryState:
    name: str
    term: str
    term_hash: str
    last_count: int | None
    translation: str | None
    last_success_at: str | None
    edat_high: str | None
    mdat_high: str | None
    cached: int | None  # PMIDs this query currently returns that are in the cache


@dataclass(frozen=True, slots=True)
class Candidate:
    """What ranking needs of a record, read straight from indexed columns."""

    pmid: str
    year: int | None
    entrez_date: str | None
    retracted: bool
    design: str | None
    evidence_level: int | None
    population: str | None


class Hits(Part):
    """The queries and hits tables."""

    def query_state(self, name: str, *, count_cached: bool = True) -> QueryState | None:
        """The query's saved state; ``cached`` is None unless ``count_cached`` (counting reads
        an index entry per record the query returns: 60 ms for 45,000 records)."""
        counted = (
            "(SELECT count(*) FROM hits h JOIN records r INDEXED BY records_rank "
            "ON r.pmid = h.pmid WHERE h.query = q.name AND h.gone_since IS NULL)"
            if count_cached
            else "NULL"
        )
        row = self.conn.execute(
            f"SELECT q.*, {counted} AS cached FROM queries q WHERE q.name = ?", (name,)
        ).fetchone()
        if row is None:
            return None
        return QueryState(**{k: row[k] for k in row.keys() if k != "title"})  # noqa: SIM118 (sqlite3.Row iterates values)

    def save_query_state(
        self,
        name: str,
        *,
        title: str,
        term: str,
        term_hash: str,
        count: int | None,
        translation: str | None,
        success_at: str,
        edat_high: str | None = None,
        mdat_high: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO queries (name, title, term, term_hash, last_count, translation, "
            "last_success_at, edat_high, mdat_high) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(name) DO UPDATE SET title=excluded.title, term=excluded.term, "
            "term_hash=excluded.term_hash, last_count=excluded.last_count, "
            "translation=excluded.translation, last_success_at=excluded.last_success_at, "
            "edat_high=coalesce(excluded.edat_high, edat_high), "
            "mdat_high=coalesce(excluded.mdat_high, mdat_high)",
            (name, title, term, term_hash, count, translation, success_at, edat_high, mdat_high),
        )

    def record_hits(self, query: str, pmids: Iterable[str], seen_at: str) -> int:
        """Note that ``query`` returns these PMIDs now; returns how many are new to the query."""
        rows = [(query, int(p), seen_at, seen_at) for p in pmids]
        # rowcount counts the rows these statements inserted or changed.
        added = self.conn.executemany(
            "INSERT INTO hits (query, pmid, first_seen, last_seen) VALUES (?,?,?,?) "
            "ON CONFLICT(query, pmid) DO NOTHING",
            rows,
        ).rowcount
        returned = self.conn.executemany(
            "UPDATE hits SET gone_since = NULL WHERE query = ? AND pmid = ? "
            "AND gone_since IS NOT NULL",
            ((q, p) for q, p, _, _ in rows),
        ).rowcount
        self.conn.executemany(
            "UPDATE hits SET last_seen = ? WHERE query = ? AND pmid = ?",
            ((seen_at, q, p) for q, p, _, _ in rows),
        )
        if added or returned:
            self.db.changed()
        return added

    def mark_gone(self, query: str, current: Iterable[str], at: str) -> int:
        """Mark the query's PMIDs that are not in ``current`` as no longer returned (kept)."""
        keep = {int(p) for p in current}
        known = [
            r[0]
            for r in self.conn.execute(
                "SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL", (query,)
            )
        ]
        gone = [(at, query, p) for p in known if p not in keep]
        self.conn.executemany("UPDATE hits SET gone_since = ? WHERE query = ? AND pmid = ?", gone)
        if gone:
            self.db.changed()
        return len(gone)

    def candidates(
        self, query: str, since: int | None = None, designs: Sequence[str] = ()
    ) -> list[Candidate]:
        sql = (
            "SELECT r.pmid, r.year, r.entrez_date, r.retracted, r.design, r.evidence_level, "
            "r.population FROM hits h JOIN records r INDEXED BY records_rank ON r.pmid = h.pmid "
            "WHERE h.query = ? AND h.gone_since IS NULL"
        )
        params: list = [query]
        if since is not None:
            sql += " AND r.year >= ?"
            params.append(since)
        if designs:
            sql += f" AND r.design IN ({','.join('?' * len(designs))})"
            params.extend(designs)
        return [
            Candidate(
                pmid=str(r[0]),
                year=r[1],
                entrez_date=r[2],
                retracted=bool(r[3]),
                design=r[4],
                evidence_level=r[5],
                population=r[6],
            )
            for r in self.conn.execute(sql, params)
        ]

    def texts(self, query: str, match: str) -> Iterator[tuple[str, str, str]]:
        """(pmid, title, abstract) of the query's records that match ``match`` (an FTS5
        expression), read from the full-text index as they are consumed."""
        if not match:
            return
        try:
            rows = self.conn.execute(
                "SELECT rowid, title, abstract FROM records_fts WHERE records_fts MATCH ? "
                "AND +rowid IN (SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL)",
                (match, query),
            )
            for pmid, title, abstract in rows:
                yield str(pmid), title or "", abstract or ""
        except sqlite3.OperationalError as exc:
            raise CacheError(
                f"cannot rank with {match!r}: {exc}", "check the query's concepts"
            ) from None

    def queries_for(self, pmid: str) -> list[str]:
        """The names of the queries that have found this PMID."""
        rows = self.conn.execute(
            "SELECT query FROM hits WHERE pmid = ? ORDER BY query", (int(pmid),)
        )
        return [r[0] for r in rows]
