"""The connection to the cache file: opening, migrating, transactions and the change counter.

One file (WAL mode), schema versioned by ``PRAGMA user_version`` and upgraded by the list of
migrations in ``schema``, each applied once and recorded with a timestamp. Every write happens
inside ``Database.transaction()``: an interrupted run leaves the previous cache whole. A cache
written by a newer version of the tool is refused, never overwritten.

``Database`` is what every part of the store receives (records, hits, features, runs,
provenance, refresh, trials, maintenance); the parts use it and never each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from withdrawal_lit.errors import Busy, CacheError, NoCache, WithdrawalLitError
from withdrawal_lit.store import schema
from withdrawal_lit.store.schema import SQLITE_HEADER


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read_header(path: Path) -> bytes | None:
    """The first bytes of the cache file (as many as an SQLite header), None when there is no
    file; a folder or an unreadable file is refused with a one-line error."""
    if path.is_dir():
        raise CacheError(f"cache path {path} is a folder", "point --db at a file")
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except PermissionError:
        raise CacheError(
            f"cannot read cache {path}: permission denied", "fix its permissions or use --db"
        ) from None


def check_file(path: Path) -> None:
    """Refuse a path that exists but is not an SQLite database (never overwrite it)."""
    header = read_header(path)
    if header and header != SQLITE_HEADER:
        raise CacheError(
            f"{path} is not a withdrawal-lit cache (not an SQLite file); it was left untouched",
            "point --db / WITHDRAWAL_LIT_DB at another path, or move that file away "
            "(`withdrawal-lit cache check` explains)",
        )


def connect_readonly(path: Path, *, tolerant: bool = False) -> sqlite3.Connection:
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


class Database:
    """An open cache file. Open with ``Database.open(path)`` (or ``inspect`` to look into a
    cache that may be damaged); use as a context manager to close it."""

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
            raise NoCache(path)
        if not readonly:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CacheError(
                    f"cannot create cache folder {path.parent}: {exc.strerror}",
                    "choose a writable place with --db or WITHDRAWAL_LIT_DB",
                ) from None
        try:
            conn = connect_readonly(path) if readonly else sqlite3.connect(path, timeout=30)
            conn.isolation_level = None  # transactions are explicit: Database.transaction()
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 30000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            # Version 0 with tables: another program's database. Ours get their tables and
            # their version in one transaction, so never look like that.
            foreign = (
                version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            )
        except sqlite3.DatabaseError as exc:
            raise cache_error(path, exc) from None
        db = cls(conn, path, readonly)
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
            db._migrate(version)
        elif not readonly:
            db._pragma("PRAGMA journal_mode = WAL")
        return db

    @classmethod
    def inspect(cls, path: Path) -> Self:
        """Open read-only for `cache check` and salvage: no version check, no migration, and
        tables are readable one by one even when others are damaged."""
        path = Path(path)
        try:
            conn = connect_readonly(path, tolerant=True)
        except sqlite3.DatabaseError as exc:
            raise cache_error(path, exc) from None
        conn.isolation_level = None
        conn.row_factory = sqlite3.Row
        return cls(conn, path, readonly=True)

    def _pragma(self, sql: str) -> None:
        try:
            self.conn.execute(sql)
        except sqlite3.OperationalError as exc:
            raise cache_error(self.path, exc) from None

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
            raise cache_error(self.path, exc) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
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
            raise cache_error(self.path, exc) from None
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.commit()
        except sqlite3.DatabaseError as exc:
            self.conn.rollback()
            raise cache_error(self.path, exc) from None

    def changed(self) -> None:
        """Count a change to records or hits (what the ranking features are computed from).
        Every part that writes either calls it, in the same transaction."""
        self.conn.execute("UPDATE cache_generation SET n = n + 1")

    def generation(self) -> int:
        """Changes so far to anything the ranking features depend on (records, hits)."""
        return self.conn.execute("SELECT n FROM cache_generation").fetchone()[0]


class Part:
    """A part of the store: the tables it owns, read and written through the ``Database``."""

    def __init__(self, db: Database):
        self.db = db
        self.conn = db.conn


_DAMAGE_SIGNS = (
    "not a database",
    "malformed",
    "file is encrypted",
    "vtable constructor failed",
    "no such table",
    "no such column",
)


def cache_error(path: Path, exc: sqlite3.DatabaseError) -> WithdrawalLitError:
    """The one-line error for an SQLite failure on the cache at ``path``."""
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
