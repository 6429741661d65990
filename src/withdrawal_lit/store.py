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

from withdrawal_lit.errors import CacheError
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
    cached: int  # PMIDs this query currently returns that are in the cache


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
            "point --db / WITHDRAWAL_LIT_DB at another path, or move that file away",
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
            if readonly:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                conn = sqlite3.connect(path, timeout=30)
            conn.isolation_level = None  # transactions are explicit: Store.transaction()
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 30000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise _cache_error(path, exc) from None
        store = cls(conn, path, readonly)
        if version > SCHEMA_VERSION:
            conn.close()
            raise CacheError(
                f"cache {path} has schema version {version}, newer than this withdrawal-lit "
                f"understands ({SCHEMA_VERSION}); it was left untouched",
                "upgrade withdrawal-lit, or use another --db",
            )
        if version < SCHEMA_VERSION:
            if readonly:
                conn.close()
                raise CacheError(
                    f"cache {path} needs an upgrade but is read-only",
                    "open it once with write access, or use another --db",
                )
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
        except sqlite3.DatabaseError as exc:
            raise _cache_error(self.path, exc) from None
        return UpsertCounts(new, revised, unchanged)

    def update_derived(self, items: Iterable[tuple[str, Derived]]) -> None:
        self.conn.executemany(
            "UPDATE records SET design=?, evidence_level=?, population=?, sample_size=?, "
            "assessed_with=? WHERE pmid=?",
            (
                (d.design, d.evidence_level, d.population, d.sample_size, d.assessed_with, int(p))
                for p, d in items
            ),
        )

    def stale_assessments(self, version: str) -> Iterator[Article]:
        rows = self.conn.execute(
            "SELECT data FROM records WHERE assessed_with IS NOT ?", (version,)
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
    def query_state(self, name: str) -> QueryState | None:
        row = self.conn.execute(
            "SELECT q.*, (SELECT count(*) FROM hits h JOIN records r ON r.pmid = h.pmid "
            "WHERE h.query = q.name AND h.gone_since IS NULL) AS cached "
            "FROM queries q WHERE q.name = ?",
            (name,),
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
        before = self.conn.total_changes
        rows = [(query, int(p), seen_at, seen_at) for p in pmids]
        self.conn.executemany(
            "INSERT INTO hits (query, pmid, first_seen, last_seen) VALUES (?,?,?,?) "
            "ON CONFLICT(query, pmid) DO NOTHING",
            rows,
        )
        added = self.conn.total_changes - before
        self.conn.executemany(
            "UPDATE hits SET last_seen = ?, gone_since = NULL WHERE query = ? AND pmid = ?",
            ((seen_at, q, p) for q, p, _, _ in rows),
        )
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
        return len(gone)

    def candidates(
        self, query: str, since: int | None = None, designs: Sequence[str] = ()
    ) -> list[Candidate]:
        sql = (
            "SELECT r.pmid, r.year, r.entrez_date, r.retracted, r.design, r.evidence_level, "
            "r.population FROM hits h JOIN records r ON r.pmid = h.pmid "
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


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _cache_error(path: Path, exc: sqlite3.DatabaseError) -> CacheError:
    text = str(exc)
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return CacheError(
            f"cache {path} is damaged or not a withdrawal-lit cache ({text}); left untouched",
            "run `withdrawal-lit cache check`, or point --db at another path",
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
        return CacheError(
            f"cache {path} is busy (another withdrawal-lit is writing)",
            "wait for it to finish and run again",
        )
    return CacheError(f"cache {path}: {text}", "run `withdrawal-lit cache check`")
