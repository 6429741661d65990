"""Many rows per SQLite statement, for the write path of an ingest.

Python's sqlite3 lets other threads run while SQLite works, once per statement step and
again per reset: ``executemany`` over 500 rows hands the interpreter lock over a thousand
times, and while a search parses and classifies in other threads each handover can wait for
them. One ``INSERT ... VALUES (...), (...)`` of many rows, or one ``... WHERE pmid IN (...)``,
is one step: SQLite then writes and indexes the whole batch without asking for the lock.
The values are bound exactly as ``execute`` binds them, so the rows stored are the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

MAX_ROWS = 500  # rows per statement (fewer when SQLite's limit on variables is lower)


def _per_statement(conn: sqlite3.Connection, width: int) -> int:
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(MAX_ROWS, limit // width))


def _parts(conn: sqlite3.Connection, rows: Sequence[tuple], width: int) -> Iterator[Sequence]:
    size = _per_statement(conn, width)
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def insert_rows(conn: sqlite3.Connection, head: str, rows: Sequence[tuple]) -> None:
    """``head`` (``INSERT INTO t (a, b)``) with each row of ``rows`` (all of one width) as
    one ``VALUES`` entry, in order, in as few statements as SQLite's limits allow."""
    if not rows:
        return
    width = len(rows[0])
    one = "(" + ",".join("?" * width) + ")"
    for part in _parts(conn, rows, width):
        values = [value for row in part for value in row]
        conn.execute(f"{head} VALUES {','.join([one] * len(part))}", values)


def where_in(conn: sqlite3.Connection, sql: str, fixed: tuple, keys: Sequence) -> int:
    """``sql`` with its ``{keys}`` replaced by placeholders for ``keys`` (``pmid IN
    ({keys})``), run once per part after the ``fixed`` values; the rows it changed."""
    changed = 0
    for part in _parts(conn, [(key,) for key in keys], 1):
        marks = ",".join("?" * len(part))
        changed += conn.execute(
            sql.format(keys=marks), (*fixed, *(key for (key,) in part))
        ).rowcount
    return changed
