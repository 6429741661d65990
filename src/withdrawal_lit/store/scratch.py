"""A private scratch file for values computed during one command and read again later in it
(SQLite only): an on-disk temporary database that no other process sees, deleted when closed.
Memory stays flat however much is kept, and the cache itself is never written. What is kept
there can always be computed again: when the scratch file cannot be written (no writable
temporary folder, a full disk), nothing more is kept and nothing fails."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

_CHUNK = 500  # keys per SELECT (under SQLite's limit on bound parameters)


class Scratch:
    """Values (bytes) by key, kept until ``close`` (``with contextlib.closing(Scratch())``)."""

    def __init__(self) -> None:
        self.conn: sqlite3.Connection | None = None
        try:
            # An empty file name: a private temporary database on disk, removed on close.
            self.conn = sqlite3.connect("")
            self.conn.execute("CREATE TABLE kept (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        except sqlite3.Error:
            self.close()

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                if self.conn is None:
                    break
                part = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(part))
                sql = f"SELECT key, value FROM kept WHERE key IN ({marks})"
                found.update(self.conn.execute(sql, part))
        except sqlite3.Error:
            self.close()
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        if self.conn is None:
            return
        try:
            with self.conn:
                sql = "INSERT OR REPLACE INTO kept (key, value) VALUES (?, ?)"
                self.conn.executemany(sql, items)
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
