"""Search provenance: the history of every query run, term versions, and PRISMA identification.

A protocol, a guideline or a systematic review has to say exactly how its evidence was found:
which database, which exact term, on which date, with how many results. Everything here is
read from the cache's search log and hits (never from the network), so the answer holds for
every night the searches ran, including terms that were edited since.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from withdrawal_lit.errors import InputError, NotFound
from withdrawal_lit.pubmed_term import term_hash
from withdrawal_lit.queries import adhoc
from withdrawal_lit.query_files import ADHOC_PREFIX
from withdrawal_lit.records import Query
from withdrawal_lit.services.open_cache import open_if_exists, open_store
from withdrawal_lit.services.trial_prisma import register_prisma
from withdrawal_lit.store import LogEntry, QueryVersion, Store

DATABASE = "PubMed/MEDLINE"
PLATFORM = "NCBI E-utilities via withdrawal-lit"


@dataclass(frozen=True)
class HistoryRow:
    """A logged query run and which version of the query's term it sent."""

    entry: LogEntry
    term_version: int  # 1 for the query's first term, 2 after its first edit, ...

    def to_json(self) -> dict:
        data = asdict(self.entry)
        data["warnings"] = list(self.entry.warnings)
        data["term_version"] = self.term_version
        return data


def history(store: Store, names: Sequence[str] = (), limit: int | None = None) -> list[HistoryRow]:
    """Logged runs (of ``names``, or of every query), newest first, each with its term version."""
    entries = store.search_history(names, limit)
    numbers = version_numbers(store.query_versions(sorted({e.query for e in entries})))
    return [HistoryRow(e, numbers.get((e.query, e.term_hash), 1)) for e in entries]


def version_numbers(versions: Sequence[QueryVersion]) -> dict[tuple[str, str], int]:
    """(query, term hash) -> 1, 2, ... in the order each term was first used."""
    numbers: dict[tuple[str, str], int] = {}
    per_query: dict[str, int] = {}
    for v in sorted(versions, key=lambda v: (v.name, v.first_used, v.term_hash)):
        per_query[v.name] = per_query.get(v.name, 0) + 1
        numbers[(v.name, v.term_hash)] = per_query[v.name]
    return numbers


def check_names(store: Store, names: Sequence[str], known: Sequence[str]) -> None:
    """Refuse a name that is neither a predefined query nor in the search log."""
    logged = store.logged_queries()
    for name in names:
        if name not in logged and name not in known:
            close = difflib.get_close_matches(name, [*known, *logged], n=1, cutoff=0.5)
            suggestion = f"did you mean '{close[0]}'? " if close else ""
            raise InputError(
                f"unknown query '{name}'",
                f"{suggestion}`withdrawal-lit queries` lists the queries, `withdrawal-lit log` "
                "the searches run",
            )


# -- PRISMA 2020 ------------------------------------------------------------------------------
@dataclass(frozen=True)
class StrategyBlock:
    """One search as a review's appendix reports it."""

    number: int
    name: str
    title: str
    term: str  # as sent to NCBI at the last full search
    term_version: int
    term_versions: int
    searched_at: str  # last time the search was brought up to date (UTC)
    full_search_at: str  # last complete run of the term (UTC)
    results: int  # PMIDs the search returns as of searched_at
    count_at_full_search: int | None  # NCBI's Count at full_search_at
    translation: str | None
    warnings: tuple[str, ...]
    version: str | None
    term_changed: bool  # the query file's term differs from the term searched

    @property
    def date_searched(self) -> str:
        return self.searched_at[:10]

    def lines(self) -> list[str]:
        head = f"Search {self.number}: {self.name}"
        if self.title and self.title != self.name:
            head += f" ({self.title})"
        date = self.date_searched
        if self.full_search_at[:10] != date:
            date += f" (full search {self.full_search_at[:10]}, updated incrementally since)"
        out = [
            head,
            f"Database: {DATABASE}",
            f"Platform: {PLATFORM} {self.version or '(unknown version)'}",
            f"Date searched: {date}",
            f"Search term: {self.term}",
            f"Results: {self.results}",
        ]
        if self.count_at_full_search is not None and self.count_at_full_search != self.results:
            out.append(f"  (NCBI Count at the full search: {self.count_at_full_search})")
        out.append(f"Query translation: {self.translation or '(none returned)'}")
        out.extend(f"NCBI warning: {w}" for w in self.warnings)
        if self.term_versions > 1:
            out.append(f"Term version: {self.term_version} of {self.term_versions}")
        if self.term_changed:
            out.append(
                "Note: the query file's term has changed since this search; run "
                f"`withdrawal-lit search {self.name}` to search with it."
            )
        return out

    def to_json(self) -> dict:
        data = asdict(self)
        data["warnings"] = list(self.warnings)
        data["database"] = DATABASE
        data["platform"] = f"{PLATFORM} {self.version or ''}".strip()
        data["date_searched"] = self.date_searched
        return data


