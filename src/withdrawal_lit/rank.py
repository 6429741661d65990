"""Ranking (pure): relevance to the question's concepts and their roles, combined with
strength of evidence.

score = relevance · 0.25      bm25 over title (×10), abstract (×4), MeSH and keywords (×2 each),
                              squashed to 0..1 as bm25 / (bm25 + median bm25 of the list), so
                              one outlier cannot flatten everyone else
      + concepts · 0.09       half for the fraction of the question's concepts present anywhere
                              (kratom AND withdrawal), half for the fraction in the title
      + roles · 0.38          0..1: the intervention named, with every other concept, in one
                              sentence, in the treating role ("kratom to ease opioid
                              withdrawal"), in the title; less when it is the condition
                              ("kratom withdrawal") of a question about another (relations.py)
      + evidence · 0.16       evidence level 1 → 1.0 … level 6 → 0.0 (see design_vocabulary.DESIGNS)
      + human · 0.06          1 for studies in humans, 0.5 mixed, 0 animal / in vitro / unknown
      + recency · 0.06        0.5 ** (age in years / 8): an 8-year-old paper counts half

For a mechanism question (a concept in the "mechanism" role: receptors, binding, metabolism)
evidence and human are 0 for every record: the clinical evidence hierarchy and human over
animal do not rank primary pharmacology. The roles weight is the one fitted on real judged
records (benchmarks/rank_quality.py reports it question by question and
leave-one-question-out); the others keep their proportions.
Retracted papers go last (unless the caller asks otherwise); ties are broken by newer date,
then higher PMID, so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

WEIGHTS: dict[str, float] = {
    "relevance": 0.25,
    "concepts": 0.09,
    "roles": 0.38,
    "evidence": 0.16,
    "human": 0.06,
    "recency": 0.06,
}
RECENCY_HALF_LIFE_YEARS = 8.0
WORST_LEVEL = 6
HUMAN_SCORE = {"human": 1.0, "mixed": 0.5}
SORTS = ("relevance", "date", "evidence")


def with_roles(weight: float, weights: Mapping[str, float] = WEIGHTS) -> dict[str, float]:
    """``weights`` with the roles weight set to ``weight`` and the others scaled to keep their
    proportions and a sum of 1 (how the roles weight is fitted and checked)."""
    rest = sum(v for k, v in weights.items() if k != "roles")
    scale = (1 - weight) / rest if rest else 0.0
    return {k: (weight if k == "roles" else v * scale) for k, v in weights.items()}


def weights_help() -> str:
    """One line for --help and the README."""
    parts = ", ".join(f"{name} {weight:.2f}" for name, weight in WEIGHTS.items())
    return (
        f"Score = {parts} (relevance: bm25, title>abstract>MeSH/keywords; roles: the "
        f"intervention in the treating role of the question's condition; recency half-life "
        f"{RECENCY_HALF_LIFE_YEARS:g} y). Retracted last; ties: newer, then higher PMID."
    )


@dataclass(frozen=True, slots=True)
class Features:
    """What ranking knows of one record."""

    pmid: str
    year: int | None = None
    date: str | None = None  # entrez date, YYYY-MM-DD
    bm25: float = 0.0  # higher is better; 0 when the record matches none of the concepts
    concepts_present: int = 0
    concepts_in_title: int = 0
    concepts_total: int = 0
    evidence_level: int | None = None
    population: str | None = None
    retracted: bool = False
    roles: float = 0.0  # relations.Found.score: the intervention in the treating role, 0..1
    mechanism: bool = False  # the question asks how something acts (a "mechanism" role)


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    pmid: str
    score: float
    components: Mapping[str, float] = field(default_factory=dict)
    features: Features | None = None


def components(f: Features, median_bm25: float, this_year: int) -> dict[str, float]:
    relevance = f.bm25 / (f.bm25 + median_bm25) if f.bm25 > 0 and median_bm25 > 0 else 0.0
    total = f.concepts_total
    concepts = (f.concepts_present + f.concepts_in_title) / (2 * total) if total else 0.0
    level = f.evidence_level if f.evidence_level is not None else WORST_LEVEL
    evidence = (WORST_LEVEL - min(max(level, 1), WORST_LEVEL)) / (WORST_LEVEL - 1)
    human = HUMAN_SCORE.get(f.population or "", 0.0)
    if f.mechanism:
        # A mechanism question asks for primary pharmacology, mostly animal and in vitro:
        # the clinical evidence hierarchy and human over animal do not rank it.
        evidence = human = 0.0
    age = max(this_year - f.year, 0) if f.year else 50
    recency = 0.5 ** (age / RECENCY_HALF_LIFE_YEARS)
    return {
        "relevance": relevance,
        "concepts": concepts,
        "evidence": evidence,
        "human": human,
        "recency": recency,
        "roles": f.roles,
    }


def rank(
    items: Sequence[Features],
    *,
    this_year: int,
    sort: str = "relevance",
    retracted_last: bool = True,
    weights: Mapping[str, float] = WEIGHTS,
    median_bm25: float | None = None,
) -> list[Ranked]:
    """Order ``items``; every result carries its score and the weighted components.

    ``median_bm25`` is that of the whole list when ``items`` are only its best part (by
    ``unrounded_score``); by default it is taken from ``items``.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    middle = median(f.bm25 for f in items if f.bm25 > 0) if median_bm25 is None else median_bm25
    scored = [(f, *score(f, middle, this_year, weights)) for f in items]
    scored.sort(key=lambda entry: order_key(entry[0], entry[1], sort, retracted_last))
    return [
        Ranked(rank=i, pmid=f.pmid, score=total, components=weighted, features=f)
        for i, (f, total, weighted) in enumerate(scored, start=1)
    ]


