"""`runs`: the history of refreshes (and searches) that asked NCBI, each run's outcome; a run
still marked running that no process holds the lock for was interrupted."""

from __future__ import annotations

from withdrawal_lit.services.lock import is_locked
from withdrawal_lit.services.open_cache import open_store

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
