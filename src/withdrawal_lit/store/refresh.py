"""Queries the nightly refresh needs: cached dates, which queries return a PMID, changes since."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from withdrawal_lit.store.connection import Part, chunks


class RefreshQueries(Part):
    """What `refresh` and `new` read: the dates of the cached copies, which queries already
    return a record (to decide what to fetch), and what changed since a moment."""

    def record_dates(self, pmids: Iterable[str]) -> dict[str, CachedDates]:
        """The dates of the cached copies of these PMIDs (PMIDs not cached are left out)."""
        out: dict[str, CachedDates] = {}
        for chunk in chunks(list(dict.fromkeys(pmids)), 500):
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
        for chunk in chunks(list(dict.fromkeys(pmids)), 500):
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


# -- refresh records ---------------------------------------------------------------------------


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
