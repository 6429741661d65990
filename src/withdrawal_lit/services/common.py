"""Pieces every service shares: opening the cache, deriving per-record values, progress."""

from __future__ import annotations

from typing import Protocol

from withdrawal_lit.records import Article
from withdrawal_lit.settings import Settings
from withdrawal_lit.store import Derived, Store


class Progress(Protocol):
    """What services report while they work; the CLI draws it, tests ignore it."""

    def stage(self, text: str) -> None: ...

    def start(self, total: int, text: str) -> None: ...

    def advance(self, n: int) -> None: ...

    def warn(self, text: str) -> None: ...


class NullProgress:
    def stage(self, text: str) -> None:
        pass

    def start(self, total: int, text: str) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def warn(self, text: str) -> None:
        pass


def derive(article: Article) -> Derived:
    from withdrawal_lit import design  # not before a cold search's first request

    kind, population, sample_size = design.triage(article)
    return Derived(
        design=kind.slug,
        evidence_level=kind.level,
        population=population,
        sample_size=sample_size,
        assessed_with=design.RULES_VERSION,
    )


def open_store(settings: Settings, *, readonly: bool = False) -> Store:
    """Open the cache; re-derive design columns written by older classification rules."""
    store = Store.open(settings.db_path, readonly=readonly)
    if not readonly:
        reassess(store)
    return store


def reassess(store: Store) -> int:
    if not store.has_records():  # a new cache: nothing to re-derive, no classifier to load
        return 0
    from withdrawal_lit import design

    stale = [(a.pmid, derive(a)) for a in store.stale_assessments(design.RULES_VERSION)]
    if stale:
        with store.transaction():
            store.update_derived(stale)
    return len(stale)


def paper_json(article: Article, assessment, summary) -> dict:
    """The fields every JSON view of a paper carries (search, new, digest...)."""
    a, d = article, assessment
    return {
        "pmid": a.pmid,
        "title": a.title,
        "year": a.year,
        "journal": a.journal,
        "journal_iso": a.journal_iso,
        "authors": [au.display for au in a.authors],
        "doi": a.doi,
        "pmcid": a.pmcid,
        "design": d.design.slug,
        "design_label": d.design.label,
        "evidence_level": d.design.level,
        "population": d.population,
        "sample_size": d.sample_size,
        "interventions": list(d.interventions),
        "outcomes": list(d.outcomes),
        "retracted": d.retracted,
        "has_erratum": d.has_erratum,
        "expression_of_concern": d.expression_of_concern,
        "bottom_line": summary.text,
        "bottom_line_source": summary.source,
        "url": a.url,
    }
