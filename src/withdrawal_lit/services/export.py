"""`export`: the cache's ranked lists written as CSV, RIS, BibTeX, MEDLINE or JSON Lines.

Export reads the cache only (never the network) and ranks exactly as `search` does, with the
same filters, so a file matches what `search --offline` shows. The whole list is never held:
one query is ranked at a time, when its turn comes, and in the default order its ranking is
read while it is written (``services.ranking.in_order``); records are loaded 500 at a time
(``load_items``) and each is written before the next chunk is read. A record found by several
queries is assessed once: what does not depend on the query is kept in a scratch file for
the length of the export (``record_views``).

A file is never half-written: the export goes to a temporary file in the same folder, which is
flushed, fsynced and renamed over the target (``os.replace``) only once complete. An export
that fails part-way leaves the old file exactly as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from withdrawal_lit import export as formats
from withdrawal_lit import trial_export
from withdrawal_lit.errors import NotFound, OutputError
from withdrawal_lit.paper import Paper
from withdrawal_lit.rank import Ranked
from withdrawal_lit.records import Query
from withdrawal_lit.services import ranking
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.record_views import RecordViews
from withdrawal_lit.services.search import Filters, load_items
from withdrawal_lit.services.trials import iter_views
from withdrawal_lit.store import Store
from withdrawal_lit.store.scratch import Scratch

FILL_HINT = "run `withdrawal-lit search` (online) to fill the cache first"


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "csv"
    filters: Filters = Filters(limit=None)
    abstract: bool = False  # CSV: add the abstract column (the other formats always carry it)
    excel: bool = False  # CSV: start with a byte-order mark for Excel
    dedupe: bool = False  # one record per PMID (always so for RIS, BibTeX and MEDLINE)


@dataclass(frozen=True)
class ExportResult:
    records: int
    queries: int


@dataclass(frozen=True)
class ExportSelection:
    """What to export: the queries, in order, each ranked only when its turn comes."""

    queries: tuple[Query, ...]
    filters: Filters
    this_year: int

    def rankings(self, store: Store) -> Iterator[tuple[Query, Iterator[Ranked]]]:
        for query in self.queries:
            yield query, ranking.in_order(store, query, self.filters, self.this_year)


def plan(
    store: Store, queries: Sequence[Query], filters: Filters, this_year: int | None = None
) -> ExportSelection:
    """Check there is something to export before anything is written: refuses an empty cache
    and queries none of which was ever searched or returns a cached record."""
    if store.count_records() == 0:
        raise NotFound(f"the cache {store.path} holds no records yet", FILL_HINT)
    if not any(_searched(store, query, filters) for query in queries):
        names = " ".join(q.name for q in queries)
        raise NotFound(
            "the cache holds no records for these queries",
            f"run `withdrawal-lit search {names}` (online) to fill it",
        )
    return ExportSelection(tuple(queries), filters, this_year or datetime.now(UTC).year)


def _searched(store: Store, query: Query, filters: Filters) -> bool:
    state = store.query_state(query.name, count_cached=False)
    if state is not None and state.last_success_at is not None:
        return True
    return bool(store.candidates(query.name, since=filters.since, designs=filters.designs))


def iter_items(store: Store, planned: ExportSelection, *, dedupe: bool = False) -> Iterator[Paper]:
    """Papers query by query in rank order; with ``dedupe`` each PMID once, at its first
    occurrence (keeping that rank), its ``query`` naming every query that found it."""
    if not dedupe:
        # A record found by several queries has a row for each: it is assessed once.
        with closing(Scratch()) as scratch:
            shared = RecordViews(scratch)
            for query, order in planned.rankings(store):
                yield from load_items(store, query, order, shared=shared)
        return
    # A record's one row names every query that found it, so every query's PMIDs are needed
    # before the first row: the queries are ranked twice rather than held all at once.
    found_by: dict[str, list[str]] = {}
    for query, order in planned.rankings(store):
        for r in order:
            found_by.setdefault(r.pmid, []).append(query.name)
    seen: set[str] = set()
    for query, order in planned.rankings(store):
        first = [r for r in order if r.pmid not in seen]
        seen.update(r.pmid for r in first)
        for paper in load_items(store, query, first):
            yield replace(paper, query=formats.QUERY_SEPARATOR.join(found_by[paper.pmid]))


def export(
    store: Store, queries: Sequence[Query], out: TextIO, options: ExportOptions
) -> ExportResult:
    """Write the queries' ranked records to ``out`` in ``options.fmt``."""
    return _write(store, plan(store, queries, options.filters), out, options)


