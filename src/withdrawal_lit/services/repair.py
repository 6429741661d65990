"""`cache check` and `cache rebuild`: say in plain words what is wrong with a cache, and mend it.

``check`` reads the file read-only and never changes it: SQLite's integrity check, the schema
version, what each table holds, hits whose record is missing, and whether the full-text index
and the columns ranking reads agree with each record's stored JSON (the source of truth).

``rebuild`` derives the full-text index and those columns again from the JSON, in place and in
one transaction. A file SQLite cannot fully read is never written to: what can still be read is
copied into a new cache that takes its name, and the damaged file is kept beside it as
``<name>.damaged-<time>``. A file that is not a withdrawal-lit cache, or was written by a newer
version, is left untouched.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from withdrawal_lit.errors import CacheError, NotFound, WithdrawalLitError
from withdrawal_lit.records import Article
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.store import SCHEMA_VERSION, SQLITE_HEADER, TABLE_KEYS, Derived, Store
from withdrawal_lit.store.connection import read_header
from withdrawal_lit.store.records import RECORD_COLUMNS, column_values, index_values

CHUNK = 500  # records read at a time
PROBES = 50  # records looked up through the full-text index itself
SHOWN = 5  # PMIDs named in a finding
SIDE_FILES = ("-wal", "-shm")  # SQLite's companions of a WAL database
SALVAGE_SUFFIX = ".salvage"
TABLES = ("records", "records_fts", "hits", "queries", "search_log", "runs")
REBUILD = "run `withdrawal-lit cache rebuild`"
SALVAGE = (
    "run `withdrawal-lit cache rebuild`: it copies what can still be read into a new cache and "
    "keeps this file as <name>.damaged-<time>"
)
REFETCH = "run `withdrawal-lit search --refresh` to fetch them again"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the cache, in plain words, and what to do about it."""

    serious: bool  # the cache is unusable or gives wrong answers until mended
    text: str
    fix: str


@dataclass
class CheckReport:
    path: Path
    size: int
    version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    salvage: bool = False  # SQLite cannot read all of it: rebuild copies out what it can
    refuse: str | None = None  # why rebuild must leave the file alone

    @property
    def damaged(self) -> bool:
        return any(f.serious for f in self.findings)

    def add(self, serious: bool, text: str, fix: str) -> None:
        self.findings.append(Finding(serious, text, fix))

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "size": self.size,
            "schema_version": self.version,
            "expected_schema_version": SCHEMA_VERSION,
            "counts": self.counts,
            "damaged": self.damaged,
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass
class RebuildReport:
    path: Path
    salvaged: bool  # False: rebuilt in place
    records: int  # records in the cache afterwards
    copied: dict[str, int] = field(default_factory=dict)  # salvage: rows copied per table
    unreadable: list[str] = field(default_factory=list)  # salvage: PMIDs left behind
    damaged_copy: Path | None = None  # salvage: where the damaged file now is


# -- check ------------------------------------------------------------------------------------
def check(path: Path) -> CheckReport:
    """Look the cache over without changing a byte of it."""
    path = Path(path)
    header = read_header(path)  # refuses a folder or an unreadable file
    if header is None:
        raise NotFound(
            f"no cache at {path}",
            "run `withdrawal-lit search` to create one, or point --db at your cache",
        )
    size = path.stat().st_size
    report = CheckReport(path, size)
    if size == 0:
        report.add(False, "the file is empty", "the next `withdrawal-lit search` fills it")
        return report
    if header != SQLITE_HEADER:
        report.refuse = "it is not an SQLite database"
        report.add(
            True,
            f"it is not an SQLite database (it begins {header[:12]!r}), so not a cache either",
            "point --db elsewhere, or move the file away: the next search starts a new cache",
        )
        return report
    try:
        store = Store.inspect(path)
    except WithdrawalLitError as exc:
        report.salvage = True
        report.add(True, f"SQLite cannot open it ({exc.message})", SALVAGE)
        return report
    with store:
        try:
            _check_store(store, report)
        except sqlite3.DatabaseError as exc:
            report.salvage = True
            report.add(True, f"reading it failed midway ({exc})", SALVAGE)
    return report


