"""The cached records: each PubMed record's JSON, the columns ranking reads, the full-text index.

The columns and the full-text values derived from a record are defined here once
(``column_values``, ``index_values``) and written by ``Records.upsert`` and
``Records.rebuild_index`` alike; `cache check` compares a cache against the same functions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from withdrawal_lit.records import Article
from withdrawal_lit.store import schema
from withdrawal_lit.store.bulk import insert_rows, where_in
from withdrawal_lit.store.connection import Part, cache_error, chunks


@dataclass(frozen=True, slots=True)
class Derived:
    """Per-record values computed once at write time so ranking never reparses JSON."""

    design: str
    evidence_level: int
    population: str
    sample_size: int | None
    assessed_with: str


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    revised_pmids: tuple[str, ...] = ()  # the records that replaced an older copy


# Columns that come from the record alone, then those the design rules derive from it.
RECORD_COLUMNS = ("title", "year", "journal", "entrez_date", "revised_date", "retracted")
DERIVED_COLUMNS = ("design", "evidence_level", "population", "sample_size", "assessed_with")
COLUMNS = RECORD_COLUMNS + DERIVED_COLUMNS


def column_values(article: Article, derived: Derived) -> dict[str, object]:
    """The columns stored beside a record's JSON, by name (in ``COLUMNS`` order)."""
    return {
        "title": article.title,
        "year": article.year,
        "journal": article.journal,
        "entrez_date": article.entrez_date,
        "revised_date": article.revised_date,
        "retracted": int(article.retracted),
        "design": derived.design,
        "evidence_level": derived.evidence_level,
        "population": derived.population,
        "sample_size": derived.sample_size,
        "assessed_with": derived.assessed_with,
    }


def index_values(article: Article) -> tuple[str, str, str, str]:
    """What the full-text index holds for a record: (title, abstract, mesh, keywords)."""
    return (
        article.title,
        article.abstract,
        " ; ".join(article.mesh_terms),
        " ; ".join(article.keywords),
    )


def _assign(columns: Sequence[str]) -> str:
    return ", ".join(f"{name}=?" for name in columns)


_INSERT_HEAD = f"INSERT INTO records ({', '.join(COLUMNS)}, data, pmid, first_seen_at, fetched_at)"
_REVISE = f"UPDATE records SET {_assign(COLUMNS)}, data=?, fetched_at=?, revised_at=? WHERE pmid=?"
_REWRITE = f"UPDATE records SET {_assign(COLUMNS)} WHERE pmid = ?"
_REASSESS = f"UPDATE records SET {_assign(DERIVED_COLUMNS)} WHERE pmid=?"
_INDEX_HEAD = "INSERT INTO records_fts (rowid, title, abstract, mesh, keywords)"
_INDEX = _INDEX_HEAD + " VALUES (?,?,?,?,?)"
_UNINDEX = "DELETE FROM records_fts WHERE rowid = ?"


