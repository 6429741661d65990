"""Stored paper views: what `search` shows of a paper besides the record itself.

A shown paper's assessment (design, population, named interventions and outcomes) and bottom
line are read from its text: most of a cached search's time once ranking reads stored features.
They depend only on the record, the question's concepts and the code that computes them, so
they are stored as JSON per (view key, record), the key naming the concepts and the code
(services/paper_views.py), and forgotten when the record's JSON changes (migration 008).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from withdrawal_lit.store.connection import Part, chunks


class PaperViews(Part):
    """The paper_views table."""

    def paper_views(self, key: str, pmids: Sequence[str]) -> dict[str, str]:
        """The stored views (JSON) of those of ``pmids`` that have one under ``key``."""
        out: dict[str, str] = {}
        for part in chunks([int(p) for p in pmids], 500):
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT pmid, view FROM paper_views WHERE key = ? AND pmid IN ({marks})",
                (key, *part),
            )
            out.update((str(pmid), view) for pmid, view in rows)
        return out

    def has_paper_views(self, key: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM paper_views WHERE key = ? LIMIT 1", (key,))
        return row.fetchone() is not None

    def save_paper_views(self, key: str, views: Iterable[tuple[str, str]]) -> None:
        """Store views computed under ``key``; call in a transaction."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO paper_views (key, pmid, view) VALUES (?,?,?)",
            ((key, int(p), view) for p, view in views),
        )

    def keep_paper_views(self, prefix: str) -> None:
        """Forget the views of every key not starting with ``prefix`` (computed by other
        code); call in a transaction."""
        self.conn.execute(
            "DELETE FROM paper_views WHERE substr(key, 1, ?) <> ?", (len(prefix), prefix)
        )