def _check_store(store: Store, report: CheckReport) -> None:
    report.version = store.schema_version()
    tables = store.table_names()
    if report.version == 0 and tables and not tables & set(TABLES):
        report.refuse = "it is another program's SQLite database"
        report.add(
            True,
            "it is an SQLite database of another program (none of the cache's tables)",
            "point --db at your withdrawal-lit cache instead",
        )
        return
    if report.version > SCHEMA_VERSION:
        report.refuse = f"it was written by a newer withdrawal-lit (schema {report.version})"
        report.add(
            True,
            f"it was written by a newer withdrawal-lit (schema {report.version}; this version "
            f"reads up to {SCHEMA_VERSION})",
            "upgrade withdrawal-lit (pip install -U withdrawal-lit), or use another --db",
        )
        return
    if report.version < SCHEMA_VERSION:
        report.add(
            False,
            f"its schema ({report.version}) is older than this version's ({SCHEMA_VERSION})",
            "the next search upgrades it",
        )
    try:
        problems = store.integrity_problems()
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        report.salvage = True
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        report.add(True, f"SQLite's integrity check failed: {problems[0]}{more}", SALVAGE)
    missing = [t for t in TABLES if t not in tables and t != "records_fts"]
    if missing:
        report.salvage = True
        report.add(True, f"tables are missing: {', '.join(missing)}", SALVAGE)
    for table in TABLES:
        if table not in tables:
            continue
        try:
            report.counts[table] = store.count_rows(table)
        except sqlite3.DatabaseError as exc:
            report.salvage = True
            report.add(True, f"the {table} table cannot be read ({exc})", SALVAGE)
    if report.salvage:
        return
    _check_records(store, report, indexed="records_fts" in tables)
    orphans = store.orphan_hits()
    if orphans:
        report.add(
            False,
            f"{len(orphans)} PMIDs found by a query have no cached record "
            f"({_some(orphans)}), so searches leave them out",
            REFETCH,
        )
    unfinished = store.unfinished_runs()
    if unfinished:
        report.add(
            False,
            f"{unfinished} run{'s' * (unfinished != 1)} never finished (interrupted); "
            "nothing they had not committed was kept",
            "nothing to do",
        )


