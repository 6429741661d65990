"""How each query will be refreshed and why (its window, from its high-water mark), the dated
search terms that ask NCBI what changed in the windows, and what a refresh did."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from withdrawal_lit.errors import NcbiError, NetworkError, WithdrawalLitError
from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.records import Query
from withdrawal_lit.store import CachedDates, QueryState, Store

OVERLAP_DAYS = 3  # each window starts this many days before the mark, for late-indexed records
OPEN_END = "3000"  # PubMed's own open end for a date range

EXIT_OK = 0  # every query refreshed
EXIT_PARTIAL = 1  # some queries failed; the others were saved
EXIT_NOTHING = 2  # no query could be refreshed

SEARCH_ERRORS = (NetworkError, NcbiError)


# -- plans and outcomes -----------------------------------------------------------------------
@dataclass(frozen=True)
class RefreshPlan:
    """How one query will be refreshed, and why."""

    query: Query
    state: QueryState | None
    mode: str  # "incremental" or "full"
    reason: str  # "incremental", "first refresh", "term changed" or "--full"
    mark: date | None  # NCBI's day at the query's last refresh (None: never refreshed)

    @property
    def name(self) -> str:
        return self.query.name

    @property
    def since(self) -> date | None:
        """First day of the window this refresh searches (the mark less the overlap)."""
        return self.mark - timedelta(days=OVERLAP_DAYS) if self.mark else None


def plan(store: Store, query: Query, *, full: bool = False) -> RefreshPlan:
    state = store.query_state(query.name)
    mark = _mark(state)
    if state is not None and state.term_hash != term_hash(query.term):
        reason, mark = "term changed", None
    elif mark is None:
        reason = "first refresh"
    else:
        reason = "--full" if full else "incremental"
    mode = "incremental" if reason == "incremental" else "full"
    return RefreshPlan(query=query, state=state, mode=mode, reason=reason, mark=mark)


def _mark(state: QueryState | None) -> date | None:
    if state is None or state.last_success_at is None:
        return None
    marks = [m for m in (state.edat_high, state.mdat_high) if m]
    return date.fromisoformat(min(marks)) if marks else None


@dataclass
class QueryRefresh:
    """What one query's refresh did."""

    query: Query
    mode: str
    reason: str
    since: date | None = None  # incremental: first day searched
    count: int | None = None  # NCBI's Count: changes in the window, or all results when full
    new: int = 0  # PMIDs new to the query's results
    revised: int = 0  # of its records, revised in the cache
    gone: int = 0  # no longer returned (full runs only)
    warnings: tuple[str, ...] = ()
    error: WithdrawalLitError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe(self) -> str:
        """One line for the terminal and the log file."""
        name = self.query.name
        if self.error is not None:
            return f"{name}: failed: {self.error.one_line()}"
        if self.mode == "incremental":
            return f"{name}: incremental since {self.since}: {self.new} new, {self.revised} revised"
        return (
            f"{name}: full ({self.reason}): {self.count} results, {self.new} new, "
            f"{self.revised} revised, {self.gone} no longer returned"
        )


@dataclass
class RefreshOutcome:
    run_id: int
    started_at: str  # UTC, ISO 8601; what the run brought has this timestamp or a later one
    queries: list[QueryRefresh] = field(default_factory=list)
    new_records: int = 0
    revised_records: int = 0
    requests: int = 0
    retries: int = 0
    network: str = ""  # the client's request summary
    seconds: float = 0.0

    @property
    def failed(self) -> list[QueryRefresh]:
        return [q for q in self.queries if not q.ok]

    @property
    def status(self) -> str:
        if not self.failed:
            return "ok"
        return "failed" if len(self.failed) == len(self.queries) else "partial"

    @property
    def exit_code(self) -> int:
        return {"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_NOTHING}[self.status]

    def error_text(self) -> str | None:
        return "; ".join(f"{q.query.name}: {q.error.one_line()}" for q in self.failed) or None


# -- search terms -----------------------------------------------------------------------------
def changes_term(plans: Sequence[RefreshPlan]) -> str:
    """The queries' terms ORed, each under "entered or modified since its window start"."""
    return _dated_terms(plans, lambda p: p.since, ("EDAT", "MDAT"))


def modified_term(plans: Sequence[RefreshPlan]) -> str:
    """The queries' terms ORed, each under "modified on or after its mark"."""
    return _dated_terms(plans, lambda p: p.mark, ("MDAT",))


def _dated_terms(
    plans: Sequence[RefreshPlan], start: Callable[[RefreshPlan], date], tags: Sequence[str]
) -> str:
    """((T1) OR (T2)) AND (("2026/11/20"[EDAT] : "3000"[EDAT]) OR ...), one such group per
    distinct start date, ORed. PubMed reads operators left to right, hence every parenthesis."""
    groups: dict[date, list[str]] = {}
    for p in plans:
        groups.setdefault(start(p), []).append(normalise_term(p.query.term))
    parts = []
    for day, terms in sorted(groups.items()):
        ranges = " OR ".join(f'("{day:%Y/%m/%d}"[{tag}] : "{OPEN_END}"[{tag}])' for tag in tags)
        ored = " OR ".join(f"({term})" for term in terms)
        parts.append(f"{ored if len(terms) == 1 else f'({ored})'} AND ({ranges})")
    return parts[0] if len(parts) == 1 else " OR ".join(f"({part})" for part in parts)


def dated_since(dates: CachedDates, start: str) -> bool:
    """Whether the cached copy's own dates fall in a window starting ``start``: then its being
    found there does not by itself say that PubMed changed it."""
    return any(d is not None and d >= start for d in (dates.entrez_date, dates.revised_date))
