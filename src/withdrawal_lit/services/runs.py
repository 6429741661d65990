"""`runs`: the history of refreshes (and searches) that asked NCBI, each run's outcome; a run
still marked running that no process holds the lock for was interrupted."""

from __future__ import annotations

import time
from collections.abc import Callable

from withdrawal_lit.services.lock import is_locked
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.store import Store, now_iso

COMMAND = "refresh"  # as the runs table names a refresh


def run_history(settings, *, limit: int | None, every: bool = False) -> list[dict]:
    """The newest ``limit`` refreshes (every run that asked NCBI with ``every``), as rows."""
    with open_store(settings, readonly=True, existing=True) as store:
        records = store.list_runs(() if every else (COMMAND,), limit)
    busy = is_locked(settings.db_path)
    rows = []
    for run in records:
        status = run.status
        if status == "running" and run.command == COMMAND and not busy:
            status = "interrupted"  # killed: no process holds the refresh lock
        rows.append(
            {
                "id": run.id,
                "command": run.command,
                "started_at": run.started_at,
                "finished_at": run.finished_at,
                "seconds": run.seconds,
                "status": status,
                "queries": list(run.queries),
                "requests": run.requests,
                "retries": run.retries,
                "new": run.new,
                "revised": run.revised,
                "error": run.error,
                "version": run.version,
            }
        )
    return rows


def start_after_last_run(store: Store, sleep: Callable[[float], None] = time.sleep) -> None:
    """Wait, if need be, until the clock has left the second in which the last run ended.

    The cache stamps records and hits to the second, and what a run brought is told by those
    stamps (``whats_new`` since its ``started_at``); a run starting in the second another
    ended would list that one's records as its own."""
    last = store.list_runs((), 1)
    ended = last[0].finished_at if last else None
    while ended is not None and now_iso() <= ended:
        sleep(0.05)
