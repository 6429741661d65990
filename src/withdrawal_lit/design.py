"""What kind of evidence one article is: design, population, size, what it studied (pure).

Users triage a ranked list by the strength of each paper's evidence, so the design has to be
right more often than not and has to say what it was decided from (``Assessment.basis``).

Design is decided from the strongest source that speaks, in this order:

1. PubMed publication types, which NLM indexers assign from the full text. When several are
   present the first of ``PUBLICATION_TYPE_ORDER`` wins (a "Review" that is also a "Systematic
   Review" is a systematic review; "Clinical Trial" + "Randomized Controlled Trial" is an RCT; a
   "Case Reports" + "Review" is a case report with a literature review). A few are then refined:
   a "Review" whose title or abstract says it is systematic (or pooled) becomes a systematic
   review (meta-analysis), and one written by an expert panel as recommendations becomes a
   guideline; a systematic review that pooled becomes a meta-analysis; a trial with
   evidence of randomisation (MeSH "Random Allocation", or the text) becomes an RCT; an
   "Observational Study" indexed or written up as a cross-sectional survey becomes
   cross-sectional; and any primary study whose MeSH subjects are animals only is an animal study.
2. MeSH, when no publication type decides: in vitro / in silico descriptors, animal species
   without human participants, trial descriptors (Random Allocation, Double-Blind Method...),
   then case-control / cohort / cross-sectional / retrospective (a case series when the
   authors call it one) / survey and interview descriptors.
3. Text cues in the title and abstract, when both are silent (records not yet indexed). Cues
   are read from the title and from sentences that describe this study: sections labelled
   BACKGROUND/INTRODUCTION are skipped, and so are sentences that call for future work
   ("randomised trials are needed"), so that prior work and wishes do not pass for the design.

Population follows the design for animal and in-vitro studies and for primary human designs;
for syntheses and unclassified records it comes from MeSH (Humans / Animals / species), else
from text cues. Sample size is the largest plausible study total named in the text, reported
only for designs that have participants (or animals) of their own, or pool them (see
``sample_size``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from withdrawal_lit.design_cues import (
    CUE_ANIMAL,
    CUE_ANIMAL_TITLE,
    CUE_CASE,
    CUE_CASE_CONTROL,
    CUE_CASE_SERIES,
    CUE_CASE_TITLE,
    CUE_COHORT,
    CUE_CROSS_SECTIONAL,
    CUE_GUIDELINE,
    CUE_GUIDELINE_TITLE,
    CUE_HUMAN,
    CUE_IN_VITRO,
    CUE_META_ANALYSIS,
    CUE_META_ANALYSIS_TITLE,
    CUE_RANDOMISED,
    CUE_REVIEW,
    CUE_REVIEW_TITLE,
    CUE_SURVEY,
    CUE_SYSTEMATIC,
    CUE_SYSTEMATIC_TITLE,
    CUE_TRIAL,
    REVIEW_ANIMAL,
    REVIEW_HUMAN,
)
from withdrawal_lit.design_facts import Facts, Mesh, StudyText, facts_of
from withdrawal_lit.design_vocabulary import (
    DESIGNS,
    HUMAN_DESIGNS,
    MESH_CASE_CONTROL,
    MESH_COHORT,
    MESH_CROSS_SECTIONAL,
    MESH_HUMAN_PARTICIPANTS,
    MESH_QUALITATIVE,
    MESH_RANDOMISED,
    MESH_RETROSPECTIVE,
    MESH_SURVEY,
    MESH_TRIAL,
    PRIMARY_DESIGNS,
    PUBLICATION_TYPE_ORDER,
    Design,
)
from withdrawal_lit.interventions_outcomes import interventions, outcomes
from withdrawal_lit.records import Article
from withdrawal_lit.sample_size import study_total

# Bump when a rule below changes: the cache re-derives stored designs made by other versions.
RULES_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Assessment:
    design: Design
    population: str  # one of POPULATIONS
    basis: str  # one of BASES: which evidence decided the design
    sample_size: int | None
    interventions: tuple[str, ...]
    outcomes: tuple[str, ...]
    retracted: bool
    has_erratum: bool
    expression_of_concern: bool


def _title_or_study(title_cue: re.Pattern, body_cue: re.Pattern, text: StudyText) -> bool:
    return bool(title_cue.search(text.title) or body_cue.search(text.study))


def _pooled(text: StudyText) -> bool:
    return bool(
        CUE_META_ANALYSIS_TITLE.search(text.title)
        or CUE_META_ANALYSIS.search(text.study)
        or any(CUE_META_ANALYSIS_TITLE.search(k) for k in text.keywords)
    )


def _systematic(text: StudyText) -> bool:
    return bool(
        CUE_SYSTEMATIC_TITLE.search(text.title)
        or CUE_SYSTEMATIC.search(text.study)
        or any(CUE_SYSTEMATIC_TITLE.search(k) for k in text.keywords)
    )


def _animal_subjects(text: StudyText) -> bool:
    """The study's own subjects are animals and no human participants are described."""
    animal = CUE_ANIMAL_TITLE.search(text.title) or CUE_ANIMAL.search(text.study)
    return bool(animal) and not CUE_HUMAN.search(text.study)


