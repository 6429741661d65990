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

from withdrawal_lit.errors import Busy, CacheError, WithdrawalLitError
from withdrawal_lit.records import Article

SQLITE_HEADER = b"SQLite format 3\x00"

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        CREATE TABLE records (
            pmid INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            year INTEGER,
            journal TEXT,
            entrez_date TEXT,
            revised_date TEXT,
            retracted INTEGER NOT NULL DEFAULT 0,
            design TEXT,
            evidence_level INTEGER,
            population TEXT,
            sample_size INTEGER,
            assessed_with TEXT,
            data TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            revised_at TEXT
        );
        CREATE INDEX records_year ON records(year);
        CREATE VIRTUAL TABLE records_fts USING fts5(
            title, abstract, mesh, keywords,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TABLE queries (
            name TEXT PRIMARY KEY,
            title TEXT,
            term TEXT NOT NULL,
            term_hash TEXT NOT NULL,
            last_count INTEGER,
            translation TEXT,
            last_success_at TEXT,
            edat_high TEXT,
            mdat_high TEXT
        );
        CREATE TABLE hits (
            query TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            gone_since TEXT,
            PRIMARY KEY (query, pmid)
        ) WITHOUT ROWID;
        CREATE INDEX hits_pmid ON hits(pmid);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            queries TEXT,
            requests INTEGER DEFAULT 0,
            retries INTEGER DEFAULT 0,
            new INTEGER DEFAULT 0,
            revised INTEGER DEFAULT 0,
            error TEXT,
            version TEXT
        );
        CREATE TABLE search_log (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            query TEXT NOT NULL,
            term TEXT NOT NULL,
            term_hash TEXT NOT NULL,
            at TEXT NOT NULL,
            mode TEXT NOT NULL,
            count INTEGER,
            new INTEGER DEFAULT 0,
            revised INTEGER DEFAULT 0,
            gone INTEGER DEFAULT 0,
            translation TEXT,
            warnings TEXT,
            version TEXT
        );
        CREATE INDEX search_log_query ON search_log(query, at);
        """,
    ),
    (
        "002_query_versions",
        """
        CREATE INDEX search_log_term ON search_log(query, term_hash, at);
        CREATE VIEW query_versions AS
            SELECT query AS name, term_hash, min(term) AS term, min(at) AS first_used,
                   max(at) AS last_used, count(*) AS runs
            FROM search_log GROUP BY query, term_hash;
        """,
    ),
    (
        "003_ranking_features",
        # What ranking reads, kept where it is quick to read. records_rank covers every
        # column a candidate needs, so ranking and counting a query's records read a compact
        # index instead of one wide row (JSON and all) per record; records_assessed finds the
        # records older classification rules assessed without reading them all. rank_features
        # holds what the full-text index says of each record a query returns (bm25 and the
        # concepts found, which take seconds to compute on 100,000 records), with each
        # record's score; rank_state says for which concepts, year and cache generation they
        # were computed. The generation counts the changes to records and hits (see
        # Store._changed; a trigger would make every insert flush the full-text index).
        """
        CREATE INDEX records_rank ON records(
            pmid, year, entrez_date, retracted, design, evidence_level, population
        );
        CREATE INDEX records_assessed ON records(assessed_with);
        CREATE TABLE cache_generation (n INTEGER NOT NULL);
        INSERT INTO cache_generation (n) VALUES (0);
        CREATE TABLE rank_features (
            query TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            bm25 REAL NOT NULL,
            present INTEGER NOT NULL,
            in_title INTEGER NOT NULL,
            retracted INTEGER NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (query, pmid)
        ) WITHOUT ROWID;
        CREATE INDEX rank_features_order ON rank_features(query, retracted, score DESC);
        CREATE TABLE rank_state (
            query TEXT PRIMARY KEY,
            concepts TEXT NOT NULL,
            generation INTEGER NOT NULL,
            this_year INTEGER NOT NULL,
            median_bm25 REAL NOT NULL,
            total INTEGER NOT NULL
        );
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


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


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    new: int = 0
    revised: int = 0
    unchanged: int = 0


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


