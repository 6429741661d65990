"""`search`: update the chosen queries when needed, then rank and summarise from the cache."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice

from withdrawal_lit import __version__, rank, relations, summarize
from withdrawal_lit.design import assess
from withdrawal_lit.errors import CacheError, NetworkError, NotFound, WithdrawalLitError
from withdrawal_lit.paper import Paper
from withdrawal_lit.pubmed_term import term_hash
from withdrawal_lit.records import Query
from withdrawal_lit.services import ranking
from withdrawal_lit.services.open_cache import open_for_search
from withdrawal_lit.services.paper_views import paper_views
from withdrawal_lit.services.progress import NullProgress, Progress
from withdrawal_lit.services.record_views import RecordViews
from withdrawal_lit.services.trials import search_sections
from withdrawal_lit.settings import Settings
from withdrawal_lit.store import Store


@dataclass
class QueryResult:
    query: Query
    items: list[Paper] = field(default_factory=list)
    total: int = 0  # cached records matching the filters (before --limit)
    source: str = "cache"  # "pubmed" when refreshed in this run
    count: int | None = None  # PubMed's Count at the last successful search
    last_success_at: str | None = None
    warnings: tuple[str, ...] = ()
    translation: str | None = None  # the search PubMed ran (QueryTranslation), when asked
    error: WithdrawalLitError | None = None


@dataclass
class SearchOutcome:
    results: list[QueryResult]
    requests: int = 0
    retries: int = 0
    new_records: int = 0
    network: str | None = None  # the client's request summary when PubMed was asked

    @property
    def failed(self) -> list[QueryResult]:
        return [r for r in self.results if r.error is not None]


def needs_network(store: Store, query: Query, *, force: bool, max_age_hours: float) -> bool:
    state = store.query_state(query.name, count_cached=False)
    if force or state is None or state.last_success_at is None:
        return True
    if state.term_hash != term_hash(query.term):
        return True
    last = datetime.strptime(state.last_success_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return datetime.now(UTC) - last > timedelta(hours=max_age_hours)


@dataclass
class SearchAnswer:
    """What `search` shows: the ranked papers, each question's registered trials, the warnings
    to print, and the error to exit with once the rest is shown (``error``)."""

    outcome: SearchOutcome
    sections: list = field(default_factory=list)  # services.trials.QuestionTrials
    trials_network: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: WithdrawalLitError | None = None

    @property
    def missing(self) -> list:
        return [s for s in self.sections if s.missing]


def run_search(
    settings: Settings,
    queries: Sequence[Query],
    *,
    offline: bool = False,
    refresh: bool = False,
    filters: Filters | None = None,
    progress: Progress | None = None,
    trials: bool = True,
) -> SearchAnswer:
    """The `search` command: open the cache, update what is stale, rank; the registered
    trials under each question; and the error policy. Cached results turn a network failure
    into a warning; a query with nothing to show makes its error the answer's."""
    filters = filters or Filters()
    with open_for_search(settings, offline=offline) as store:
        outcome = search(
            settings,
            store,
            queries,
            offline=offline,
            refresh=refresh,
            filters=filters,
            progress=progress,
        )
        answer = SearchAnswer(outcome)
        if trials:
            answer.sections, answer.trials_network = search_sections(
                settings,
                store,
                queries,
                offline=offline,
                refresh=refresh,
                progress=progress,
                limit=filters.limit,
            )
    if outcome.results and all(r.error is not None and not r.items for r in outcome.results):
        raise outcome.results[0].error  # nothing to show: the error is the whole answer
    for result in outcome.failed:
        if isinstance(result.error, NetworkError) and result.items:
            when = (result.last_success_at or "")[:10]
            answer.warnings.append(
                f"warning: {result.query.name}: {result.error.one_line()} — "
                f"showing cached results from {when}"
            )
    fatal = [r for r in outcome.failed if not r.items]
    if fatal:
        answer.error = fatal[0].error
    elif _empty_cache(outcome):
        answer.error = NotFound(
            "the cache holds no records for these queries",
            "run `withdrawal-lit search` without --offline to fill it",
        )
    return answer


def _empty_cache(outcome: SearchOutcome) -> bool:
    """Nothing cached to show, although PubMed found records (PubMed finding nothing is an
    answer, not an error)."""
    results = outcome.results
    if not results or any(r.total for r in results) or all(r.count == 0 for r in results):
        return False
    return not any(r.source == "pubmed" for r in results)