def _design_from_publication_types(types: frozenset[str]) -> str | None:
    for slug, names in PUBLICATION_TYPE_ORDER:
        if types & names:
            return slug
    return None


def _design_from_mesh(mesh: Mesh, text: StudyText) -> tuple[str, str] | None:
    """(slug, basis) from MeSH, sharpened by the text where MeSH is ambiguous; or None."""
    if mesh.in_vitro and not mesh.species and not _human_study_mesh(mesh):
        return "in-vitro", "MeSH"
    if mesh.species and not mesh.humans:
        return "animal", "MeSH"
    if mesh.has(MESH_RANDOMISED):
        return "rct", "MeSH"
    if mesh.has(MESH_TRIAL):
        if CUE_RANDOMISED.search(text.study):
            return "rct", "text"
        return "non-randomized-trial", "MeSH"
    if mesh.has(MESH_CASE_CONTROL | MESH_COHORT):
        return "observational", "MeSH"
    if mesh.has(MESH_CROSS_SECTIONAL):
        return "cross-sectional", "MeSH"
    if mesh.has(MESH_RETROSPECTIVE):
        # Indexers add "Retrospective Studies" to case series too; the authors' word decides.
        if CUE_CASE_SERIES.search(text.study):
            return "case-report", "text"
        return "observational", "MeSH"
    if mesh.has(MESH_SURVEY | MESH_QUALITATIVE):
        return "cross-sectional", "MeSH"
    return None


def _human_study_mesh(mesh: Mesh) -> bool:
    return mesh.has(
        MESH_HUMAN_PARTICIPANTS
        | MESH_RANDOMISED
        | MESH_TRIAL
        | MESH_CASE_CONTROL
        | MESH_COHORT
        | MESH_CROSS_SECTIONAL
        | MESH_RETROSPECTIVE
        | MESH_SURVEY
        | MESH_QUALITATIVE
    )


def _design_from_text(text: StudyText) -> str | None:
    if _pooled(text):
        return "meta-analysis"
    if _systematic(text):
        return "systematic-review"
    if _title_or_study(CUE_GUIDELINE_TITLE, CUE_GUIDELINE, text):
        return "guideline"
    if _title_or_study(CUE_CASE_TITLE, CUE_CASE, text):
        return "case-report"
    if _title_or_study(CUE_REVIEW_TITLE, CUE_REVIEW, text):
        return "narrative-review"
    if _animal_subjects(text):
        return "animal"
    study = text.study
    if CUE_IN_VITRO.search(study) and not CUE_HUMAN.search(study):
        return "in-vitro"
    if CUE_RANDOMISED.search(study):
        return "rct"
    if CUE_TRIAL.search(study):
        return "non-randomized-trial"
    if CUE_CASE_CONTROL.search(study):
        return "observational"
    if CUE_CROSS_SECTIONAL.search(study):
        return "cross-sectional"
    if CUE_COHORT.search(study):
        return "observational"
    if CUE_SURVEY.search(study):
        return "cross-sectional"
    return None


