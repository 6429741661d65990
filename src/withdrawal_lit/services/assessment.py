"""The per-record values the cache stores beside each record (design, population, sample
size), derived with the current classification rules, and re-derived when the rules change."""

from __future__ import annotations

from withdrawal_lit import design
from withdrawal_lit.records import AbstractSection, Article, MeshHeading
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


# What ``design.triage`` reads of a record, as plain values: title, abstract sections (text,
# label, category), keywords, MeSH descriptors and publication types. Cheap to send to another
# process (``services.classifier``), where ``derive_fields`` rebuilds just that much of the
# record; tests/test_assessment.py checks that it derives the same values as the whole record.
TriageFields = tuple[str, tuple[tuple[str, str | None, str | None], ...], tuple[str, ...],
                     tuple[str, ...], tuple[str, ...]]  # fmt: skip


def triage_fields(article: Article) -> TriageFields:
    sections = tuple((s.text, s.label, s.category) for s in article.abstract_sections)
    return (
        article.title,
        sections,
        article.keywords,
        article.mesh_terms,
        article.publication_types,
    )


def derive_fields(fields: TriageFields) -> Derived:
    """``derive`` of a record of which only its ``triage_fields`` are known."""
    title, sections, keywords, mesh, types = fields
    return derive(
        Article(
            pmid="",
            title=title,
            abstract_sections=tuple(AbstractSection(*s) for s in sections),
            keywords=keywords,
            mesh=tuple(MeshHeading(d) for d in mesh),
            publication_types=types,
        )
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