class Records(Part):
    """The records table and its full-text index."""

    def upsert(
        self, items: Iterable[tuple[Article, Derived]], seen_at: str
    ) -> tuple[UpsertCounts, list[Article]]:
        """Insert or replace records (a revision replaces the older copy); call in a
        transaction. Returns the counts and the records written (new or revised).

        New records and their full-text entries are written many rows per statement
        (``bulk``); each table sees its writes in the order of ``items``."""
        new = unchanged = 0
        revised: list[str] = []
        written: list[Article] = []
        records: list[tuple[str, tuple]] = []  # ("insert" | "revise", values), in order
        index: list[tuple[str, tuple]] = []  # ("insert" | "delete", values), in order
        touched: list[int] = []  # unchanged records: only fetched_at moves
        items = list(items)
        try:
            cached = self._cached_data([int(article.pmid) for article, _ in items])
            for article, derived in items:
                data = json.dumps(
                    article.to_dict(),
                    ensure_ascii=False,
                    separators=(",", ":"),
                    check_circular=False,
                )
                pmid = int(article.pmid)
                row = cached.get(pmid)
                cached[pmid] = data  # a PMID given twice: the second is a revision
                values = (*column_values(article, derived).values(), data)
                if row is None:
                    new += 1
                    records.append(("insert", (*values, pmid, seen_at, seen_at)))
                elif row != data:
                    revised.append(article.pmid)
                    records.append(("revise", (*values, seen_at, seen_at, pmid)))
                    index.append(("delete", (pmid,)))
                else:
                    unchanged += 1
                    touched.append(pmid)
                    continue
                written.append(article)
                index.append(("insert", (pmid, *index_values(article))))
            self._write(records, {"insert": _INSERT_HEAD, "revise": _REVISE})
            self._write(index, {"insert": _INDEX_HEAD, "delete": _UNINDEX})
            where_in(self.conn, "UPDATE records SET fetched_at = ? WHERE pmid IN ({keys})",
                     (seen_at,), touched)  # fmt: skip
            if new or revised:
                self.db.changed()
        except sqlite3.DatabaseError as exc:
            raise cache_error(self.db.path, exc) from None
        return UpsertCounts(new, len(revised), unchanged, tuple(revised)), written

    def _write(self, ops: list[tuple[str, tuple]], sql: dict[str, str]) -> None:
        """Each run of consecutive inserts as one multi-row insert, anything else row by row."""
        run: list[tuple] = []
        for kind, values in ops:
            if kind == "insert":
                run.append(values)
                continue
            insert_rows(self.conn, sql["insert"], run)
            run = []
            self.conn.execute(sql[kind], values)
        insert_rows(self.conn, sql["insert"], run)

    def _cached_data(self, pmids: list[int]) -> dict[int, str]:
        """The stored JSON of those of ``pmids`` the cache holds: one query per 500, not one
        per record (each a round trip through the GIL while other threads parse)."""
        out: dict[int, str] = {}
        for part in chunks(pmids, 500):
            marks = ",".join("?" * len(part))
            out.update(
                self.conn.execute(
                    f"SELECT pmid, data FROM records WHERE pmid IN ({marks})", part
                ).fetchall()
            )
        return out

    def rebuild_index(self, items: Iterable[tuple[Article, Derived]]) -> int:
        """Recreate the full-text index and rewrite each record's derived columns from its
        JSON; call in a transaction, with every record in ``items``. Returns how many."""
        row = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records_fts'"
        ).fetchone()
        create = row[0] if row else schema.fts_definition()
        self.conn.execute("DROP TABLE IF EXISTS records_fts")
        self.conn.execute(create)
        done = 0
        for article, derived in items:
            pmid = int(article.pmid)
            self.conn.execute(_REWRITE, (*column_values(article, derived).values(), pmid))
            self.conn.execute(_INDEX, (pmid, *index_values(article)))
            done += 1
        self.db.changed()
        return done

    def update_derived(self, items: Iterable[tuple[str, Derived]]) -> None:
        updated = self.conn.executemany(
            _REASSESS,
            (
                (d.design, d.evidence_level, d.population, d.sample_size, d.assessed_with, int(p))
                for p, d in items
            ),
        ).rowcount
        if updated:
            self.db.changed()

    def stale_assessments(self, version: str) -> Iterator[Article]:
        # "IS NOT ?" spelled so that records_assessed answers it (no scan of every record).
        rows = self.conn.execute(
            "SELECT data FROM records WHERE assessed_with IS NULL OR assessed_with < ? "
            "OR assessed_with > ?",
            (version, version),
        )
        for row in rows:
            yield Article.from_dict(json.loads(row["data"]))

    def get(self, pmid: str) -> Article | None:
        row = self.conn.execute("SELECT data FROM records WHERE pmid = ?", (int(pmid),)).fetchone()
        return Article.from_dict(json.loads(row["data"])) if row else None

    def get_many(self, pmids: Sequence[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for chunk in chunks(list(pmids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT pmid, data FROM records WHERE pmid IN ({marks})", [int(p) for p in chunk]
            ):
                out[str(row["pmid"])] = Article.from_dict(json.loads(row["data"]))
        return out

    def missing(self, pmids: Iterable[str]) -> list[str]:
        """The PMIDs (in the given order, deduplicated) that the cache does not hold."""
        wanted = list(dict.fromkeys(pmids))
        have: set[str] = set()
        for chunk in chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            have.update(
                str(r[0])
                for r in self.conn.execute(
                    f"SELECT pmid FROM records WHERE pmid IN ({marks})", [int(p) for p in chunk]
                )
            )
        return [p for p in wanted if p not in have]

    def count_records(self) -> int:
        return self.conn.execute("SELECT count(*) FROM records").fetchone()[0]

    def has_records(self) -> bool:
        return self.conn.execute("SELECT 1 FROM records LIMIT 1").fetchone() is not None