@dataclass(frozen=True)
class Identified:
    name: str
    title: str
    records: int
    last_searched: str


@dataclass
class Prisma:
    """The identification numbers of a PRISMA 2020 flow diagram, and the search strategy."""

    identified: list[Identified] = field(default_factory=list)
    total: int = 0
    duplicates: int = 0
    unique: int = 0
    retracted: int = 0  # among the unique records that are cached
    strategy: list[StrategyBlock] = field(default_factory=list)
    not_searched: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Plain text for pasting into a protocol or a review's appendix."""
        width = max((len(i.name) for i in self.identified), default=10) + 2
        last = max((i.last_searched for i in self.identified), default="")[:10]
        lines = [
            "PRISMA 2020 flow diagram: identification",
            "",
            f"Records identified from {DATABASE} ({len(self.identified)} searches, last "
            f"searched {last}): n = {self.total}",
        ]
        for i in self.identified:
            lines.append(f"  {i.name:<{width}} n = {i.records:<7} searched {i.last_searched[:10]}")
        lines += [
            "Records removed before screening:",
            f"  Duplicate records removed (found by more than one search): n = {self.duplicates}",
            f"Records after duplicates removed (to screen): n = {self.unique}",
            f"  of which flagged as retracted in PubMed (not removed): n = {self.retracted}",
            "",
            "Search strategy",
            "",
        ]
        for block in self.strategy:
            lines.extend(block.lines())
            lines.append("")
        if self.not_searched:
            lines.append(
                "Not searched yet (not counted): "
                + ", ".join(self.not_searched)
                + "; run `withdrawal-lit search` to include them."
            )
        return "\n".join(lines).rstrip() + "\n"

    def to_json(self) -> dict:
        return {
            "database": DATABASE,
            "identification": {
                "per_query": [asdict(i) for i in self.identified],
                "identified": self.total,
                "duplicates_removed": self.duplicates,
                "after_duplicates_removed": self.unique,
                "retracted_flagged": self.retracted,
            },
            "strategy": [b.to_json() for b in self.strategy],
            "not_searched": list(self.not_searched),
        }


def default_names(store: Store, predefined: Sequence[str]) -> tuple[list[str], list[str]]:
    """(predefined queries that have been searched, those that have not); ad-hoc ones left out."""
    logged = set(store.logged_queries())
    names = [n for n in predefined if not n.startswith(ADHOC_PREFIX)]
    return [n for n in names if n in logged], [n for n in names if n not in logged]


def resolve(store: Store, predefined: Mapping[str, Query], names: Sequence[str]) -> list[Query]:
    """The queries named: predefined ones as their files say, others rebuilt from the log.

    An ad-hoc search or a query whose file was removed is still part of the record; its term
    and title come from its last logged search, its ranking concepts from the term itself.
    """
    check_names(store, names, list(predefined))
    titles = store.query_titles()
    out = []
    for name in dict.fromkeys(names):
        if name in predefined:
            out.append(predefined[name])
            continue
        last = store.search_history([name], limit=1)[0]
        rebuilt = adhoc(last.term)
        out.append(
            Query(
                name=name,
                title=titles.get(name, rebuilt.title),
                question=rebuilt.question,
                term=last.term,
                concepts=rebuilt.concepts,
                roles=rebuilt.roles,
            )
        )
    return out