def export_to_file(
    store: Store, queries: Sequence[Query], path: Path, options: ExportOptions
) -> ExportResult:
    """``export`` into ``path``, replacing it atomically. The path is checked before any work
    and nothing is written when the cache has nothing to export."""
    check_output(path)
    planned = plan(store, queries, options.filters)
    with atomic_output(path) as out:
        return _write(store, planned, out, options)


def _write(
    store: Store, planned: ExportSelection, out: TextIO, options: ExportOptions
) -> ExportResult:
    write = formats.writer(options.fmt, abstract=options.abstract, excel=options.excel)
    dedupe = options.dedupe or options.fmt in formats.REFERENCE_FORMATS
    items = iter_items(store, planned, dedupe=dedupe)
    return ExportResult(write(items, out), len(planned.queries))


# -- writing a file safely -------------------------------------------------------------------
def check_output(path: Path) -> None:
    """Refuse, before any work, an output path that cannot be written."""
    path = Path(path)
    parent = path.parent
    if path.is_dir():
        raise OutputError(
            f"output path {path} is a folder", f"give a file name, e.g. -o {path / 'export.csv'}"
        )
    if not parent.exists():
        raise OutputError(
            f"folder {parent} does not exist", "create it first, or choose another -o path"
        )
    if not parent.is_dir():
        raise OutputError(f"{parent} is not a folder", "choose another -o path")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write to folder {parent}: permission denied", "choose a writable -o path"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(
            f"output file {path} is read-only", "make it writable, or choose another -o path"
        )


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream that becomes ``path`` only when the block completes.

    The temporary file sits beside the target (same file system, so the rename is atomic),
    takes the old file's permissions (a new one gets the usual 0666 less the umask), and is
    removed on any failure, Ctrl-C included.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    except OSError as exc:
        raise _output_error(path, exc) from None
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise _output_error(path, exc) from None
    except BaseException:
        _discard(tmp)
        raise
    _sync_folder(path.parent)


def _discard(tmp: Path) -> None:
    with suppress(FileNotFoundError):
        tmp.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _output_error(path: Path, exc: OSError) -> OutputError:
    if exc.errno == errno.ENOSPC:
        return OutputError(
            f"disk full while writing {path}; any previous file was kept", "free some space"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            f"cannot write {path}: {exc.strerror.lower()}", "choose a writable -o path"
        )
    return OutputError(f"cannot write {path}: {exc.strerror or exc}", "choose another -o path")


def export_papers(
    settings, queries: Sequence[Query], options: ExportOptions, *, output=None, stdout=None
) -> ExportResult:
    """`export`: the ranked papers of ``queries`` from the existing cache, to ``output``
    (replaced atomically) or through ``stdout(write)``, which runs ``write`` on the stream."""
    with open_store(settings, readonly=True, existing=True) as store:
        if output is not None:
            return export_to_file(store, queries, output, options)
        return stdout(lambda out: export(store, queries, out, options))


def export_trials(
    settings, queries: Sequence[Query], *, fmt: str, output=None, excel: bool, stdout=None
) -> int:
    """`export --trials`: every cached trial of the questions, CSV or JSON Lines, to
    ``output`` (replaced atomically) or through ``stdout(write)``; how many were written."""
    with open_store(settings, readonly=True, existing=True) as store:
        views = iter_views(store, queries, today=date.today())
        if output is not None:
            with atomic_output(output) as out:
                return trial_export.write(fmt, views, out, excel=excel)
        return stdout(lambda out: trial_export.write(fmt, views, out, excel=excel))
