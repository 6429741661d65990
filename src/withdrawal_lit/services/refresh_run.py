"""`refresh` as a command: the lock, the log file, the cache opened for writing, the papers
then the registered trials, and what the run brought."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from withdrawal_lit.ctgov import CtgovClient
from withdrawal_lit.errors import CacheError, WithdrawalLitError
from withdrawal_lit.records import Query
from withdrawal_lit.services import refresh as service
from withdrawal_lit.services.lock import RefreshLock
from withdrawal_lit.services.ncbi_client import ncbi_client
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.runlog import RunLog
from withdrawal_lit.services.runs import start_after_last_run
from withdrawal_lit.services.trials import recent_changes, sync_trials
from withdrawal_lit.services.whats_new import whats_new


@dataclass
class RefreshRun:
    """What a refresh did (``outcome``: services.refresh.RefreshOutcome), what it brought
    (``groups``, ``changes``) and whether the registered trials were brought up to date."""

    outcome: object
    groups: list = field(default_factory=list)  # whats_new.NewGroup
    changes: list[dict] = field(default_factory=list)
    trials_ok: bool = True


def run_refresh(
    settings,
    queries: Sequence[Query],
    *,
    full: bool = False,
    log_file: Path | None = None,
    wait: bool = False,
    on_wait: Callable[[str], None] | None = None,
    on_query: Callable[[object], None] | None = None,
    on_trials: Callable[[object], None] | None = None,
    progress=None,
) -> tuple[RefreshRun, RunLog | None]:
    """Refresh ``queries`` under the refresh lock; every step goes to the log file (the
    run's ``RunLog``, returned for the summary line), failures and interruptions too.
    ``on_query``/``on_trials`` hear of each query's and each register sync's result."""
    path = log_file or settings.log_file
    log = RunLog(path, secrets=(settings.api_key,)) if path else None
    mode = "full" if full else "incremental"

    def logged(item) -> None:
        if log:
            log.write(("ERROR " if not item.ok else "") + item.describe())
        if on_query:
            on_query(item)

    try:
        with RefreshLock(settings.db_path, wait=wait, on_wait=on_wait):
            if log:
                log.write(
                    f"refresh started ({mode}): {len(queries)} queries "
                    f"({', '.join(q.name for q in queries)}); cache {settings.db_path}"
                )
            with open_store(settings) as store:
                if store.readonly:
                    raise CacheError(
                        f"cache {settings.db_path} is read-only, so it cannot be refreshed",
                        "make the file and its folder writable, or choose another --db",
                    )
                start_after_last_run(store)
                with ncbi_client(settings) as (client, clock):
                    outcome = service.refresh(
                        store,
                        client,
                        queries,
                        today=clock.today,
                        full=full,
                        batch_size=settings.batch_size,
                        progress=progress,
                        on_query=logged,
                    )
                # queries refreshed from a mark only: a first refresh lists nothing, its whole
                # result set being "new"
                listed = [
                    q.query
                    for q in outcome.queries
                    if q.ok and q.reason in ("incremental", "--full")
                ]
                run = RefreshRun(outcome, whats_new(store, listed, outcome.started_at))
                run.trials_ok = _sync_trials(
                    settings, store, queries, full=full, log=log, on=on_trials
                )
                run.changes = recent_changes(store, queries, outcome.started_at)
    except KeyboardInterrupt:
        if log:
            log.write("refresh interrupted; the queries saved so far are kept")
        raise
    except WithdrawalLitError as exc:
        if log:
            log.write(f"refresh failed: {exc.one_line()}")
        raise
    return run, log


def _sync_trials(settings, store, queries, *, full: bool, log, on) -> bool:
    """The trials of the chosen questions brought up to date; True if all went."""
    if not settings.trials or not any(q.registry_term for q in queries):
        return True
    with CtgovClient(settings) as client:
        outcome = sync_trials(store, client, queries, full=full)
    for sync in outcome.syncs:
        if log:
            log.write(("ERROR " if sync.error else "") + sync.describe())
    if log:
        log.write(outcome.network)
    if on:
        on(outcome)
    return not outcome.failed