def search(
    settings: Settings,
    store: Store,
    queries: Sequence[Query],
    *,
    offline: bool = False,
    refresh: bool = False,
    filters: Filters | None = None,
    progress: Progress | None = None,
) -> SearchOutcome:
    progress = progress or NullProgress()
    outcome = SearchOutcome(results=[])
    errors: dict[str, WithdrawalLitError] = {}
    warnings: dict[str, tuple[str, ...]] = {}
    translations: dict[str, str | None] = {}
    fresh: set[str] = set()
    if not offline:
        stale = [
            q
            for q in queries
            if needs_network(store, q, force=refresh, max_age_hours=settings.max_age_hours)
        ]
        if stale:
            if store.readonly:
                raise CacheError(
                    f"cache {store.path} is read-only, so it cannot be updated",
                    "use --offline to read it, or make it writable",
                )
            from withdrawal_lit.services.ncbi_client import ncbi_client  # not offline
            from withdrawal_lit.services.sync import sync_full

            run_id = store.start_run("search", [q.name for q in stale], __version__)
            with ncbi_client(settings) as (client, clock):
                report = sync_full(
                    store,
                    client,
                    stale,
                    run_id=run_id,
                    batch_size=settings.batch_size,
                    progress=progress,
                    marks=lambda: clock.today().isoformat(),  # so `refresh` goes on from here
                )
            for item in report.queries:
                if item.error is not None:
                    errors[item.query.name] = item.error
                else:
                    fresh.add(item.query.name)
                    warnings[item.query.name] = item.warnings
                    translations[item.query.name] = item.translation
            stats = client.stats
            outcome.requests, outcome.retries = stats.requests, stats.retries
            outcome.network = stats.summary()
            outcome.new_records = report.new_records
            failed = [f"{n}: {e}" for n, e in errors.items()]
            store.finish_run(
                run_id,
                status="ok" if not errors else ("failed" if not fresh else "partial"),
                requests=stats.requests,
                retries=stats.retries,
                new=report.new_records,
                revised=report.revised_records,
                error="; ".join(failed) or None,
            )
    this_year = datetime.now(UTC).year
    for query in queries:
        result = rank_query(store, query, filters or Filters(), this_year)
        result.source = "pubmed" if query.name in fresh else "cache"
        result.warnings = warnings.get(query.name, ())
        result.translation = translations.get(query.name)
        result.error = errors.get(query.name)
        if result.error is not None and not isinstance(result.error, NetworkError):
            result.items = []  # NCBI refused the query itself: cached results would mislead
        outcome.results.append(result)
    return outcome


@dataclass(frozen=True)
class Filters:
    """The filters `search`, `export`, `digest` and `report` share."""

    limit: int | None = 10  # papers per query; None = all
    since: int | None = None  # publication year, inclusive
    designs: tuple[str, ...] = ()  # design slugs (design.DESIGNS); empty = all
    sort: str = "relevance"
    retracted_last: bool = True
    explain: bool = False  # also say what the roles component saw in each paper shown


def rank_candidates(
    store: Store, query: Query, filters: Filters, this_year: int
) -> tuple[QueryResult, list[rank.Ranked]]:
    """Rank a query's cached records from indexed columns and stored full-text features (no
    JSON is parsed); see services.ranking."""
    state = store.query_state(query.name, count_cached=False)
    result = QueryResult(
        query=query,
        count=state.last_count if state else None,
        last_success_at=state.last_success_at if state else None,
    )
    result.total, order = ranking.ranked(store, query, filters, this_year)
    return result, order


def load_items(
    store: Store,
    query: Query,
    ranked: Iterable[rank.Ranked],
    chunk: int = 500,
    *,
    explain: bool = False,
    stored: bool = False,
    shared: RecordViews | None = None,
) -> Iterator[Paper]:
    """Papers in rank order, loading records ``chunk`` at a time so memory stays flat; with
    ``explain``, each says what the roles component saw in it. With ``stored``, their
    assessments and bottom lines are read from the cache where it holds them, and kept there
    (``paper_views``: what `search` shows, not what an export of every record would fill).
    With ``shared`` (an export's), each record is assessed and prepared once however many
    queries' rows it has (``record_views``)."""
    matcher = relations.for_query(query) if explain else None
    order = iter(ranked)
    while part := list(islice(order, chunk)):
        articles = store.get_many([r.pmid for r in part])
        views = paper_views(store, query, articles) if stored else {}
        worked = shared.of(articles) if shared is not None else {}
        for r in part:
            article = articles[r.pmid]
            if r.pmid in views:
                assessment, summary = views[r.pmid]
            else:
                assessment, prepared = worked.get(r.pmid) or (
                    assess(article),
                    summarize.prepare(article),
                )
                summary = prepared.bottom_line(query.concepts)
            yield Paper(
                article=article,
                assessment=assessment,
                summary=summary,
                query=query.name,
                rank=r.rank,
                score=r.score,
                score_components=dict(r.components),
                explain=matcher.explain(article.title, article.abstract) if matcher else None,
            )


def rank_query(store: Store, query: Query, filters: Filters, this_year: int) -> QueryResult:
    """Rank a query's cached records; load and summarise only the top ``filters.limit``."""
    result, ranked = rank_candidates(store, query, filters, this_year)
    result.items = list(load_items(store, query, ranked, explain=filters.explain, stored=True))
    return result
