"""Stored role scores: how far each record puts a query's intervention in the treating role.

A role score (``relations.Found.score``) depends only on a record's title and abstract and on
the query's concepts and roles, and computing it means reading the record's text: seconds for
a question on 100,000 records. So it is stored once per (role key, record) in ``role_scores``
(migration 006), the key naming the concepts, roles and matching rules it was computed with,
and kept across every later change of the cache: after a search adds N records, only those N
are read. A revised record's scores are forgotten when the revision is stored
(``Store.upsert``), and all of them when the full-text index is rebuilt
(``Store.rebuild_index``), so a stored score always comes from the text the cache holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from withdrawal_lit.errors import CacheError
from withdrawal_lit.store.connection import Part


class RoleScores(Part):
    """The role_scores table."""

    def role_texts(
        self, key: str, query: str, match: str
    ) -> Iterator[tuple[str, float | None, str, str]]:
        """(pmid, stored score or None, title, abstract) of the query's records that match
        ``match`` (an FTS5 expression); the text is read only for records with no score stored
        under ``key`` (empty strings for the others)."""
        if not match:
            return
        try:
            rows = self.conn.execute(
                "SELECT f.rowid, s.score, "
                "CASE WHEN s.score IS NULL THEN f.title END, "
                "CASE WHEN s.score IS NULL THEN f.abstract END "
                "FROM records_fts f LEFT JOIN role_scores s ON s.key = ? AND s.pmid = f.rowid "
                "WHERE records_fts MATCH ? "
                "AND +f.rowid IN (SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL)",
                (key, match, query),
            )
            for pmid, score, title, abstract in rows:
                yield str(pmid), score, title or "", abstract or ""
        except sqlite3.OperationalError as exc:
            raise CacheError(
                f"cannot rank with {match!r}: {exc}", "check the query's concepts"
            ) from None

    def has_role_scores(self, key: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM role_scores WHERE key = ? LIMIT 1", (key,)).fetchone()
            is not None
        )

    def save_role_scores(self, key: str, scores: Iterable[tuple[str, float]]) -> None:
        """Store scores computed under ``key``; call in a transaction."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO role_scores (key, pmid, score) VALUES (?,?,?)",
            ((key, int(p), s) for p, s in scores),
        )

    def keep_role_scores(self, keys: Iterable[str]) -> None:
        """Forget the scores of every key but ``keys`` (those no query ranks with any more);
        call in a transaction."""
        keys = list(keys)
        marks = ",".join("?" * len(keys))
        self.conn.execute(f"DELETE FROM role_scores WHERE key NOT IN ({marks})", keys)

    def forget_role_scores(self, pmids: Iterable[str] | None = None) -> None:
        """Forget the scores of ``pmids`` (every record's when None): their text changed.
        Call in a transaction."""
        if pmids is None:
            self.conn.execute("DELETE FROM role_scores")
            return
        self.conn.executemany("DELETE FROM role_scores WHERE pmid = ?", ((int(p),) for p in pmids))

    def ranked_concepts(self) -> list[str]:
        """The concepts (with roles) each query's stored features were computed for."""
        return [r[0] for r in self.conn.execute("SELECT concepts FROM rank_state")]
