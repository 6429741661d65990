"""A private scratch file for values computed during one command and read again later in it
(SQLite only): an on-disk temporary database that no other process sees, deleted when closed.
Memory stays flat however much is kept, and the cache itself is never written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

_CHUNK = 500  # keys per SELECT (under SQLite's limit on bound parameters)


class Scratch:
    """Values (bytes) by key, kept until ``close`` (``with contextlib.closing(Scratch())``)."""

    def __init__(self) -> None:
        # An empty file name: a private temporary database on disk, removed on close.
        self.conn = sqlite3.connect("")
        self.conn.execute("CREATE TABLE kept (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), _CHUNK):
            part = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(f"SELECT key, value FROM kept WHERE key IN ({marks})", part)
            found.update(rows)
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO kept (key, value) VALUES (?, ?)", items)

    def close(self) -> None:
        self.conn.close()
