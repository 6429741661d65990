"""Maintenance queries behind `cache check` and `cache rebuild`: look into a cache that may be
damaged without trusting it (open it with ``Database.inspect``), and copy out what SQLite can
still read. Nothing here deletes or overwrites a cache file; what is derived from each record's
JSON is rewritten by ``Records.rebuild_index``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from withdrawal_lit.store.connection import Part

TABLE_KEYS = {  # the tables a salvage copies, in order, with the key each is scanned by
    "records": ("rowid",),
    "hits": ("query", "pmid"),
    "queries": ("rowid",),
    "runs": ("rowid",),
    "search_log": ("rowid",),
    "trials": ("nct_id",),
    "trial_hits": ("query", "nct_id"),
    "trial_links": ("nct_id", "pmid", "source"),
    "trial_sync": ("query",),
    "trial_changes": ("id",),
}


class Maintenance(Part):
    """Inspecting and salvaging a cache."""

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def table_names(self) -> set[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {r[0] for r in rows}

    def integrity_problems(self, limit: int = 20) -> list[str]:
        """SQLite's integrity_check: empty when every page and index is sound."""
        rows = [r[0] for r in self.conn.execute(f"PRAGMA integrity_check({int(limit)})")]
        return [] if rows == ["ok"] else rows

    def count_rows(self, table: str) -> int:
        return self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    def orphan_hits(self) -> list[str]:
        """PMIDs some query found whose record is not cached."""
        rows = self.conn.execute(
            "SELECT DISTINCT pmid FROM hits h WHERE NOT EXISTS "
            "(SELECT 1 FROM records r WHERE r.pmid = h.pmid) ORDER BY pmid"
        )
        return [str(r[0]) for r in rows]

    def unfinished_runs(self) -> int:
        """Runs that never recorded their end (the process was killed or lost power)."""
        row = self.conn.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()
        return row[0]

    def record_pmids(self) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("SELECT pmid FROM records ORDER BY pmid")]

    def raw_records(self, pmids: Sequence[str]) -> list[sqlite3.Row]:
        """The stored rows (every column, JSON unparsed) of these PMIDs."""
        marks = ",".join("?" * len(pmids))
        return self.conn.execute(
            f"SELECT * FROM records WHERE pmid IN ({marks}) ORDER BY pmid", [int(p) for p in pmids]
        ).fetchall()

    def indexed_text(self, pmids: Sequence[str]) -> dict[str, tuple[str, str, str, str]]:
        """The full-text index's (title, abstract, mesh, keywords) for these PMIDs."""
        marks = ",".join("?" * len(pmids))
        rows = self.conn.execute(
            "SELECT rowid, title, abstract, mesh, keywords FROM records_fts "
            f"WHERE rowid IN ({marks})",
            [int(p) for p in pmids],
        )
        return {str(r[0]): (r[1], r[2], r[3], r[4]) for r in rows}

    def index_without_records(self) -> int:
        """Full-text rows whose record is gone."""
        return self.conn.execute(
            "SELECT count(*) FROM records_fts WHERE rowid NOT IN (SELECT pmid FROM records)"
        ).fetchone()[0]

    def index_finds(self, pmid: str, phrase: str) -> bool:
        """Does a full-text search for ``phrase`` in titles find this record? (reads the index
        itself, which the stored text alone does not prove sound)"""
        row = self.conn.execute(
            "SELECT 1 FROM records_fts WHERE records_fts MATCH ? AND rowid = ?",
            (f'title : "{phrase}"', int(pmid)),
        ).fetchone()
        return row is not None

    def readable_rows(self, table: str, candidates: Iterable[tuple] = ()) -> Iterator[sqlite3.Row]:
        """Every row of ``table`` SQLite can still read, each once: a forward and a backward
        scan in key order (a damaged page stops a scan, so the two reach both sides of it),
        then a lookup of each candidate key (a tuple in ``TABLE_KEYS`` order) both missed."""
        key = TABLE_KEYS[table]
        columns = ", ".join(f"{k} AS _key{i}" for i, k in enumerate(key))
        seen: set[tuple] = set()
        for direction in ("ASC", "DESC"):
            order = ", ".join(f"{k} {direction}" for k in key)
            try:
                for row in self.conn.execute(f"SELECT *, {columns} FROM {table} ORDER BY {order}"):
                    found = tuple(row[f"_key{i}"] for i in range(len(key)))
                    if found in seen:
                        break  # the backward scan met the forward one: nothing in between
                    seen.add(found)
                    yield row
            except sqlite3.DatabaseError:
                continue
        where = " AND ".join(f"{k} = ?" for k in key)
        for candidate in candidates:
            if candidate in seen:
                continue
            seen.add(candidate)
            try:
                row = self.conn.execute(
                    f"SELECT *, {columns} FROM {table} WHERE {where}", candidate
                ).fetchone()
            except sqlite3.DatabaseError:
                continue
            if row is not None:
                yield row

    def pmids_known_elsewhere(self) -> set[int]:
        """PMIDs that the hits, the year index and the full-text index still name: keys to
        look up records a damaged page hid from the scans."""
        found: set[int] = set()
        sources = (
            "SELECT pmid FROM hits",
            "SELECT pmid FROM records INDEXED BY records_year",
            "SELECT id FROM records_fts_docsize",
        )
        for sql in sources:
            try:
                for row in self.conn.execute(sql):
                    found.add(row[0])
            except sqlite3.DatabaseError:
                continue
        return found

    def restore_rows(self, table: str, rows: Iterable[sqlite3.Row]) -> int:
        """Insert rows read from another cache (call in a transaction); columns this schema
        lacks are dropped, rows already present are kept. Returns how many were added."""
        mine = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        added = 0
        for row in rows:
            present = set(row.keys())  # a Row's `in` looks at values, not names
            names = [c for c in mine if c in present]
            added += self.conn.execute(
                f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                [row[c] for c in names],
            ).rowcount
        if added and table in ("records", "hits"):
            self.db.changed()
        return added