def prisma(
    store: Store,
    names: Sequence[str],
    current_hashes: Mapping[str, str] | None = None,
    not_searched: Sequence[str] = (),
) -> Prisma:
    """PRISMA identification numbers and strategy blocks for ``names`` (each must have run).

    ``current_hashes`` (query name -> term hash of the query file today) lets a block say when
    the file's term has changed since the search it reports.
    """
    if not names:
        raise NotFound(
            "no searches in the cache to report",
            "run `withdrawal-lit search` (online) first",
        )
    current_hashes = current_hashes or {}
    entries = store.search_history(names)
    versions = store.query_versions(names)
    numbers = version_numbers(versions)
    titles = store.query_titles()
    hits = store.hit_counts(names)
    out = Prisma(not_searched=list(not_searched))
    for number, name in enumerate(names, start=1):
        mine = [e for e in entries if e.query == name]
        if not mine:
            raise NotFound(
                f"query '{name}' has never been searched",
                f"run `withdrawal-lit search {name}` (online) first",
            )
        latest = mine[0]
        full = next((e for e in mine if e.mode == "full"), latest)
        same_term = [e for e in mine if e.term_hash == full.term_hash]
        searched_at = same_term[0].at
        out.identified.append(Identified(name, titles.get(name, name), hits[name], searched_at))
        out.strategy.append(
            StrategyBlock(
                number=number,
                name=name,
                title=titles.get(name, name),
                term=full.term,
                term_version=numbers.get((name, full.term_hash), 1),
                term_versions=sum(1 for v in versions if v.name == name),
                searched_at=searched_at,
                full_search_at=full.at,
                results=hits[name],
                count_at_full_search=full.count,
                translation=full.translation,
                warnings=full.warnings,
                version=full.version,
                term_changed=name in current_hashes and current_hashes[name] != full.term_hash,
            )
        )
    out.total = sum(hits.values())
    out.unique, out.retracted = store.distinct_hits(names)
    out.duplicates = out.total - out.unique
    return out


def query_states(settings, names: list[str]) -> dict:
    """What the cache holds for each named query (`queries list`): name -> QueryState, for
    those it has seen; empty when there is no cache yet (none is created)."""
    store = open_if_exists(settings)
    if store is None:
        return {}
    with store:
        states = {name: store.query_state(name) for name in names}
    return {name: state for name, state in states.items() if state is not None}


def log_history(settings, names: Sequence[str], known: Sequence[str], limit: int | None):
    """`log`: the logged runs of the named queries (all when none), newest first, and the
    terms behind their versions, from the existing cache."""
    with open_store(settings, existing=True) as store:
        check_names(store, names, known)
        rows = history(store, list(dict.fromkeys(names)), limit)
        versions = store.query_versions(sorted({r.entry.query for r in rows}))
    return rows, versions


def log_prisma(settings, predefined: Mapping[str, Query], names: Sequence[str]):
    """`log --prisma`: PRISMA data for the named queries, or for every predefined query
    searched so far; and the registers' numbers when trials are on (else None)."""
    with open_store(settings, existing=True) as store:
        if names:
            check_names(store, names, list(predefined))
            chosen, missing = list(dict.fromkeys(names)), []
        else:
            chosen, missing = default_names(store, list(predefined))
        hashes = {q.name: term_hash(q.term) for q in predefined.values()}
        result = prisma(store, chosen, hashes, missing)
        registers = None
        if settings.trials:
            wanted = [predefined[n] for n in dict.fromkeys(names) if n in predefined]
            registers = register_prisma(store, wanted or list(predefined.values()))
    return result, registers
