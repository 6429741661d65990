"""`refresh`: bring the predefined queries up to date at the least cost to NCBI; `new`: what came.

How a night is spent
--------------------
Each query remembers the day (NCBI's) up to which its last refresh looked: its high-water mark
(``edat_high``/``mdat_high``). A refresh asks only for what changed since then, starting
``OVERLAP_DAYS`` earlier for records NCBI makes searchable a little after the date they carry:

1. One esearch for all the queries at once: their terms ORed, each under "entered (EDAT) or
   modified (MDAT) since its mark, less the overlap". Nothing found: the night is over, at the
   cost of that one request.
2. Each PMID found is new to the cache, or a cached copy that is out of date, or the copy the
   cache already holds. A cached copy whose own dates lie before the window is out of date (the
   record changed since). One whose dates lie inside it (a recent record, fetched by a recent
   refresh) is out of date only if PubMed modified it on or after the mark; one more esearch
   asks that ("modified since the mark"), only when there are such copies.
3. When there is something to fetch (or a query has yet to learn that it returns a record the
   cache holds), each query's own windowed esearch says which query returns which PMID; with
   a single query, step 1 already did. When every PMID found is cached (records modified, none
   entered), the cache's hits say which query returns which instead, and one esearch checks
   that no other query returns them now (``services.reattribute``).
4. The PMIDs to fetch, those shared by several queries once, are fetched in efetch batches:
   from a search's result set when they are (nearly) a run of it, by id when there are at most
   200, else after one epost (``fetchplan``).
5. Each query's records, hits, new mark and search-log entry are committed in one transaction,
   so a refresh killed at any moment leaves every query either brought up to date or as it was:
   the mark moves only with its records, and the next refresh resumes without gaps or duplicates.

A query never refreshed, or whose term changed since, runs in full (``sync_full``); so does
every query with ``full=True``, which also marks the records a query no longer returns (kept,
never deleted) and still fetches the cached records found out of date in steps 1-2.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from withdrawal_lit import __version__
from withdrawal_lit.errors import CacheError, NcbiError, NetworkError, WithdrawalLitError
from withdrawal_lit.fetchplan import history_for
from withdrawal_lit.records import Article, Query, SearchResult
from withdrawal_lit.services import reattribute
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.services.progress import NullProgress, Progress
from withdrawal_lit.services.refresh_plan import (
    SEARCH_ERRORS,
    QueryRefresh,
    RefreshOutcome,
    RefreshPlan,
    changes_term,
    dated_since,
    modified_term,
    plan,
)
from withdrawal_lit.services.runs import COMMAND
from withdrawal_lit.services.searched import log_searched, save_searched
from withdrawal_lit.services.sync import sync_full
from withdrawal_lit.store import CachedDates, Store, now_iso


# -- the refresh --------------------------------------------------------------------------------
def refresh(
    store: Store,
    client,
    queries: Sequence[Query],
    *,
    today: Callable[[], date],
    full: bool = False,
    batch_size: int | None = None,
    progress: Progress | None = None,
    on_query: Callable[[QueryRefresh], None] | None = None,
) -> RefreshOutcome:
    """Refresh ``queries`` (see the module docstring) and record the run in ``runs``.

    ``today`` gives NCBI's date, saved as each query's new mark (``NcbiClock.today``).
    ``on_query`` is told about each query as soon as it is saved or has failed. A failed query
    does not stop the others. The caller holds the refresh lock (``services.lock``).
    """
    store.close_stale_runs(COMMAND)
    plans = [plan(store, q, full=full) for q in queries]
    started_at = now_iso()
    run_id = store.start_run(COMMAND, [q.name for q in queries], __version__)
    outcome = RefreshOutcome(run_id=run_id, started_at=started_at)
    began = time.monotonic()
    night = _Night(
        store=store,
        client=client,
        today=today,
        batch_size=batch_size,
        progress=progress or NullProgress(),
        run_id=run_id,
        outcome=outcome,
        on_query=on_query,
    )
    try:
        night.run(plans)
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        error = exc.one_line() if isinstance(exc, WithdrawalLitError) else type(exc).__name__
        with contextlib.suppress(CacheError):
            _finish(store, client, outcome, began, status=status, error=error)
        raise
    _finish(store, client, outcome, began, status=outcome.status, error=outcome.error_text())
    return outcome


def _finish(
    store: Store,
    client,
    outcome: RefreshOutcome,
    began: float,
    *,
    status: str,
    error: str | None,
) -> None:
    stats = client.stats
    outcome.requests, outcome.retries = stats.requests, stats.retries
    outcome.network = stats.summary()
    outcome.seconds = time.monotonic() - began
    store.finish_run(
        outcome.run_id,
        status=status,
        requests=stats.requests,
        retries=stats.retries,
        new=outcome.new_records,
        revised=outcome.revised_records,
        error=error,
    )


@dataclass
class _Found:
    """What step 1-2 learnt: which PMIDs changed in the windows, and which cached are stale."""

    ids: list[str] = field(default_factory=list)  # every query together, in NCBI's order
    gate: SearchResult | None = None  # the search that found them (its history set)
    own: dict[str, SearchResult] = field(default_factory=dict)  # queries searched on their own
    cached: dict[str, CachedDates] = field(default_factory=dict)  # the ids the cache holds
    stale: set[str] = field(default_factory=set)  # cached copies that are out of date
    errors: dict[str, WithdrawalLitError] = field(default_factory=dict)


@dataclass
class _Night:
    store: Store
    client: object
    today: Callable[[], date]
    batch_size: int | None
    progress: Progress
    run_id: int
    outcome: RefreshOutcome
    on_query: Callable[[QueryRefresh], None] | None
    saved: set[str] = field(default_factory=set)  # PMIDs written in this run
    revised: set[str] = field(default_factory=set)  # PMIDs revised in the cache by this run

    def run(self, plans: Sequence[RefreshPlan]) -> None:
        known = [p for p in plans if p.mark is not None]
        found = self._find(known) if known else _Found()
        self._incremental([p for p in plans if p.mode == "incremental"], found)
        self._full([p for p in plans if p.mode == "full"], found)

    # -- steps 1 and 2 -----------------------------------------------------------------------
    def _find(self, known: Sequence[RefreshPlan]) -> _Found:
        found = _Found()
        if len(known) == 1:
            only = known[0]
            try:
                found.gate = found.own[only.name] = self._search(only.name, changes_term(known))
            except SEARCH_ERRORS as exc:
                found.errors[only.name] = exc
                return found
        else:
            try:
                found.gate = self._search("all queries", changes_term(known))
            except NetworkError as exc:
                found.errors = {p.name: exc for p in known}
                return found
            except NcbiError as exc:
                # One query's term can spoil the combined search: ask each on its own.
                self.progress.warn(f"{exc.one_line()}; searching each query on its own")
                for p in known:
                    try:
                        found.own[p.name] = self._search(p.name, changes_term([p]))
                    except SEARCH_ERRORS as own_exc:
                        found.errors[p.name] = own_exc
        results = [found.gate] if found.gate else list(found.own.values())
        found.ids = list(dict.fromkeys(pmid for result in results for pmid in result.ids))
        ok = [p for p in known if p.name not in found.errors]
        if not (ok and found.ids):
            return found
        found.cached = self.store.record_dates(found.ids)
        start = min(p.since for p in ok).isoformat()
        inside = [pmid for pmid, dates in found.cached.items() if dated_since(dates, start)]
        found.stale = set(found.cached).difference(inside)
        if inside:
            try:
                modified = self._search("modified since the last refresh", modified_term(ok))
                found.stale.update(set(inside).intersection(modified.ids))
            except SEARCH_ERRORS as exc:
                self.progress.warn(f"{exc.one_line()}; fetching the recent records again")
                found.stale.update(inside)
        return found

    def _search(self, label: str, term: str, webenv: str | None = None) -> SearchResult:
        self.progress.stage(f"esearch {label}")
        return self.client.search_all(term, webenv=webenv)

    # -- steps 3 to 5 -----------------------------------------------------------------------
    def _incremental(self, plans: Sequence[RefreshPlan], found: _Found) -> None:
        ok = [p for p in plans if not self._failed_early(p, found)]
        if not ok:
            return
        uncached = any(pmid not in found.cached for pmid in found.ids)
        if not (uncached or found.stale or self._unattributed(ok, found)):
            at, mark = now_iso(), self.today()
            for p in ok:
                own = found.own.get(p.name)
                # Nothing in any window: every query's Count is 0; else unknown unless asked.
                count = own.count if own else (None if found.ids else 0)
                self._commit(p, own, {}, at=at, mark=mark, count=count)
            return
        by_hits = {} if uncached or len(found.own) == len(ok) else self._by_hits(ok, found)
        searched: list[tuple[RefreshPlan, SearchResult]] = []
        webenv = found.gate.webenv if found.gate else None
        for p in ok:
            try:
                result = (
                    found.own.get(p.name)
                    or by_hits.get(p.name)
                    or self._search(p.name, changes_term([p]), webenv=webenv)
                )
            except SEARCH_ERRORS as exc:
                self._report(QueryRefresh(p.query, p.mode, p.reason, since=p.since, error=exc))
                continue
            searched.append((p, result))
        wanted = list(dict.fromkeys(pmid for _, result in searched for pmid in result.ids))
        cached = {**self.store.record_dates(set(wanted).difference(found.ids)), **found.cached}
        need = [pmid for pmid in wanted if pmid not in cached or pmid in found.stale]
        articles, error = self._fetch(need, [found.gate, *(result for _, result in searched)])
        at, mark = now_iso(), self.today()
        for p, result in searched:
            if error is not None and any(x in need and x not in articles for x in result.ids):
                self._report(QueryRefresh(p.query, p.mode, p.reason, since=p.since, error=error))
                continue
            count = None if p.name in by_hits else result.count  # NCBI's, when it was asked
            self._commit(p, result, articles, at=at, mark=mark, count=count)

    def _by_hits(self, ok: Sequence[RefreshPlan], found: _Found) -> dict[str, SearchResult]:
        """When every PMID found is cached: the queries whose results the cache's hits give,
        checked by one esearch (``services.reattribute``); the others are searched alone."""
        try:
            known = reattribute.attribute(
                self.store, ok, found.ids, found.cached, found.stale, self._search
            )
        except SEARCH_ERRORS as exc:
            self.progress.warn(f"{exc.one_line()}; searching each query on its own")
            return {}
        return {
            name: SearchResult(count=len(ids), ids=tuple(ids))
            for name, ids in known.ids.items()
            if name not in known.unsure
        }

    def _failed_early(self, p: RefreshPlan, found: _Found) -> bool:
        error = found.errors.get(p.name)
        if error is not None:
            self._report(QueryRefresh(p.query, p.mode, p.reason, since=p.since, error=error))
        return error is not None

    def _unattributed(self, ok: Sequence[RefreshPlan], found: _Found) -> bool:
        """Whether a cached, current record in the windows may be returned by a query that has
        not run since the record was cached (then that query's own search must say so)."""
        current = [pmid for pmid in found.cached if pmid not in found.stale]
        if not current:
            return False
        hits = self.store.hits_by_pmid(current)
        return any(
            p.state.last_success_at < found.cached[pmid].first_seen_at
            and p.name not in hits.get(pmid, ())
            for pmid in current
            for p in ok
        )

    def _fetch(
        self, need: list[str], candidates: list[SearchResult | None]
    ) -> tuple[dict[str, Article], WithdrawalLitError | None]:
        """The records of ``need``, each once; a failure ends the fetch with what arrived."""
        articles: dict[str, Article] = {}
        if not need:
            return articles, None
        history = history_for(candidates, need, batch=self.batch_size)
        self.progress.start(len(need), "efetch")
        try:
            for batch in self.client.fetch(need, history=history, batch_size=self.batch_size):
                articles.update((a.pmid, a) for a in batch)
                self.progress.advance(len(batch))
        except SEARCH_ERRORS as exc:
            return articles, exc
        return articles, None

    def _commit(
        self,
        p: RefreshPlan,
        result: SearchResult | None,
        articles: dict[str, Article],
        *,
        at: str,
        mark: date,
        count: int | None,
    ) -> None:
        """One query's records, hits, mark and log entry, in one transaction."""
        query, state = p.query, p.state
        ids = result.ids if result else ()
        item = QueryRefresh(
            query,
            p.mode,
            p.reason,
            since=p.since,
            count=count,
            warnings=(result.warnings + result.errors) if result else (),
        )
        with self.store.transaction():
            todo = [p for p in dict.fromkeys(ids) if p in articles and p not in self.saved]
            counts = self.store.upsert(((articles[p], derive(articles[p])) for p in todo), at)
            self.outcome.new_records += counts.new
            self.outcome.revised_records += counts.revised
            self.revised.update(counts.revised_pmids)
            self.saved.update(todo)
            item.new = self.store.record_hits(query.name, ids, at)
            item.revised = sum(1 for pmid in ids if pmid in self.revised)
            save_searched(
                self.store,
                query,
                at=at,
                count=state.last_count,
                translation=state.translation,
                mark=mark.isoformat(),
            )
            log_searched(
                self.store,
                query,
                run_id=self.run_id,
                at=at,
                mode="incremental",
                count=count,
                new=item.new,
                revised=item.revised,
                gone=0,
                translation=result.query_translation if result else None,
                warnings=item.warnings,
            )
        self._report(item)

    def _full(self, plans: Sequence[RefreshPlan], found: _Found) -> None:
        ok = [p for p in plans if not self._failed_early(p, found)]
        if not ok:
            return
        report = sync_full(
            self.store,
            self.client,
            [p.query for p in ok],
            run_id=self.run_id,
            batch_size=self.batch_size,
            progress=self.progress,
            refetch=found.stale.difference(self.saved),
            marks=lambda: self.today().isoformat(),
        )
        self.outcome.new_records += report.new_records
        self.outcome.revised_records += report.revised_records
        by_name = {p.name: p for p in ok}
        for item in report.queries:
            p = by_name[item.query.name]
            self._report(
                QueryRefresh(
                    p.query,
                    p.mode,
                    p.reason,
                    count=item.count,
                    new=item.new_hits,
                    revised=item.revised,
                    gone=item.gone,
                    warnings=item.warnings,
                    error=item.error,
                )
            )

    def _report(self, item: QueryRefresh) -> None:
        self.outcome.queries.append(item)
        if self.on_query:
            self.on_query(item)
