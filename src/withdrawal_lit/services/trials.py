"""Registered trials per question: bring them up to date from ClinicalTrials.gov, read them back.

A question's first sync (or the first after its ``registry_term`` changed) asks for every
matching study, 1,000 a page; later ones ask only for studies whose last update was posted on
or after the latest such date seen so far (``filter.advanced=AREA[LastUpdatePostDate]RANGE``),
so a night with no change costs one request per question. Each page is saved in its own
transaction as soon as it arrives (one page in memory at a time); the high-water mark moves
only when the whole search is saved, so an interrupted sync is simply run again.

An unreachable register stops the trials part only: the caller shows the papers and says why
the trials are missing (``TrialsOutcome.missing``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from withdrawal_lit.errors import NetworkError, NotFound, RegisterError, WithdrawalLitError
from withdrawal_lit.pubmed_term import term_hash
from withdrawal_lit.records import Query
from withdrawal_lit.store import Store, TrialChange, TrialSyncState, now_iso
from withdrawal_lit.trial_view import TrialLink, TrialView
from withdrawal_lit.trials import StudyFormatError, parse_study

OFFLINE = "not searched: --offline, and the cache holds no trials for this question yet"


@dataclass
class TrialSync:
    """What one question's sync did."""

    query: Query
    mode: str  # full or incremental
    reason: str  # first sync, term changed, --full, incremental
    since: str | None = None
    count: int | None = None  # the register's total (full) or changed studies (incremental)
    requests: int = 0
    changes: list[TrialChange] = field(default_factory=list)
    skipped: int = 0  # studies without a usable NCT id
    error: WithdrawalLitError | None = None

    @property
    def new(self) -> int:
        return sum(1 for c in self.changes if c.kind == "new")

    def describe(self) -> str:
        name = self.query.name
        if self.error is not None:
            return f"{name}: trials not updated: {self.error.one_line()}"
        changed = len({c.nct_id for c in self.changes if c.kind != "new"})
        head = (
            f"incremental since {self.since}"
            if self.mode == "incremental"
            else f"full ({self.reason}): {self.count} registered"
        )
        return f"{name}: trials {head}: {self.new} new, {changed} changed ({self.requests} req.)"


@dataclass
class TrialsOutcome:
    syncs: list[TrialSync] = field(default_factory=list)
    network: str = ""

    @property
    def failed(self) -> list[TrialSync]:
        return [s for s in self.syncs if s.error is not None]

    @property
    def changes(self) -> list[TrialChange]:
        return [c for s in self.syncs for c in s.changes]

    def missing(self) -> dict[str, str]:
        """Question -> why its trials could not be brought up to date."""
        return {s.query.name: s.error.one_line() for s in self.failed}


def plan(state: TrialSyncState | None, query: Query, *, full: bool) -> tuple[str, str]:
    if state is None or state.last_success_at is None:
        return "full", "first sync"
    if state.term_hash != term_hash(query.registry_term or ""):
        return "full", "term changed"
    if full or not state.update_high:
        return "full", "--full" if full else "no last-update date yet"
    return "incremental", "incremental"