def score(
    f: Features, median_bm25: float, this_year: int, weights: Mapping[str, float] = WEIGHTS
) -> tuple[float, dict[str, float]]:
    """(score, weighted components) of ``f`` in a list of this median bm25, as ``rank`` gives."""
    parts = components(f, median_bm25, this_year)
    weighted = {k: round(parts[k] * weights[k], 4) for k in weights}
    return round(sum(weighted.values()), 4), weighted


def order_key(
    f: Features, total: float, sort: str = "relevance", retracted_last: bool = True
) -> tuple:
    """What ``rank`` sorts by: lower comes first, and no two records are equal (PMID last)."""
    demote = 1 if (retracted_last and f.retracted) else 0
    date = f.date or (f"{f.year:04d}" if f.year else "")
    level = f.evidence_level if f.evidence_level is not None else WORST_LEVEL
    primary = {
        "relevance": (-total,),
        "date": (_negate(date),),
        "evidence": (level, -total),
    }[sort]
    return (demote, *primary, _negate(date), -int(f.pmid))


# rank() rounds each weighted component and their sum to 4 decimals, so a score is within this
# much of the unrounded sum (half a unit in the 4th decimal, six times, and float noise).
ROUNDING_SLACK = 0.0004


def unrounded_score(
    f: Features, median_bm25: float, this_year: int, weights: Mapping[str, float] = WEIGHTS
) -> float:
    """The score ``rank`` gives ``f`` in a list of this median bm25, before rounding."""
    parts = components(f, median_bm25, this_year)
    return sum(parts[k] * weights[k] for k in weights)


def median(values) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _negate(date: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-ord(c) for c in date) + (1,)


def fts_match(concepts: Sequence[Sequence[str]]) -> str:
    """An FTS5 MATCH expression: any synonym of any concept (each synonym a quoted phrase)."""
    groups = [concept_match(group) for group in concepts]
    return " OR ".join(g for g in groups if g)


def concept_match(group: Sequence[str]) -> str:
    phrases = []
    for synonym in group:
        text = synonym.strip()
        prefix = text.endswith("*")
        text = text.rstrip("*").replace('"', " ").strip()
        if text:
            phrases.append(f'"{text}"' + ("*" if prefix else ""))
    return "(" + " OR ".join(phrases) + ")" if phrases else ""
