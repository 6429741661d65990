"""The SQLite cache: records, which query found which PMID, query state, runs and the search log.

One file (WAL mode), schema versioned by ``PRAGMA user_version`` and upgraded by the list of
migrations below, each applied once and recorded with a timestamp. Every write happens inside
``Store.transaction()``: an interrupted run leaves the previous cache whole. A cache written by
a newer version of the tool is refused, never overwritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from withdrawal_lit.errors import Busy, CacheError, WithdrawalLitError
from withdrawal_lit.records import Article
from withdrawal_lit.store import schema
from withdrawal_lit.store.schema import SQLITE_HEADER


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Derived:
    """Per-record values computed once at write time so ranking never reparses JSON."""

    design: str
    evidence_level: int
    population: str
    sample_size: int | None
    assessed_with: str


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


@dataclass(frozen=True, slots=True)
class FeatureState:
    """For what the stored ranking features of a query were computed."""

    query: str
    concepts: str  # the query's concepts, as JSON
    generation: int  # the cache generation (see migration 003) they were computed at
    this_year: int  # the year their scores' recency was computed for
    median_bm25: float  # of the query's records with a bm25 above 0
    total: int  # records the query returned from the cache


@dataclass(frozen=True, slots=True)
class Feature:
    """What the full-text index says of one record for one query, with its score."""

    bm25: float
    present: int  # the query's concept groups found anywhere in the record
    in_title: int  # ... and in its title
    score: float  # unrounded, for the features' year and median (see rank_features)
    roles: float = 0.0  # relations.Found.score of the record for the query's roles


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    revised_pmids: tuple[str, ...] = ()  # the records that replaced an older copy


def check_file(path: Path) -> None:
    """Refuse a path that exists but is not an SQLite database (never overwrite it)."""
    if path.is_dir():
        raise CacheError(f"cache path {path} is a folder", "point --db at a file")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except PermissionError:
        raise CacheError(
            f"cannot read cache {path}: permission denied", "fix its permissions or use --db"
        ) from None
    if header and header != SQLITE_HEADER:
        raise CacheError(
            f"{path} is not a withdrawal-lit cache (not an SQLite file); it was left untouched",
            "point --db / WITHDRAWAL_LIT_DB at another path, or move that file away "
            "(`withdrawal-lit cache check` explains)",
        )


class StoreCore:
    """The cache. Open with ``Store.open(path)``; use as a context manager to close it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool):
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, create: bool = True) -> Self:
        path = Path(path)
        check_file(path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and (readonly or not create):
            raise CacheError(
                f"no cache at {path} yet",
                "run `withdrawal-lit search` (online) to fill it, or point --db at your cache",
            )
        if not readonly:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CacheError(
                    f"cannot create cache folder {path.parent}: {exc.strerror}",
                    "choose a writable place with --db or WITHDRAWAL_LIT_DB",
                ) from None
        try:
            conn = cls._connect_readonly(path) if readonly else sqlite3.connect(path, timeout=30)
            conn.isolation_level = None  # transactions are explicit: Store.transaction()
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 30000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            # Version 0 with tables: another program's database. Ours get their tables and
            # their version in one transaction, so never look like that.
            foreign = (
                version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            )
        except sqlite3.DatabaseError as exc:
            raise _cache_error(path, exc) from None
        store = cls(conn, path, readonly)
        if foreign:
            conn.close()
            raise CacheError(
                f"{path} is an SQLite database of another program, not a withdrawal-lit cache; "
                "it was left untouched",
                "point --db / WITHDRAWAL_LIT_DB at another path (`withdrawal-lit cache check` "
                "explains)",
            )
        if version > schema.SCHEMA_VERSION:
            conn.close()
            raise CacheError(
                f"cache {path} has schema version {version}, newer than this withdrawal-lit "
                f"understands ({schema.SCHEMA_VERSION}); it was left untouched",
                "upgrade withdrawal-lit, or use another --db (`withdrawal-lit cache check` "
                "explains)",
            )
        if version < schema.SCHEMA_VERSION:
            if readonly:
                conn.close()
                try:  # written by an older withdrawal-lit: upgrade it once, then read it
                    cls.open(path).close()
                except CacheError:
                    raise CacheError(
                        f"cache {path} needs an upgrade but is read-only",
                        "open it once with write access, or use another --db",
                    ) from None
                return cls.open(path, readonly=True)
            store._migrate(version)
        elif not readonly:
            store._pragma("PRAGMA journal_mode = WAL")
        return store

    def _pragma(self, sql: str) -> None:
        try:
            self.conn.execute(sql)
        except sqlite3.OperationalError as exc:
            raise _cache_error(self.path, exc) from None

    def _migrate(self, version: int) -> None:
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            for index, (name, sql) in enumerate(schema.MIGRATIONS[version:], start=version + 1):
                with self.transaction():
                    self.conn.execute(
                        "CREATE TABLE IF NOT EXISTS migrations "
                        "(name TEXT PRIMARY KEY, applied_at TEXT)"
                    )
                    for statement in schema.statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute(
                        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now_iso())
                    )
                    self.conn.execute(f"PRAGMA user_version = {index}")
        except sqlite3.DatabaseError as exc:
            raise _cache_error(self.path, exc) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, wait: bool = True) -> Iterator[None]:
        """One atomic write: commit on success, roll back on any exception. ``wait=False``:
        raise Busy at once, instead of after the busy timeout, while another process writes."""
        try:
            if not wait:
                self.conn.execute("PRAGMA busy_timeout = 0")
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            finally:
                if not wait:
                    self.conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.DatabaseError as exc:
            raise _cache_error(self.path, exc) from None
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.commit()
        except sqlite3.DatabaseError as exc:
            self.conn.rollback()
            raise _cache_error(self.path, exc) from None

    # -- records -------------------------------------------------------------------------
    def upsert(self, items: Iterable[tuple[Article, Derived]], seen_at: str) -> UpsertCounts:
        """Insert or replace records (a revision replaces the older copy); call in a transaction."""
        new = unchanged = 0
        revised: list[str] = []
        written: list[Article] = []
        cur = self.conn.cursor()
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
                row = cached.get(int(article.pmid))
                cached[int(article.pmid)] = data  # a PMID given twice: the second is a revision
                values = (
                    article.title,
                    article.year,
                    article.journal,
                    article.entrez_date,
                    article.revised_date,
                    int(article.retracted),
                    derived.design,
                    derived.evidence_level,
                    derived.population,
                    derived.sample_size,
                    derived.assessed_with,
                    data,
                )
                if row is None:
                    new += 1
                    cur.execute(
                        "INSERT INTO records (title, year, journal, entrez_date, revised_date, "
                        "retracted, design, evidence_level, population, sample_size, "
                        "assessed_with, data, pmid, first_seen_at, fetched_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (*values, int(article.pmid), seen_at, seen_at),
                    )
                elif row != data:
                    revised.append(article.pmid)
                    cur.execute(
                        "UPDATE records SET title=?, year=?, journal=?, entrez_date=?, "
                        "revised_date=?, retracted=?, design=?, evidence_level=?, population=?, "
                        "sample_size=?, assessed_with=?, data=?, fetched_at=?, revised_at=? "
                        "WHERE pmid=?",
                        (*values, seen_at, seen_at, int(article.pmid)),
                    )
                    cur.execute("DELETE FROM records_fts WHERE rowid = ?", (int(article.pmid),))
                else:
                    unchanged += 1
                    cur.execute(
                        "UPDATE records SET fetched_at = ? WHERE pmid = ?",
                        (seen_at, int(article.pmid)),
                    )
                    continue
                written.append(article)
                cur.execute(
                    "INSERT INTO records_fts (rowid, title, abstract, mesh, keywords) "
                    "VALUES (?,?,?,?,?)",
                    (
                        int(article.pmid),
                        article.title,
                        article.abstract,
                        " ; ".join(article.mesh_terms),
                        " ; ".join(article.keywords),
                    ),
                )
            if new or revised:
                self._changed()
                self.link_papers(written)  # the trials each paper names (store/trials.py)
        except sqlite3.DatabaseError as exc:
            raise _cache_error(self.path, exc) from None
        return UpsertCounts(new, len(revised), unchanged, tuple(revised))

    def _cached_data(self, pmids: list[int]) -> dict[int, str]:
        """The stored JSON of those of ``pmids`` the cache holds: one query per 500, not one
        per record (each a round trip through the GIL while other threads parse)."""
        out: dict[int, str] = {}
        for start in range(0, len(pmids), 500):
            part = pmids[start : start + 500]
            marks = ",".join("?" * len(part))
            out.update(
                self.conn.execute(
                    f"SELECT pmid, data FROM records WHERE pmid IN ({marks})", part
                ).fetchall()
            )
        return out

    def _changed(self) -> None:
        """Count a change to records or hits (what the ranking features are computed from).
        Every method that writes either calls it, in the same transaction."""
        self.conn.execute("UPDATE cache_generation SET n = n + 1")

    def update_derived(self, items: Iterable[tuple[str, Derived]]) -> None:
        updated = self.conn.executemany(
            "UPDATE records SET design=?, evidence_level=?, population=?, sample_size=?, "
            "assessed_with=? WHERE pmid=?",
            (
                (d.design, d.evidence_level, d.population, d.sample_size, d.assessed_with, int(p))
                for p, d in items
            ),
        ).rowcount
        if updated:
            self._changed()

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
        for chunk in _chunks(list(pmids), 500):
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
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            have.update(
                str(r[0])
                for r in self.conn.execute(
                    f"SELECT pmid FROM records WHERE pmid IN ({marks})", [int(p) for p in chunk]
                )
            )
        return [p for p in wanted if p not in have]

    def queries_for(self, pmid: str) -> list[str]:
        """The names of the queries that have found this PMID."""
        rows = self.conn.execute(
            "SELECT query FROM hits WHERE pmid = ? ORDER BY query", (int(pmid),)
        )
        return [r[0] for r in rows]

    def count_records(self) -> int:
        return self.conn.execute("SELECT count(*) FROM records").fetchone()[0]

    def has_records(self) -> bool:
        return self.conn.execute("SELECT 1 FROM records LIMIT 1").fetchone() is not None

    # -- queries and hits ----------------------------------------------------------------
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
            self._changed()
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
            self._changed()
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

    def fts_scores(
        self, query: str, match: str, weights: Sequence[float] = (10.0, 4.0, 2.0, 2.0)
    ) -> dict[str, float]:
        """bm25 per PMID of the query's records that match ``match`` (higher is better)."""
        if not match:
            return {}
        w = ", ".join(str(float(x)) for x in weights)
        # "+rowid": without the plus SQLite hands each PMID of the subquery to FTS5 as a rowid
        # lookup and runs the MATCH once per PMID (quadratic: 12 s for 8,000 records).
        try:
            rows = self.conn.execute(
                f"SELECT rowid, bm25(records_fts, {w}) FROM records_fts WHERE records_fts MATCH ? "
                "AND +rowid IN (SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL)",
                (match, query),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise CacheError(
                f"cannot rank with {match!r}: {exc}", "check the query's concepts"
            ) from None
        return {str(r[0]): -r[1] for r in rows}

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

    # -- ranking features ----------------------------------------------------------------
    def generation(self) -> int:
        """Changes so far to anything the ranking features depend on (records, hits)."""
        return self.conn.execute("SELECT n FROM cache_generation").fetchone()[0]

    def feature_state(self, query: str) -> FeatureState | None:
        row = self.conn.execute("SELECT * FROM rank_state WHERE query = ?", (query,)).fetchone()
        return FeatureState(*row) if row else None

    def save_features(self, state: FeatureState, rows: Iterable[tuple[str, Feature, bool]]) -> None:
        """Replace a query's ranking features; ``rows`` are (pmid, feature, retracted). Call
        in a transaction."""
        self.conn.execute("DELETE FROM rank_features WHERE query = ?", (state.query,))
        self.conn.executemany(
            "INSERT INTO rank_features (query, pmid, bm25, present, in_title, retracted, score, "
            "roles) VALUES (?,?,?,?,?,?,?,?)",
            (
                (
                    state.query,
                    int(p),
                    f.bm25,
                    f.present,
                    f.in_title,
                    int(retracted),
                    f.score,
                    f.roles,
                )
                for p, f, retracted in rows
            ),
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO rank_state (query, concepts, generation, this_year, "
            "median_bm25, total) VALUES (?,?,?,?,?,?)",
            (
                state.query,
                state.concepts,
                state.generation,
                state.this_year,
                state.median_bm25,
                state.total,
            ),
        )

    def features(self, query: str) -> dict[str, Feature]:
        rows = self.conn.execute(
            "SELECT pmid, bm25, present, in_title, score, roles FROM rank_features WHERE query = ?",
            (query,),
        )
        return {str(r[0]): Feature(*r[1:]) for r in rows}

    def scored_candidates(
        self, query: str, limit: int | None = None
    ) -> Iterator[tuple[Candidate, Feature]]:
        """The query's records by stored score, unretracted ones first (the first ``limit``),
        read as they are consumed."""
        rows = self.conn.execute(
            "SELECT r.pmid, r.year, r.entrez_date, r.retracted, r.design, r.evidence_level, "
            "r.population, f.bm25, f.present, f.in_title, f.score, f.roles "
            "FROM rank_features f INDEXED BY rank_features_order "
            "JOIN records r INDEXED BY records_rank ON r.pmid = f.pmid "
            "WHERE f.query = ? ORDER BY f.retracted, f.score DESC LIMIT ?",
            (query, -1 if limit is None else limit),
        )
        for r in rows:
            yield Candidate(str(r[0]), r[1], r[2], bool(r[3]), r[4], r[5], r[6]), Feature(*r[7:])

    # -- runs and the search log ---------------------------------------------------------
    def start_run(self, command: str, queries: Sequence[str], version: str) -> int:
        with self.transaction():
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
        with self.transaction():
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


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_DAMAGE_SIGNS = (
    "not a database",
    "malformed",
    "file is encrypted",
    "vtable constructor failed",
    "no such table",
    "no such column",
)


def _cache_error(path: Path, exc: sqlite3.DatabaseError) -> WithdrawalLitError:
    text = str(exc)
    if any(sign in text for sign in _DAMAGE_SIGNS):
        return CacheError(
            f"cache {path} is damaged or not a withdrawal-lit cache ({text}); left untouched",
            "run `withdrawal-lit cache check` (and `cache rebuild` to salvage it), "
            "or point --db at another path",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return CacheError(
            f"cannot write cache {path} ({text})",
            "make the file and its folder writable, or choose another --db",
        )
    if "full" in text:
        return CacheError(
            f"disk full while writing cache {path}; the previous cache was kept",
            "free some space and run again",
        )
    if "locked" in text or "busy" in text:
        return Busy(
            f"cache {path} is busy (another withdrawal-lit is writing)",
            "wait for it to finish and run again",
        )
    return CacheError(f"cache {path}: {text}", "run `withdrawal-lit cache check`")
