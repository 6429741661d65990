"""Bring queries up to date from PubMed: esearch each, fetch each missing PMID once, record hits.

The cost is the minimum the E-utilities allow: one esearch per query (sharing one WebEnv on the
history server), then the PMIDs no query has cached yet are fetched once, in efetch batches of up
to 10,000 sized from the responses (``fetchplan``): from a query's own result set when the
missing records are (nearly) a run of it, else by id when there are few, else after one epost of
exactly them. Records are stored while the next are read (``efetch``) and classified
(``classifier``: in a worker process when there are many). Everything a query learns
is committed in one transaction with its new state, so an interrupted run leaves the previous
cache whole.

`refresh` runs its full searches through ``sync_full`` too: it passes the cached PMIDs it knows
to be out of date (``refetch``) and the high-water mark to record with each query (``marks``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from withdrawal_lit.errors import NcbiError, NetworkError, WithdrawalLitError
from withdrawal_lit.fetchplan import history_for
from withdrawal_lit.pubmed_term import normalise_term
from withdrawal_lit.records import Query, SearchResult
from withdrawal_lit.services.classifier import classified, worker_for
from withdrawal_lit.services.progress import NullProgress, Progress
from withdrawal_lit.services.searched import log_searched, save_searched
from withdrawal_lit.store import Store, now_iso

SEARCHES_IN_FLIGHT = 3  # esearches sent together (each start still spaced by the rate limit)


@dataclass
class QuerySync:
    """The outcome of bringing one query up to date."""

    query: Query
    count: int | None = None
    new_hits: int = 0
    revised: int = 0  # records of this query's results revised in the cache by this run
    gone: int = 0
    fetched: int = 0
    translation: str | None = None
    warnings: tuple[str, ...] = ()
    error: WithdrawalLitError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class SyncReport:
    queries: list[QuerySync] = field(default_factory=list)
    new_records: int = 0
    revised_records: int = 0


def sync_full(
    store: Store,
    client,
    queries: Sequence[Query],
    *,
    run_id: int | None = None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    on_error: Callable[[QuerySync], None] | None = None,
    refetch: Collection[str] = (),
    marks: Callable[[], str] | None = None,
) -> SyncReport:
    """Run each query's complete search and fetch every PMID the cache lacks.

    A query whose esearch fails is reported (``QuerySync.error``) and the others go on. A fetch
    failure fails every query that needed the records being fetched; nothing of theirs is written.
    ``refetch``: cached PMIDs known to be out of date, fetched again when a query returns them.
    ``marks``: called once after the searches; its date (YYYY-MM-DD) is saved as each query's
    high-water mark (``edat_high``/``mdat_high``) in the same transaction as its results.
    """
    progress = progress or NullProgress()
    report = SyncReport()
    searched: list[tuple[QuerySync, SearchResult]] = []
    for query, result in zip(queries, search_each(client, queries, progress), strict=True):
        item = QuerySync(query)
        report.queries.append(item)
        if not isinstance(result, SearchResult):
            item.error = result
            if on_error:
                on_error(item)
            continue
        item.count = result.count
        item.translation = result.query_translation
        item.warnings = result.warnings + result.errors
        searched.append((item, result))

    wanted: list[str] = []
    for _, result in searched:
        wanted.extend(result.ids)
    missing = store.missing(wanted)
    stale = set(refetch).difference(missing)
    missing += [p for p in dict.fromkeys(wanted) if p in stale]
    missing_set = set(missing)
    history = history_for((result for _, result in searched), missing, batch=batch_size)
    mark = marks() if marks else None
    revised: set[str] = set()
    at = now_iso()
    try:
        with worker_for(len(missing)) as worker, store.transaction():
            if missing:
                progress.start(len(missing), "efetch")
                chunks = client.fetch(missing, history=history, batch_size=batch_size)
                for batch in classified(chunks, worker):
                    counts = store.upsert(batch, at)
                    report.new_records += counts.new
                    report.revised_records += counts.revised
                    revised.update(counts.revised_pmids)
                    progress.advance(len(batch))
            for item, result in searched:
                query = item.query
                item.new_hits = store.record_hits(query.name, result.ids, at)
                item.gone = store.mark_gone(query.name, result.ids, at)
                item.fetched = sum(1 for p in result.ids if p in missing_set)
                item.revised = sum(1 for p in result.ids if p in revised)
                save_searched(
                    store,
                    query,
                    at=at,
                    count=result.count,
                    translation=result.query_translation,
                    mark=mark,
                )
                log_searched(
                    store,
                    query,
                    run_id=run_id,
                    at=at,
                    mode="full",
                    count=result.count,
                    new=item.new_hits,
                    revised=item.revised,
                    gone=item.gone,
                    translation=result.query_translation,
                    warnings=item.warnings,
                )
    except (NetworkError, NcbiError) as exc:
        for item, _ in searched:
            item.error = exc
            if on_error:
                on_error(item)
        report.new_records = report.revised_records = 0
    return report


def search_each(
    client, queries: Sequence[Query], progress: Progress
) -> list[SearchResult | NetworkError | NcbiError]:
    """Each query's complete search, or the error that ended it, in the queries' order.

    The first is searched alone and its WebEnv shared by the others, which are sent up to
    ``SEARCHES_IN_FLIGHT`` at a time: NCBI limits how often requests start (the client spaces
    every start), not how many are answered at once, and a search waits mostly on NCBI.
    """

    def one(query: Query, webenv: str | None) -> SearchResult | NetworkError | NcbiError:
        try:
            return client.search_all(normalise_term(query.term), webenv=webenv)
        except (NetworkError, NcbiError) as exc:
            return exc

    if not queries:
        return []
    progress.stage(f"esearch {queries[0].name}")
    first = one(queries[0], None)
    webenv = first.webenv if isinstance(first, SearchResult) else None
    rest = list(queries[1:])
    if not rest:
        return [first]
    progress.stage(f"esearch {len(rest)} more queries")
    with ThreadPoolExecutor(max_workers=SEARCHES_IN_FLIGHT, thread_name_prefix="esearch") as pool:
        return [first, *pool.map(lambda query: one(query, webenv), rest)]