def _refine(slug: str, mesh: Mesh, text: StudyText) -> tuple[str, str]:
    """Sharpen a publication-type design with MeSH or text; returns (slug, basis)."""
    if slug == "narrative-review":
        if _pooled(text):
            return "meta-analysis", "text"
        if _systematic(text):
            return "systematic-review", "text"
        if _title_or_study(CUE_GUIDELINE_TITLE, CUE_GUIDELINE, text):
            return "guideline", "text"
    if slug == "systematic-review" and _pooled(text):
        return "meta-analysis", "text"
    if slug in PRIMARY_DESIGNS:
        if mesh.species and not mesh.humans:
            return "animal", "MeSH"
        if not mesh.terms and _animal_subjects(text):
            return "animal", "text"
    if slug == "non-randomized-trial":
        if mesh.has(MESH_RANDOMISED):
            return "rct", "MeSH"
        if CUE_RANDOMISED.search(text.study):
            return "rct", "text"
    if slug == "observational":
        if mesh.has(MESH_CROSS_SECTIONAL | MESH_SURVEY) and not mesh.has(
            MESH_COHORT | MESH_CASE_CONTROL
        ):
            return "cross-sectional", "MeSH"
        if not mesh.has(MESH_COHORT | MESH_CASE_CONTROL | MESH_RETROSPECTIVE):
            study = text.study
            if CUE_CASE_SERIES.search(study):
                return "case-report", "text"
            cohort = CUE_COHORT.search(study) or CUE_CASE_CONTROL.search(study)
            if not cohort and (CUE_CROSS_SECTIONAL.search(study) or CUE_SURVEY.search(study)):
                return "cross-sectional", "text"
    return slug, "publication type"


def classify(article: Article) -> tuple[str, str]:
    """(design slug, basis) for one article; see the module docstring for the order."""
    return _classify(facts_of(article))


def _classify(facts: Facts) -> tuple[str, str]:
    mesh, text = facts.mesh, facts.text
    slug = _design_from_publication_types(frozenset(facts.article.publication_types))
    if slug is not None:
        return _refine(slug, mesh, text)
    decided = _design_from_mesh(mesh, text)
    if decided is not None:
        return decided
    slug = _design_from_text(text)
    if slug is not None:
        return slug, "text"
    return "other", "none"


def population(article: Article, slug: str) -> str:
    """Who or what was studied: human, animal, in vitro, mixed or unknown."""
    return _population(facts_of(article), slug)


def _population(facts: Facts, slug: str) -> str:
    if slug == "animal":
        return "animal"
    if slug == "in-vitro":
        return "in vitro"
    if slug in HUMAN_DESIGNS:
        return "human"
    mesh = facts.mesh
    kinds = {
        kind
        for kind, present in (
            ("human", mesh.humans),
            ("animal", mesh.species),
            ("in vitro", mesh.in_vitro and not mesh.humans and not mesh.species),
        )
        if present
    }
    if not kinds:
        text = facts.text.full
        kinds = {
            kind
            for kind, cue in (
                ("human", REVIEW_HUMAN),
                ("animal", REVIEW_ANIMAL),
                ("in vitro", CUE_IN_VITRO),
            )
            if cue.search(text)
        }
    if len(kinds) > 1:
        return "mixed"
    return kinds.pop() if kinds else "unknown"


def sample_size(article: Article, slug: str | None = None) -> int | None:
    """The study total the article names (see ``sample_size.study_total``); the design is
    classified first when ``slug`` is not given."""
    facts = facts_of(article)
    return study_total(facts, slug or _classify(facts)[0])


def triage(article: Article) -> tuple[Design, str, int | None]:
    """(design, population, sample size): what the cache stores per record for ranking and
    filtering, without the named interventions and outcomes, which take half the time of
    ``assess`` and are only shown for records on screen."""
    facts = facts_of(article)
    slug, _ = _classify(facts)
    return DESIGNS[slug], _population(facts, slug), study_total(facts, slug)


def assess(article: Article) -> Assessment:
    """Design, population, size, named interventions and outcomes, and warning flags."""
    facts = facts_of(article)
    slug, basis = _classify(facts)
    return Assessment(
        design=DESIGNS[slug],
        population=_population(facts, slug),
        basis=basis,
        sample_size=study_total(facts, slug),
        interventions=interventions(article),
        outcomes=outcomes(article),
        retracted=article.retracted,
        has_erratum=article.has_erratum,
        expression_of_concern=article.expression_of_concern,
    )