def _check_records(store: Store, report: CheckReport, *, indexed: bool) -> None:
    """Compare every record's columns and full-text entry with what its JSON gives."""
    unreadable: list[str] = []
    columns_off = older_rules = not_indexed = outdated = unfindable = 0
    pmids = store.record_pmids()
    probe_every = max(1, len(pmids) // PROBES)
    for start in range(0, len(pmids), CHUNK):
        chunk = pmids[start : start + CHUNK]
        index = store.indexed_text(chunk) if indexed else {}
        for offset, row in enumerate(store.raw_records(chunk)):
            pmid = str(row["pmid"])
            article = _article(row["data"], pmid)
            if article is None:
                unreadable.append(pmid)
                continue
            derived = derive(article)
            expected = column_values(article, derived)
            if row["assessed_with"] != derived.assessed_with:
                older_rules += 1
                expected = {k: v for k, v in expected.items() if k in RECORD_COLUMNS}
            if any(row[name] != value for name, value in expected.items()):
                columns_off += 1
            text = index.get(pmid)
            if text is None:
                not_indexed += 1
            elif text != index_values(article):
                outdated += 1
            elif (start + offset) % probe_every == 0:
                word = re.search(r"[^\W_]{3,}", article.title)
                if word and not _finds(store, pmid, word.group(0)):
                    unfindable += 1
    if unreadable:
        report.salvage = True
        report.add(
            True,
            f"{len(unreadable)} records' stored JSON cannot be read ({_some(unreadable)})",
            SALVAGE + "; then " + REFETCH,
        )
    if columns_off:
        report.add(
            True,
            f"{columns_off} records' ranking columns (title, year, design...) disagree with "
            "the record itself",
            REBUILD,
        )
    extra = store.index_without_records() if indexed else 0
    parts = [
        (not_indexed, "records are missing from it"),
        (extra, "entries belong to records no longer cached"),
        (outdated, "entries hold outdated text"),
        (unfindable, "records cannot be found through it"),
    ]
    wrong = [f"{n} {what}" for n, what in parts if n]
    if not indexed:
        report.add(True, "the full-text index used for ranking is missing", REBUILD)
    elif wrong:
        report.add(
            True,
            f"the full-text index used for ranking is out of step: {', '.join(wrong)}",
            REBUILD,
        )
    if older_rules:
        report.add(
            False,
            f"{older_rules} records were classified by older study-design rules",
            "the next search (or `withdrawal-lit cache rebuild`) classifies them again",
        )


def _finds(store: Store, pmid: str, word: str) -> bool:
    """Does the full-text index find the record by a word of its title? Its own pages can be
    garbage while SQLite's integrity check passes: a search through it is the proof."""
    try:
        return store.index_finds(pmid, word)
    except sqlite3.DatabaseError:
        return False


def _article(data: str, pmid: str) -> Article | None:
    """The record in a row's JSON, or None when it cannot be read or names another PMID."""
    try:
        article = Article.from_dict(json.loads(data))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return article if article.pmid == pmid else None


def _some(pmids: Sequence[str]) -> str:
    shown = ", ".join(pmids[:SHOWN])
    return shown + (f" and {len(pmids) - SHOWN} more" if len(pmids) > SHOWN else "")


# -- rebuild ----------------------------------------------------------------------------------
def rebuild(path: Path) -> RebuildReport:
    """Mend the cache: in place when SQLite reads all of it, else by salvage into a new file."""
    path = Path(path)
    report = check(path)
    if report.refuse:
        raise CacheError(
            f"cache {path} was left untouched: {report.refuse}", report.findings[-1].fix
        )
    if report.size == 0:
        raise NotFound(f"cache {path} is empty: nothing to rebuild", "run `withdrawal-lit search`")
    if report.salvage:
        return _salvage(path)
    with Store.open(path) as store, store.transaction():
        count = store.rebuild_index(_derived(store))
    return RebuildReport(path, salvaged=False, records=count)


def _derived(store: Store, skipped: list[str] | None = None) -> Iterator[tuple[Article, Derived]]:
    """Every record of ``store`` with its derived values, read a chunk at a time (each chunk
    is read whole before its records are rewritten). Unreadable ones go to ``skipped``."""
    pmids = store.record_pmids()
    for start in range(0, len(pmids), CHUNK):
        for row in store.raw_records(pmids[start : start + CHUNK]):
            article = _article(row["data"], str(row["pmid"]))
            if article is not None:
                yield article, derive(article)
            elif skipped is not None:
                skipped.append(str(row["pmid"]))


def _salvage(path: Path) -> RebuildReport:
    target = path.with_name(path.name + SALVAGE_SUFFIX)
    for leftover in _family(target):  # an earlier salvage that did not finish: ours to replace
        leftover.unlink(missing_ok=True)
    copied: dict[str, int] = {}
    unreadable: list[str] = []
    try:
        with Store.inspect(path) as old, Store.open(target) as new:
            known = old.pmids_known_elsewhere()
            with new.transaction():
                rows = old.readable_rows("records", ((p,) for p in sorted(known)))
                copied["records"] = new.restore_rows("records", _parseable(rows, unreadable))
                for table in [t for t in TABLE_KEYS if t != "records"]:
                    copied[table] = new.restore_rows(table, old.readable_rows(table))
                count = new.rebuild_index(_derived(new))
            kept = {int(p) for p in new.record_pmids()}
    except BaseException:
        for leftover in _family(target):
            leftover.unlink(missing_ok=True)
        raise
    aside = _aside_name(path)
    _move(path, aside)
    _move(target, path)
    lost = sorted({str(p) for p in known if p not in kept} | set(unreadable), key=int)
    return RebuildReport(
        path, salvaged=True, records=count, copied=copied, unreadable=lost, damaged_copy=aside
    )


def _parseable(rows, unreadable: list[str]):
    for row in rows:
        if _article(row["data"], str(row["pmid"])) is None:
            unreadable.append(str(row["pmid"]))
        else:
            yield row


def _move(source: Path, destination: Path) -> None:
    """Rename a database with its companions, these first: a -wal must never sit beside a
    database it does not belong to."""
    for suffix in (*SIDE_FILES, ""):
        part = source.with_name(source.name + suffix)
        if part.exists():
            part.rename(destination.with_name(destination.name + suffix))


def _family(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", *SIDE_FILES)]


def _aside_name(path: Path) -> Path:
    """<name>.damaged-<local time>, numbered if that name is taken."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(p.exists() for p in _family(candidate)):
        number += 1
        candidate = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    return candidate
