"""`report`: gather each question's evidence and search history from the cache into one page.

Everything comes from the cache (no network): the counts by design and year are SQL aggregates
over the records each query currently returns, the ranked list is the same ranking `search`
prints, and the search strategy and log are the ones `log --prisma` reports. The page is
rendered by the pure ``withdrawal_lit.report`` and written atomically, so an interrupted run
never leaves half a report where a good one was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from withdrawal_lit import __version__, rank, report
from withdrawal_lit.design import DESIGNS
from withdrawal_lit.errors import NotFound
from withdrawal_lit.pubmed_term import term_hash
from withdrawal_lit.records import Query
from withdrawal_lit.report.html_text import fragment_id
from withdrawal_lit.services import provenance
from withdrawal_lit.services.export import atomic_output, check_output
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.search import Filters, rank_query
from withdrawal_lit.services.trials import question_trials
from withdrawal_lit.store import Store, now_iso
from withdrawal_lit.trial_report import section_html

UNASSESSED = "Not assessed"


@dataclass(frozen=True)
class ReportOutcome:
    path: Path
    sections: int
    papers: int
    records: int
    retracted: int
    size: int  # bytes written


def gather(
    store: Store,
    queries: Sequence[Query],
    *,
    limit: int | None = 20,
    since: int | None = None,
    current_hashes: Mapping[str, str] | None = None,
    generated_at: str | None = None,
    trials: Mapping[str, object] | None = None,
) -> report.Report:
    """The report's data for ``queries`` (each must have been searched at least once)."""
    generated_at = generated_at or now_iso()
    this_year = int(generated_at[:4])
    names = [q.name for q in queries]
    prisma = provenance.prisma(store, names, current_hashes)
    blocks = {b.name: b for b in prisma.strategy}
    filters = Filters(limit=limit, since=since)
    sections = []
    for query in queries:
        block = blocks[query.name]
        designs = store.design_counts(query.name, since)
        years = store.year_counts(query.name, since)
        ranked = rank_query(store, query, filters, this_year)
        numbers = provenance.version_numbers(store.query_versions([query.name]))
        sections.append(
            report.Section(
                name=query.name,
                title=query.title or query.name,
                question=query.question,
                term=block.term,
                translation=block.translation,
                count=block.count_at_full_search,
                last_searched=block.searched_at,
                records=sum(designs.values()),
                designs=design_bars(designs),
                years={y: n for y, n in years.items() if y is not None},
                unknown_year=years.get(None, 0),
                retractions=[
                    report.Retraction(r.pmid, r.title, r.year, r.journal)
                    for r in store.retracted_records(query.name, since)
                ],
                papers=ranked.items,
                log=[
                    report.LogLine(
                        at=row.entry.at,
                        mode=row.entry.mode,
                        term_version=row.term_version,
                        count=row.entry.count,
                        new=row.entry.new,
                        revised=row.entry.revised,
                        gone=row.entry.gone,
                        version=row.entry.version,
                        warnings=row.entry.warnings,
                    )
                    for row in provenance.history(store, [query.name])
                ],
                versions=[
                    report.TermVersion(
                        number=numbers[(v.name, v.term_hash)],
                        term=v.term,
                        first_used=v.first_used,
                        last_used=v.last_used,
                        runs=v.runs,
                    )
                    for v in store.query_versions([query.name])
                ],
                term_changed=block.term_changed,
                trials_html=_trials_html(trials, query.name),
            )
        )
    return report.Report(
        generated_at=generated_at,
        version=__version__,
        sections=sections,
        limit=limit,
        since=since,
        ranking=rank.weights_help(),
    )


def _trials_html(trials: Mapping[str, object] | None, name: str) -> str:
    """The question's registered-trials block, when trials were gathered for it."""
    section = (trials or {}).get(name)
    if section is None:
        return ""

    updated = section.state.last_success_at if section.state else None
    return section_html(fragment_id(name), section, updated)


def design_bars(counts: Mapping[str | None, int]) -> list[report.Bar]:
    """Designs strongest first (evidence level, then label); unassessed records last."""

    def key(slug: str | None) -> tuple[int, str]:
        design = DESIGNS.get(slug or "")
        return (design.level, design.label) if design else (99, slug or "")

    bars = []
    for slug in sorted(counts, key=key):
        design = DESIGNS.get(slug or "")
        label = design.label if design else (slug or UNASSESSED)
        bars.append(report.Bar(label, counts[slug]))
    return bars


def build(
    store: Store,
    queries: Sequence[Query],
    path: Path,
    *,
    limit: int | None = 20,
    since: int | None = None,
    current_hashes: Mapping[str, str] | None = None,
    trials: Mapping[str, object] | None = None,
) -> ReportOutcome:
    """Gather, render and write the report to ``path`` (temp file + rename)."""
    path = Path(path)
    check_output(path)
    data = gather(
        store, queries, limit=limit, since=since, current_hashes=current_hashes, trials=trials
    )
    html = report.render(data)
    with atomic_output(path) as out:
        out.write(html)
    return ReportOutcome(
        path=path,
        sections=len(data.sections),
        papers=sum(len(s.papers) for s in data.sections),
        records=sum(s.records for s in data.sections),
        retracted=sum(len(s.retractions) for s in data.sections),
        size=len(html.encode("utf-8")),
    )


def report_command(
    settings, predefined: Mapping[str, Query], names: Sequence[str], output: Path, *, limit, since
):
    """`report`: the page for the named queries, or every predefined query searched so far,
    from the existing cache; (what was written, the predefined queries not searched yet)."""
    with open_store(settings, existing=True) as store:
        if names:
            chosen = provenance.resolve(store, predefined, names)
            missing = []
        else:
            searched, missing = provenance.default_names(store, list(predefined))
            chosen = [predefined[n] for n in searched]
        if not chosen:
            raise NotFound(
                "no query has been searched yet, so there is nothing to report",
                "run `withdrawal-lit search` (online) first",
            )
        hashes = {q.name: term_hash(q.term) for q in predefined.values()}
        trials = None
        if settings.trials:
            sections = question_trials(store, chosen, today=date.today(), limit=limit)
            trials = {section.query.name: section for section in sections}
        outcome = build(
            store, chosen, output, limit=limit, since=since, current_hashes=hashes, trials=trials
        )
    return outcome, missing
