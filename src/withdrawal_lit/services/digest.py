"""`digest`: what the cache holds for each question, at a glance (data only, no rendering).

A reader who comes back to a question wants four things before any ranked list: how much
evidence there is and of what kind (counts by study design and by year), what has been
retracted, what is new, and what the strongest papers conclude. Everything comes from the
cache, never the network: the counts are SQL aggregates over the records the query currently
returns (``records.design``, ``records.year``), the strongest papers are the `search` ranking
sorted by evidence level, then score (``rank_candidates(sort="evidence")``), and their bottom
lines are the same verbatim sentences `search` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from withdrawal_lit import rank
from withdrawal_lit.design import DESIGNS
from withdrawal_lit.errors import NotFound
from withdrawal_lit.paper import Paper
from withdrawal_lit.records import Query
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.search import Filters, load_items, rank_candidates
from withdrawal_lit.services.trials import question_trials
from withdrawal_lit.store import RecordBrief, Store

NEWEST = 5  # newest papers shown per question by default
TOP = 5  # highest-evidence papers shown per question by default
UNASSESSED = "Not assessed"


@dataclass(frozen=True, slots=True)
class DesignCount:
    slug: str | None  # None: a record stored before its design was assessed
    label: str
    level: int | None
    count: int

    def to_json(self) -> dict:
        return {
            "design": self.slug,
            "label": self.label,
            "evidence_level": self.level,
            "count": self.count,
        }


@dataclass(frozen=True)
class Digest:
    query: Query
    searched: bool  # the cache has a successful search of this query
    last_success_at: str | None
    count: int | None  # PubMed's count at the last search
    since: int | None
    records: int  # cached records the query returns (year >= since)
    designs: tuple[DesignCount, ...]  # strongest evidence first, unassessed last
    years: tuple[tuple[int, int], ...]  # (year, records), oldest first; years with records only
    unknown_year: int  # records without a publication year
    retractions: tuple[RecordBrief, ...]  # newest first
    newest: tuple[Paper, ...]  # by date added to PubMed, newest first
    top: tuple[Paper, ...]  # by evidence level, then score; never retracted

    def to_json(self) -> dict:
        return {
            "query": self.query.name,
            "title": self.query.title,
            "question": self.query.question,
            "searched": self.searched,
            "last_success_at": self.last_success_at,
            "pubmed_count": self.count,
            "since": self.since,
            "records": self.records,
            "designs": [d.to_json() for d in self.designs],
            "years": [{"year": y, "count": n} for y, n in self.years],
            "unknown_year": self.unknown_year,
            "retractions": [
                {"pmid": r.pmid, "title": r.title, "year": r.year, "journal": r.journal}
                for r in self.retractions
            ],
            "newest": [p.to_json() for p in self.newest],
            "top_evidence": [p.to_json() for p in self.top],
        }


def digest(
    store: Store,
    queries: Sequence[Query],
    *,
    since: int | None = None,
    newest: int = NEWEST,
    top: int = TOP,
    this_year: int | None = None,
) -> list[Digest]:
    """One digest per query, in the given order.

    Raises NotFound when none of the queries has a cached record (an empty cache, or queries
    never searched), with the command that fills it.
    """
    this_year = this_year or datetime.now(UTC).year
    digests = [
        digest_one(store, q, since=since, newest=newest, top=top, this_year=this_year)
        for q in queries
    ]
    if not any(d.records for d in digests):
        one = queries[0].name if len(queries) == 1 else None
        scope = f"query {one}" if one else "these queries"
        years = f" from {since} on" if since else ""
        command = f"withdrawal-lit search {one}" if one else "withdrawal-lit search"
        raise NotFound(
            f"the cache holds no records{years} for {scope}",
            f"run `{command}` to fill it" + (", or give an earlier --since" if since else ""),
        )
    return digests


def digest_one(
    store: Store, query: Query, *, since: int | None, newest: int, top: int, this_year: int
) -> Digest:
    state = store.query_state(query.name)
    designs = store.design_counts(query.name, since)
    years = store.year_counts(query.name, since)
    result, ranked = rank_candidates(
        store, query, Filters(limit=None, since=since, sort="evidence"), this_year
    )
    strongest = [r for r in ranked if not r.features.retracted][:top]
    by_date = rank.rank(
        [r.features for r in ranked],
        this_year=this_year,
        sort="date",
        retracted_last=False,
    )[:newest]
    return Digest(
        query=query,
        searched=bool(state and state.last_success_at),
        last_success_at=state.last_success_at if state else None,
        count=state.last_count if state else None,
        since=since,
        records=result.total,
        designs=design_counts(designs),
        years=tuple(sorted((y, n) for y, n in years.items() if y is not None)),
        unknown_year=years.get(None, 0),
        retractions=tuple(store.retracted_records(query.name, since)),
        newest=_papers(store, query, by_date),
        top=_papers(store, query, strongest),
    )


def design_counts(counts: Mapping[str | None, int]) -> tuple[DesignCount, ...]:
    """Counts by design slug, strongest evidence first (level, then label); unassessed last."""

    def row(slug: str | None) -> DesignCount:
        design = DESIGNS.get(slug or "")
        if design is None:
            return DesignCount(slug, slug or UNASSESSED, None, counts[slug])
        return DesignCount(slug, design.label, design.level, counts[slug])

    rows = [row(slug) for slug in counts if counts[slug]]
    return tuple(sorted(rows, key=lambda r: (r.level is None, r.level or 0, r.label)))


def _papers(store: Store, query: Query, ranked: Iterable[rank.Ranked]) -> tuple[Paper, ...]:
    return tuple(load_items(store, query, list(ranked)))


def digest_command(
    settings, queries: Sequence[Query], *, since: int | None, newest: int, top: int
) -> tuple[list[Digest], dict[str, dict]]:
    """`digest`: each question's digest from the existing cache, and (when trials are on)
    its registered trials' summary by question name."""
    with open_store(settings, existing=True) as store:
        digests = digest(store, queries, since=since, newest=newest, top=top)
        trials = {}
        if settings.trials:
            sections = question_trials(store, queries, today=date.today())
            trials = {s.query.name: s.summary() for s in sections}
    return digests, trials
