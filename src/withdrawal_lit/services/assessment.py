"""The per-record values the cache stores beside each record (design, population, sample
size), derived with the current classification rules, and re-derived when the rules change."""

from __future__ import annotations

from withdrawal_lit import design
from withdrawal_lit.records import Article
from withdrawal_lit.store import Derived, Store


def derive(article: Article) -> Derived:
    kind, population, sample_size = design.triage(article)
    return Derived(
        design=kind.slug,
        evidence_level=kind.level,
        population=population,
        sample_size=sample_size,
        assessed_with=design.RULES_VERSION,
    )


def reassess(store: Store) -> int:
    """Re-derive the rows written by older classification rules; how many were."""
    if not store.has_records():  # a new cache: nothing to re-derive, no classifier to load
        return 0

    stale = [(a.pmid, derive(a)) for a in store.stale_assessments(design.RULES_VERSION)]
    if stale:
        with store.transaction():
            store.update_derived(stale)
    return len(stale)
