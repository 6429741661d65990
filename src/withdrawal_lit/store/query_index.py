"""A query's own full-text index: bm25 with the query's records as the corpus.

FTS5's bm25 weighs each phrase by how many rows of the index hold it, and each record's length
against the index's average: statistics of the whole index. Read from ``records_fts``, they
are the whole cache's, so every record a search adds (one no other question returns
included) changes every query's scores, and every question's stored features would have to be
computed again after any ad hoc search. Ranking reads bm25 instead from an index of the
query's own records: a temporary FTS5 table (contentless, records_fts's columns and
tokenizer), filled from ``records_fts`` in one statement and emptied once read (FTS5's
'delete-all', which resets its statistics too; dropping it would fail while another statement
of the connection is being read). A query's
features then depend only on the records it returns, which ``rank_inputs`` (migration 007)
counts the changes of.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from withdrawal_lit.errors import CacheError
from withdrawal_lit.store.connection import Part

BM25_WEIGHTS = (10.0, 4.0, 2.0, 2.0)  # title, abstract, mesh, keywords
_TABLE = "temp.query_fts"


class QueryIndex(Part):
    """The temporary full-text index of one query's records."""

    def query_scores(
        self, query: str, searches: Sequence[tuple[str, Sequence[float]]]
    ) -> list[dict[str, float]]:
        """For each (FTS5 expression, column weights) of ``searches``: bm25 per PMID of the
        query's live records that match it (higher is better), the corpus statistics being
        those of the query's live records alone."""
        wanted = [(m, w) for m, w in searches if m]
        if not wanted:
            return [{} for _ in searches]
        self.conn.execute(self._definition())
        self._empty()
        try:
            self.conn.execute(
                f"INSERT INTO {_TABLE} (rowid, title, abstract, mesh, keywords) "
                "SELECT rowid, title, abstract, mesh, keywords FROM records_fts "
                "WHERE rowid IN (SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL)",
                (query,),
            )
            found = {m: self._scores(m, w) for m, w in wanted}
        finally:
            self._empty()
        return [found[m] if m else {} for m, _ in searches]

    def _empty(self) -> None:
        self.conn.execute(f"INSERT INTO {_TABLE} (query_fts) VALUES ('delete-all')")

    def _scores(self, match: str, weights: Sequence[float]) -> dict[str, float]:
        w = ", ".join(str(float(x)) for x in weights)
        try:
            rows = self.conn.execute(
                f"SELECT rowid, bm25(query_fts, {w}) FROM {_TABLE} WHERE query_fts MATCH ?",
                (match,),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise CacheError(
                f"cannot rank with {match!r}: {exc}", "check the query's concepts"
            ) from None
        return {str(r[0]): -r[1] for r in rows}

    def _definition(self) -> str:
        """records_fts's CREATE statement (its columns and tokenizer), made the contentless
        temporary table's (created once per connection)."""
        row = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records_fts'"
        ).fetchone()
        if row is None:
            raise CacheError("the cache has no full-text index", "run `withdrawal-lit cache check`")
        create, count = re.subn(
            r"^CREATE VIRTUAL TABLE\s+\S+\s+USING\s+fts5\s*\(",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {_TABLE} USING fts5(content='', ",
            row[0],
            flags=re.IGNORECASE,
        )
        if not count:
            raise CacheError(
                "the cache's full-text index is not an FTS5 table",
                "run `withdrawal-lit cache check`",
            )
        return create
