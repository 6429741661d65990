"""Ranking metrics over graded relevance judgments (pure; no I/O but reading a qrels stream).

Conventions, chosen to agree with trec_eval so figures can be cross-checked:

* nDCG@k: gain = grade (0-3), discount = log2(rank + 1); the ideal ordering is every judged
  document of the query sorted by grade. Unjudged documents count as grade 0. A query with no
  document of grade >= 1 has no defined nDCG (``None``) and is left out of means.
* P@k: documents of grade >= ``relevant_grade`` (2: "relevant" or "directly answers") among the
  first k, divided by k even when fewer than k were ranked, so a short list cannot score high
  by being short.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

RELEVANT_GRADE = 2
MAX_GRADE = 3


def dcg(grades: Iterable[int]) -> float:
    """Discounted cumulative gain of grades in rank order (rank 1 first)."""
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))


def ndcg_at_k(ranked: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float | None:
    """nDCG of the first ``k`` of ``ranked`` against ``judgments`` (doc id -> grade)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    ideal = dcg(sorted((g for g in judgments.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return None
    return dcg(judgments.get(doc, 0) for doc in ranked[:k]) / ideal


def precision_at_k(
    ranked: Sequence[str],
    judgments: Mapping[str, int],
    k: int = 5,
    relevant_grade: int = RELEVANT_GRADE,
) -> float:
    """Share of the first ``k`` slots holding a document graded ``relevant_grade`` or more."""
    if k < 1:
        raise ValueError("k must be at least 1")
    hits = sum(1 for doc in ranked[:k] if judgments.get(doc, 0) >= relevant_grade)
    return hits / k


def mean(values: Iterable[float | None]) -> float | None:
    """Arithmetic mean of the defined values (None when there are none)."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def read_qrels(lines: Iterable[str]) -> dict[str, dict[str, int]]:
    """TREC qrels (``query 0 doc grade`` per line) as {query: {doc: grade}}.

    Blank lines and ``#`` comments are skipped; a malformed line raises ValueError naming it.
    A document judged twice for one query keeps its last grade, as trec_eval does.
    """
    qrels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 4:
            raise ValueError(f"line {number}: expected 'query 0 doc grade', got {line.strip()!r}")
        query, _, doc, grade = parts
        try:
            value = int(grade)
        except ValueError:
            raise ValueError(f"line {number}: grade {grade!r} is not a whole number") from None
        if not 0 <= value <= MAX_GRADE:
            raise ValueError(f"line {number}: grade {value} is outside 0-{MAX_GRADE}")
        qrels.setdefault(query, {})[doc] = value
    return qrels