class Store:
    """The cache. Open with ``Store.open(path)``; use as a context manager to close it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool):
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, create: bool = True) -> Store:
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
        if version > SCHEMA_VERSION:
            conn.close()
            raise CacheError(
                f"cache {path} has schema version {version}, newer than this withdrawal-lit "
                f"understands ({SCHEMA_VERSION}); it was left untouched",
                "upgrade withdrawal-lit, or use another --db (`withdrawal-lit cache check` "
                "explains)",
            )
        if version < SCHEMA_VERSION:
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
            for index, (name, sql) in enumerate(MIGRATIONS[version:], start=version + 1):
                with self.transaction():
                    self.conn.execute(
                        "CREATE TABLE IF NOT EXISTS migrations "
                        "(name TEXT PRIMARY KEY, applied_at TEXT)"
                    )
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute(
                        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now_iso())
                    )
                    self.conn.execute(f"PRAGMA user_version = {index}")
        except sqlite3.DatabaseError as exc:
            raise _cache_error(self.path, exc) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: commit on success, roll back on any exception."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
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
        new = revised = unchanged = 0
        cur = self.conn.cursor()
        try:
            for article, derived in items:
                data = json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":"))
                row = cur.execute(
                    "SELECT data FROM records WHERE pmid = ?", (int(article.pmid),)
                ).fetchone()
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
                elif row["data"] != data:
                    revised += 1
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
        except sqlite3.DatabaseError as exc:
            raise _cache_error(self.path, exc) from None
        return UpsertCounts(new, revised, unchanged)

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
            "INSERT INTO rank_features (query, pmid, bm25, present, in_title, retracted, score) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                (state.query, int(p), f.bm25, f.present, f.in_title, int(retracted), f.score)
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
            "SELECT pmid, bm25, present, in_title, score FROM rank_features WHERE query = ?",
            (query,),
        )
        return {str(r[0]): Feature(r[1], r[2], r[3], r[4]) for r in rows}

    def scored_candidates(
        self, query: str, limit: int | None = None
    ) -> Iterator[tuple[Candidate, Feature]]:
        """The query's records by stored score, unretracted ones first (the first ``limit``),
        read as they are consumed."""
        rows = self.conn.execute(
            "SELECT r.pmid, r.year, r.entrez_date, r.retracted, r.design, r.evidence_level, "
            "r.population, f.bm25, f.present, f.in_title, f.score "
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

    # -- maintenance ---------------------------------------------------------------------
    # `cache check` and `cache rebuild`: look into a cache that may be damaged without trusting
    # it, rebuild what is derived from each record's JSON, copy out what SQLite can still read.
    # Nothing here deletes or overwrites a cache file.
    DatabaseError = sqlite3.DatabaseError  # what a damaged page raises mid-read
    TABLE_KEYS = {  # the tables a salvage copies, in order, with the key each is scanned by
        "records": ("rowid",),
        "hits": ("query", "pmid"),
        "queries": ("rowid",),
        "runs": ("rowid",),
        "search_log": ("rowid",),
    }

    @staticmethod
    def error_for(path: Path, exc: sqlite3.DatabaseError) -> WithdrawalLitError:
        """The one-line error for an SQLite failure on the cache at ``path``."""
        return _cache_error(Path(path), exc)

    @staticmethod
    def _connect_readonly(path: Path, *, tolerant: bool = False) -> sqlite3.Connection:
        """A read-only connection. A WAL cache needs its -shm file, which SQLite cannot create
        in a read-only folder; then, with no -wal (nothing uncommitted), the file is opened as
        immutable. ``tolerant`` reads a schema whose tables point past a truncated end."""
        uri = path.resolve().as_uri()
        for mode in ("ro", "ro&immutable=1"):
            conn = sqlite3.connect(f"{uri}?mode={mode}", uri=True)
            if tolerant:
                conn.execute("PRAGMA writable_schema = ON")
            try:
                conn.execute("PRAGMA user_version").fetchone()
                return conn
            except sqlite3.OperationalError as exc:
                conn.close()
                wal = path.with_name(path.name + "-wal")
                if "readonly" not in str(exc) or wal.exists() or "immutable" in mode:
                    raise
        raise AssertionError("unreachable")

    @classmethod
    def inspect(cls, path: Path) -> Store:
        """Open read-only for `cache check` and salvage: no version check, no migration, and
        tables are readable one by one even when others are damaged."""
        path = Path(path)
        try:
            conn = cls._connect_readonly(path, tolerant=True)
        except sqlite3.DatabaseError as exc:
            raise _cache_error(path, exc) from None
        conn.isolation_level = None
        conn.row_factory = sqlite3.Row
        return cls(conn, path, readonly=True)

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

    @staticmethod
    def index_values(article: Article) -> tuple[str, str, str, str]:
        """What the full-text index holds for a record, exactly as ``upsert`` writes it."""
        return (
            article.title,
            article.abstract,
            " ; ".join(article.mesh_terms),
            " ; ".join(article.keywords),
        )

    @staticmethod
    def column_values(article: Article, derived: Derived) -> dict[str, object]:
        """The columns ``upsert`` derives from a record, by name."""
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

    def rebuild_index(self, items: Iterable[tuple[Article, Derived]]) -> int:
        """Recreate the full-text index and rewrite each record's derived columns from its
        JSON; call in a transaction, with every record in ``items``. Returns how many."""
        row = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records_fts'"
        ).fetchone()
        create = row[0] if row else _fts_definition()
        self.conn.execute("DROP TABLE IF EXISTS records_fts")
        self.conn.execute(create)
        done = 0
        for article, derived in items:
            values = self.column_values(article, derived)
            assignments = ", ".join(f"{name} = ?" for name in values)
            self.conn.execute(
                f"UPDATE records SET {assignments} WHERE pmid = ?",
                (*values.values(), int(article.pmid)),
            )
            self.conn.execute(
                "INSERT INTO records_fts (rowid, title, abstract, mesh, keywords) "
                "VALUES (?,?,?,?,?)",
                (int(article.pmid), *self.index_values(article)),
            )
            done += 1
        self._changed()
        return done

    def readable_rows(self, table: str, candidates: Iterable[tuple] = ()) -> Iterator[sqlite3.Row]:
        """Every row of ``table`` SQLite can still read, each once: a forward and a backward
        scan in key order (a damaged page stops a scan, so the two reach both sides of it),
        then a lookup of each candidate key (a tuple in ``TABLE_KEYS`` order) both missed."""
        key = self.TABLE_KEYS[table]
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
            self._changed()
        return added

    # -- refresh -------------------------------------------------------------------------
    # What the nightly refresh needs to decide what to fetch (the dates of the cached copies,
    # which queries already return a record), what `new` lists, and the history `runs` shows.
    def record_dates(self, pmids: Iterable[str]) -> dict[str, CachedDates]:
        """The dates of the cached copies of these PMIDs (PMIDs not cached are left out)."""
        out: dict[str, CachedDates] = {}
        for chunk in _chunks(list(dict.fromkeys(pmids)), 500):
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
        for chunk in _chunks(list(dict.fromkeys(pmids)), 500):
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

    def list_runs(self, commands: Sequence[str] = (), limit: int | None = None) -> list[RunRecord]:
        """Recorded runs, newest first; only those of ``commands`` when given."""
        sql = "SELECT * FROM runs"
        params: list = list(commands)
        if commands:
            sql += f" WHERE command IN ({','.join('?' * len(commands))})"
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_run_record(row) for row in self.conn.execute(sql, params)]

    def last_run(self, command: str, status: str) -> RunRecord | None:
        """The newest run of ``command`` that ended with ``status``."""
        row = self.conn.execute(
            "SELECT * FROM runs WHERE command = ? AND status = ? "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (command, status),
        ).fetchone()
        return _run_record(row) if row else None

    def close_stale_runs(self, command: str, status: str = "interrupted") -> int:
        """Give runs of ``command`` that never recorded their end (the process was killed) the
        status ``status``. Only call it while no other such run can be going on."""
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE runs SET status = ? WHERE command = ? AND finished_at IS NULL",
                (status, command),
            )
        return cur.rowcount


# -- provenance records ------------------------------------------------------------------------
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


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run of a command that asks NCBI, as the runs table holds it."""

    id: int
    command: str
    started_at: str
    finished_at: str | None
    status: str  # running, ok, partial, failed, interrupted
    queries: tuple[str, ...]
    requests: int
    retries: int
    new: int
    revised: int
    error: str | None
    version: str | None

    @property
    def seconds(self) -> float | None:
        if not self.finished_at:
            return None
        start = datetime.strptime(self.started_at, "%Y-%m-%dT%H:%M:%SZ")
        end = datetime.strptime(self.finished_at, "%Y-%m-%dT%H:%M:%SZ")
        return (end - start).total_seconds()


def _run_record(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"],
        command=row["command"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        status=row["status"],
        queries=tuple(json.loads(row["queries"] or "[]")),
        requests=row["requests"] or 0,
        retries=row["retries"] or 0,
        new=row["new"] or 0,
        revised=row["revised"] or 0,
        error=row["error"],
        version=row["version"],
    )


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (executescript would commit mid-migration)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _fts_definition() -> str:
    """The full-text table's CREATE statement as the first migration wrote it."""
    return next(
        statement
        for _, script in MIGRATIONS
        for statement in _statements(script)
        if statement.startswith("CREATE VIRTUAL TABLE records_fts")
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