def needs_sync(store: Store, query: Query, *, max_age_hours: float) -> bool:
    """Whether `search` should ask the register (never synced, term changed, or stale)."""
    if not query.registry_term:
        return False
    state = store.trial_sync_state(query.name)
    mode, reason = plan(state, query, full=False)
    if mode == "full":
        return True
    last = datetime.strptime(state.last_success_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return datetime.now(UTC) - last >= timedelta(hours=max_age_hours)


def sync_trials(
    store: Store, client, queries: Sequence[Query], *, full: bool = False, progress=None
) -> TrialsOutcome:
    """Bring the trials of ``queries`` (those with a registry_term) up to date."""
    outcome = TrialsOutcome()
    down: NetworkError | None = None
    for query in queries:
        if not query.registry_term:
            continue
        state = store.trial_sync_state(query.name)
        mode, reason = plan(state, query, full=full)
        sync = TrialSync(query, mode, reason)
        sync.since = state.update_high if mode == "incremental" else None
        outcome.syncs.append(sync)
        if down is not None:  # the register is unreachable: do not try every question
            sync.error = down
            continue
        if progress is not None:
            progress.stage(f"ClinicalTrials.gov {query.name}")
        before = client.stats.requests
        try:
            _sync_one(store, client, sync, state)
        except NetworkError as exc:
            sync.error = down = exc
        except (RegisterError, NotFound) as exc:
            sync.error = exc
        sync.requests = client.stats.requests - before
    outcome.network = client.stats.summary()
    return outcome


def _sync_one(store: Store, client, sync: TrialSync, state: TrialSyncState | None) -> None:
    query = sync.query
    term = query.registry_term or ""
    at = now_iso()
    high = sync.since
    first = True
    for page in client.search(term, updated_since=sync.since):
        if first:
            sync.count = page.total
        items = []
        for raw in page.studies:
            try:
                trial = parse_study(raw)
            except StudyFormatError:
                sync.skipped += 1
                continue
            items.append((trial, json.dumps(raw, ensure_ascii=False, separators=(",", ":"))))
            if trial.last_update_posted and (high is None or trial.last_update_posted > high):
                high = trial.last_update_posted
        with store.transaction():
            if first and sync.mode == "full" and state is not None:
                store.forget_trial_hits(query.name)
            # A first search's trials are all "new": not listed by `new` (as for papers).
            record = sync.reason not in ("first sync", "term changed")
            sync.changes.extend(store.save_trials(query.name, items, at, record=record))
        first = False
    if high is None:
        # Nothing registered yet: later studies are posted on or after the day before this
        # one (a day's margin for the register's clock, US Eastern, behind UTC).
        high = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    with store.transaction():
        found = store.trial_facets(query.name)[0]
        count = sync.count if sync.mode == "full" and sync.count is not None else found
        store.save_trial_sync(query.name, term, term_hash(term), count, high, at)


# -- reading ------------------------------------------------------------------------------------
@dataclass
class QuestionTrials:
    """A question's trials as every output shows them, or why there are none to show.

    ``views`` holds the first trials (``limit``, newest start first); the counts and the
    unreported trials cover every trial the question found, read from indexed columns.
    """

    query: Query
    views: list[TrialView]
    state: TrialSyncState | None
    missing: str | None = None  # why the trials are missing or not up to date
    total: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_phase: Counter = field(default_factory=Counter)
    by_year: Counter = field(default_factory=Counter)  # (start year or None, status) -> n
    unreported: list[TrialView] = field(default_factory=list)

    @property
    def more(self) -> int:
        """Trials found but not in ``views``."""
        return self.total - len(self.views)

    def summary(self) -> dict:
        """Counts by status and by phase, and the unreported trials with their reasons."""
        return {
            "query": self.query.name,
            "registered": self.total,
            "updated": self.state.last_success_at if self.state else None,
            "missing": self.missing,
            "by_status": [[k, n] for k, n in self.by_status.most_common()],
            "by_phase": [
                [k or "none (observational)", n] for k, n in sorted(self.by_phase.items())
            ],
            "unreported": [
                {"nct_id": v.trial.nct_id, "title": v.trial.brief_title, "reason": v.verdict.reason}
                for v in self.unreported
            ],
        }


def view(store: Store, stored, *, today: date) -> TrialView:
    trial = stored.trial
    links = [TrialLink(p, s, c) for p, s, c in store.links_of_trial(trial.nct_id)]
    return TrialView.build(
        trial,
        links,
        store.trial_queries(trial.nct_id),
        today=today,
        first_seen=stored.first_seen_at,
    )


def question_trials(
    store: Store,
    queries: Sequence[Query],
    *,
    today: date,
    missing: dict[str, str] | None = None,
    limit: int | None = None,
) -> list[QuestionTrials]:
    """Each question with a registry_term: its first ``limit`` cached trials, the counts and
    the unreported trials over all of them, and why they are missing (if they are)."""
    missing = missing or {}
    out = []
    for query in queries:
        if not query.registry_term:
            continue
        state = store.trial_sync_state(query.name)
        views = [view(store, s, today=today) for s in store.trials_for(query.name, limit)]
        reason = missing.get(query.name)
        if reason is None and state is None:
            reason = "not searched yet: run `withdrawal-lit refresh` (online)"
        total, by_status, by_phase, by_year = store.trial_facets(query.name)
        candidates = (view(store, s, today=today) for s in store.ended_without_results(query.name))
        unreported = [v for v in candidates if v.unreported]
        out.append(
            QuestionTrials(
                query, views, state, reason, total, by_status, by_phase, by_year, unreported
            )
        )
    return out


def trial_by_id(store: Store, nct_id: str, *, today: date) -> TrialView | None:
    stored = store.trial(nct_id)
    return view(store, stored, today=today) if stored else None


def fetch_trial(store: Store, client, nct_id: str, *, today: date) -> TrialView:
    """One study from the register (``GET studies/{nctId}``), saved, as its view."""
    raw = client.study(nct_id)
    trial = parse_study(raw)
    if not store.readonly:
        with store.transaction():
            store.save_trials(None, [(trial, json.dumps(raw, ensure_ascii=False))], now_iso())
        return trial_by_id(store, trial.nct_id, today=today)
    return TrialView.build(trial, [], today=today)


def paper_registrations(store: Store, pmid: str) -> list[dict]:
    """The trials a paper is linked to, each once, with how and (when cached) what it is."""
    found: dict[str, dict] = {}
    for nct, source, cached in store.links_of_paper(pmid):
        entry = found.setdefault(nct, {"nct_id": nct, "sources": [], "status": None, "title": None})
        entry["sources"].append(source)
        if cached and entry["title"] is None:
            trial = store.trial(nct).trial
            entry.update(status=trial.status, title=trial.brief_title)
    return list(found.values())


def recent_changes(store: Store, queries: Sequence[Query], since: str) -> list[dict]:
    """New trials and changes (status, results posted) since ``since``, each trial and kind
    once per question, with the trial's title as cached now."""
    names = [q.name for q in queries if q.registry_term]
    seen: set[tuple] = set()
    out = []
    for change in store.trial_changes_since(since, names):
        if change.kind == "updated":
            continue
        key = (change.query, change.nct_id, change.kind, change.new)
        if key in seen:
            continue
        seen.add(key)
        stored = store.trial(change.nct_id)
        out.append(
            {
                "record": "trial-change",
                "query": change.query,
                "nct_id": change.nct_id,
                "change": change.kind,
                "old": change.old,
                "new": change.new,
                "at": change.at,
                "description": change.describe(),
                "title": stored.trial.brief_title if stored else None,
                "status": stored.trial.status if stored else None,
            }
        )
    return out


def iter_views(store: Store, queries: Sequence[Query], *, today: date):
    """Every cached trial of these questions, each once, one at a time (for exports)."""
    names = [q.name for q in queries if q.registry_term]
    for stored in store.iter_trials(names):
        yield view(store, stored, today=today)


def search_sections(
    settings, store, queries, *, offline: bool, refresh: bool = False, progress=None, limit=None
):
    """(sections, request summary or None) for the questions with a registry_term; each shows
    its first ``limit`` trials (newest start first) and counts them all."""
    wanted = [q for q in queries if q.registry_term]
    if not wanted:
        return [], None
    missing: dict[str, str] = {}
    summary = None
    if offline:
        missing = {q.name: OFFLINE for q in wanted if store.trial_sync_state(q.name) is None}
    else:
        stale = [
            q
            for q in wanted
            if refresh or needs_sync(store, q, max_age_hours=settings.max_age_hours)
        ]
        if stale and not store.readonly:
            from withdrawal_lit.ctgov import CtgovClient

            with CtgovClient(settings) as client:
                outcome = sync_trials(store, client, stale, progress=progress)
            missing = outcome.missing()
            summary = outcome.network
    sections = question_trials(store, wanted, today=date.today(), missing=missing, limit=limit)
    return sections, summary
