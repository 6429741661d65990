"""`new`: the papers each query gained or that were revised since a moment (the last
successful refresh, or N days ago), and the registered trials that changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from withdrawal_lit import summarize
from withdrawal_lit.design import assess
from withdrawal_lit.errors import NotFound
from withdrawal_lit.paper import Paper
from withdrawal_lit.records import Query
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.runs import COMMAND
from withdrawal_lit.services.trials import recent_changes
from withdrawal_lit.store import RunRecord, Store

DEFAULT_DAYS = 7  # `new` looks this far back unless told otherwise


@dataclass
class NewGroup:
    query: Query
    items: list[Paper]  # each with its change (new, revised) and when

    @property
    def new(self) -> int:
        return sum(1 for i in self.items if i.change == "new")

    @property
    def revised(self) -> int:
        return sum(1 for i in self.items if i.change == "revised")


def whats_new(store: Store, queries: Sequence[Query], since: str) -> list[NewGroup]:
    """Per query (in the order given, empty ones left out), the records it gained or that were
    revised at or after ``since`` (UTC, ISO 8601), newest first."""
    changes = store.changes_since(since, [q.name for q in queries])
    articles = store.get_many(list(dict.fromkeys(c.pmid for c in changes)))
    groups = []
    for query in queries:
        items = [
            Paper(
                article=articles[c.pmid],
                assessment=assess(articles[c.pmid]),
                summary=summarize.bottom_line(articles[c.pmid], query.concepts),
                query=c.query,
                change=c.kind,
                at=c.at,
            )
            for c in changes
            if c.query == query.name
        ]
        if items:
            groups.append(NewGroup(query, items))
    return groups


def days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def last_successful_run(store: Store) -> RunRecord:
    run = store.last_run(COMMAND, "ok")
    if run is None:
        raise NotFound(
            "no refresh has completed successfully yet",
            "run `withdrawal-lit refresh`, or use --days",
        )
    return run


@dataclass
class News:
    """What `new` shows: the papers by query, the trials' changes, and since when (``run``:
    the refresh it counts from, with --since-last-run)."""

    groups: list[NewGroup]
    since: str
    changes: list[dict] = field(default_factory=list)
    run: RunRecord | None = None


def news(
    settings, queries: Sequence[Query], *, days: int | None = None, since_last_run: bool = False
) -> News:
    """`new`: from the existing cache, what came since the last successful refresh
    (``since_last_run``) or in the last ``days`` (DEFAULT_DAYS when not given)."""
    with open_store(settings, readonly=True, existing=True) as store:
        run = last_successful_run(store) if since_last_run else None
        since = run.started_at if run else days_ago(days or DEFAULT_DAYS)
        found = News(whats_new(store, queries, since), since, run=run)
        if settings.trials:
            found.changes = recent_changes(store, queries, since)
    return found
