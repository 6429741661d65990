"""Extractive bottom lines: the one or two sentences of an abstract a reader should see (pure).

A bottom line is evidence, not opinion: every sentence shown is copied verbatim from the record,
never rephrased, so a reader can trust it as the authors' own words. ``bottom_line`` prefers
the authors' conclusions section of a structured abstract; otherwise it scores the abstract's
sentences with the weights of ``scorer_weights`` (the one place they are documented):

    conclusion cues ("these findings suggest", "we conclude", "may", present-tense claims)
  + position (later is better, the last sentence best)
  + repetition of the title's subject words and of the query's concepts
  - penalties for methods, aims, gaps in knowledge, calls for more research, statistics
    and number-heavy sentences, and for sentences in background or methods sections

and shows the best sentence, with its better neighbour when that scores well too, in
document order. For an abstract without a conclusions section, ``conclusion`` adjusts the
scores and says which sentences may be shown: the closing finding is favoured, background
and definition sentences are penalised, and a paragraph's first third is passed over while
a later sentence states a finding. Registration, funding and copyright lines are never shown.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from withdrawal_lit import conclusion
from withdrawal_lit.bottom_line_cues import (
    AGENDA,
    AIM,
    ANAPHORA,
    BACKGROUND,
    BOILERPLATE_SECTION,
    BOILERPLATE_SENTENCE,
    CONCLUSION_LABELS,
    CUES,
    METHOD,
    NUMBER,
    PREAMBLE_CATEGORIES,
    PREAMBLE_SECTION,
    STATISTICS,
    TITLE_STOPWORDS,
    WEIGHTS,
    WORD,
)
from withdrawal_lit.records import AbstractSection, Article
from withdrawal_lit.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Summary:
    sentences: tuple[str, ...]
    source: str  # "conclusions" | "scored" | "title-only" | "none"

    @property
    def text(self) -> str:
        if self.source == "none":
            return "No abstract available."
        return " ".join(self.sentences)


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _content_words(text: str) -> set[str]:
    stems = {_stem(w) for w in WORD.findall(text)}
    return {w for w in stems if w not in TITLE_STOPWORDS}


def scorer_weights() -> dict:
    """The weights ``bottom_line`` scores sentences with (a copy: the one documented place)."""
    return copy.deepcopy(WEIGHTS)


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int  # document order over the whole abstract
    text: str
    section: AbstractSection | None


def _is_conclusion(section: AbstractSection) -> int | None:
    """Rank of the section among conclusion kinds (0 best), or None."""
    label = (section.label or "").strip().rstrip(":")
    for rank, pattern in enumerate(CONCLUSION_LABELS):
        if label and pattern.search(label):
            return rank
    if (section.category or "").upper() == "CONCLUSIONS":
        return len(CONCLUSION_LABELS)
    return None


def _usable(sentence: str) -> bool:
    return not BOILERPLATE_SENTENCE.search(sentence)


def _fit(sentences: Sequence[str], limit: int, max_chars: int) -> tuple[str, ...]:
    """The first sentence, then more while they fit in ``max_chars`` (up to ``limit``)."""
    chosen = [sentences[0]]
    for sentence in sentences[1:limit]:
        if len(" ".join([*chosen, sentence])) > max_chars or conclusion.is_cut(sentence):
            break
        chosen.append(sentence)
    return tuple(chosen)


def _conclusions(article: Article, limit: int) -> tuple[str, ...]:
    ranked = [
        (rank, i, s)
        for i, s in enumerate(article.abstract_sections)
        if (rank := _is_conclusion(s)) is not None and not BOILERPLATE_SECTION.search(s.label or "")
    ]
    for _, _, section in sorted(ranked, key=lambda r: (r[0], r[1])):
        sentences = [s for s in split_sentences(section.text) if _usable(s)]
        if sentences:
            return _fit(sentences, limit, WEIGHTS["max_chars"])
    return ()


def _concept_patterns(concepts: Sequence[Sequence[str]]) -> list[re.Pattern]:
    """One pattern per synonym group; a trailing * truncates as in PubMed ("opioid*")."""
    patterns = []
    for group in concepts:
        alternatives = []
        for term in group:
            term = term.strip().strip('"')
            if not term:
                continue
            if term.endswith("*"):
                alternatives.append(re.escape(term[:-1]) + r"\w*")
            else:
                alternatives.append(re.escape(term))
        if alternatives:
            patterns.append(
                re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
            )
    return patterns


def score_sentence(
    sentence: str,
    position: float,
    is_last: bool,
    *,
    section: AbstractSection | None = None,
    title_words: set[str] | frozenset[str] = frozenset(),
    concepts: Sequence[re.Pattern] = (),
) -> float:
    """Score one sentence; ``position`` runs from 0 (first) to 1 (last) in the abstract."""
    head, tail = _score_parts(sentence, _cue(sentence), position, is_last, section, title_words)
    return _total(head, _named(sentence, concepts), tail)


def _score_parts(
    sentence: str,
    cue: float,
    position: float,
    is_last: bool,
    section: AbstractSection | None,
    title_words: set[str] | frozenset[str],
) -> tuple[float, tuple[float, ...]]:
    """A sentence's score whatever the question: the part before the question's concepts
    count, and what is added after them, in order (``_total`` adds them up)."""
    w = WEIGHTS
    head = cue
    head += w["position"] * position + (w["last"] if is_last else 0.0)
    if title_words:
        head += w["title"] * len(title_words & _content_words(sentence)) / len(title_words)
    tail = []
    for name, pattern in (
        ("method", METHOD),
        ("aim", AIM),
        ("background", BACKGROUND),
        ("agenda", AGENDA),
        ("statistics", STATISTICS),
    ):
        if pattern.search(sentence):
            tail.append(w[name])
    numbers = len(NUMBER.findall(sentence))
    if numbers >= 4 and numbers > 0.15 * len(sentence.split()):
        tail.append(w["numbers"])
    if section is not None and (
        (section.category or "").upper() in PREAMBLE_CATEGORIES
        or (section.label and PREAMBLE_SECTION.match(section.label))
    ):
        tail.append(w["preamble_section"])
    if len(sentence) < 30:
        tail.append(w["short"])
    return head, tuple(tail)


def _named(sentence: str, concepts: Sequence[re.Pattern]) -> int:
    """How many of the question's concepts the sentence names."""
    return sum(1 for p in concepts if p.search(sentence))


def _total(head: float, named: int, tail: Sequence[float]) -> float:
    """A sentence's score: added up in the same order whichever way it was computed."""
    score = head
    score += WEIGHTS["concept"] * named
    for add in tail:
        score += add
    return score


def _cue(sentence: str) -> float:
    """The conclusion-cue part of a sentence's score (capped)."""
    return min(
        sum(weight for pattern, weight in CUES if pattern.search(sentence)), WEIGHTS["cue_cap"]
    )


def _candidates(article: Article) -> list[_Candidate]:
    """Usable sentences of the abstract, split section by section, in document order."""
    structured = any(s.label or s.category for s in article.abstract_sections)
    found: list[_Candidate] = []
    for section in article.abstract_sections:
        if section.label and BOILERPLATE_SECTION.search(section.label):
            continue
        for sentence in split_sentences(section.text):
            if _usable(sentence):
                found.append(_Candidate(len(found), sentence, section if structured else None))
    return found


@dataclass(frozen=True, slots=True)
class _Scoring:
    """An abstract's scored sentences whatever the question: each sentence's score but for the
    question's concepts (``_score_parts``, then what ``conclusion`` adds), the pool a bottom
    line may come from, which may follow the chosen one (``conclusion.Sentences.may_follow``)
    and which are found verbatim in the abstract. Plain values: it can be kept and reread."""

    texts: tuple[str, ...]
    heads: tuple[float, ...]
    tails: tuple[tuple[float, ...], ...]
    pool: tuple[int, ...]
    follow: tuple[bool, ...]
    verbatim: tuple[bool, ...]
    limit: int

    def bottom_line(self, concepts: Sequence[re.Pattern]) -> Summary:
        """The best sentences for a question whose concepts are ``concepts``; extractive only:
        a sentence not found verbatim in the record is never shown."""
        chosen = self._best(concepts)
        verbatim = tuple(self.texts[i] for i in chosen if self.verbatim[i])
        return Summary(verbatim, "scored") if verbatim else Summary((), "none")

    def _best(self, concepts: Sequence[re.Pattern]) -> list[int]:
        texts, pool = self.texts, self.pool
        scores = [
            _total(head, _named(text, concepts), tail)
            for text, head, tail in zip(texts, self.heads, self.tails, strict=True)
        ]
        # Highest score wins; on a tie the later sentence (closer to the conclusion).
        best = max(pool, key=lambda i: (scores[i], i))
        chosen = [best]
        if self.limit > 1 and not conclusion.is_cut(texts[best]):
            if ANAPHORA.match(texts[best]) and best - 1 in pool:
                neighbours = [best - 1]
            else:
                neighbours = sorted(
                    (i for i in (best - 1, best + 1) if i in pool),
                    key=lambda i: scores[i],
                    reverse=True,
                )[:1]
                neighbours = [
                    i
                    for i in neighbours
                    if scores[i] >= WEIGHTS["second_min_score"] and self.follow[i]
                ]
            budget = WEIGHTS["max_chars"] - len(texts[best]) - 1
            chosen.extend(i for i in neighbours if len(texts[i]) <= budget)
        return sorted(chosen)


def _scoring(article: Article, limit: int) -> _Scoring | None:
    """Score the abstract's sentences by ``score_sentence`` but for the question's concepts,
    as ``conclusion`` adjusts and restricts them (closing sentences favoured, background
    penalised, not the first third of a paragraph); None when no sentence is usable."""
    candidates = _candidates(article)
    if not candidates:
        return None
    texts = [c.text for c in candidates]
    texts[-1], truncated = conclusion.strip_truncation(texts[-1])
    if not texts[-1]:
        texts, candidates = texts[:-1], candidates[:-1]
        if not candidates:
            return None
    title_words = _content_words(article.title)
    last = len(candidates) - 1
    cues = [_cue(text) for text in texts]
    parts = [
        _score_parts(
            texts[i],
            cues[i],
            c.index / last if last else 1.0,
            c.index == last,
            c.section,
            title_words,
        )
        for i, c in enumerate(candidates)
    ]
    structured = any(c.section is not None for c in candidates)
    sentences = conclusion.Sentences(
        texts,
        agenda=[bool(AGENDA.search(text)) for text in texts],
        cues=cues,
        structured=structured,
    )
    pool = sentences.eligible()
    tails = [
        (*tail, *adds)
        for (_, tail), adds in zip(parts, sentences.additions(pool, truncated), strict=True)
    ]
    members, abstract = set(pool), article.abstract
    return _Scoring(
        texts=tuple(texts),
        heads=tuple(h for h, _ in parts),
        tails=tuple(tails),
        pool=tuple(pool),
        follow=tuple(i in members and sentences.may_follow(i) for i in range(len(texts))),
        verbatim=tuple(text in abstract for text in texts),
        limit=limit,
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """What ``bottom_line`` works out of one record whatever the question (``prepare``): the
    bottom line itself when the question cannot change it, else the abstract's scored
    sentences, so that each question only counts its own concepts. Plain values (no record):
    it can be kept and reread."""

    fixed: Summary | None
    scoring: _Scoring | None = None

    def bottom_line(self, concepts: Sequence[Sequence[str]] = ()) -> Summary:
        if self.fixed is not None:
            return self.fixed
        return self.scoring.bottom_line(_patterns_of(concepts))


def prepare(article: Article, max_sentences: int = 2) -> Prepared:
    """``bottom_line``'s work on ``article`` that does not depend on the question."""
    limit = max(1, max_sentences)
    if not article.abstract.strip():
        return Prepared(Summary((), "none"))
    sentences = _conclusions(article, limit)
    if sentences:
        return Prepared(_verbatim(article, sentences, "conclusions"))
    scoring = _scoring(article, limit)
    if scoring is not None:
        return Prepared(None, scoring)
    if not article.title.strip():
        return Prepared(Summary((), "none"))
    return Prepared(_verbatim(article, (article.title.strip(),), "title-only"))


def _verbatim(article: Article, sentences: Sequence[str], source: str) -> Summary:
    """Extractive only: a sentence not found verbatim in the record is never shown."""
    record_text = article.title if source == "title-only" else article.abstract
    verbatim = tuple(s for s in sentences if s in record_text)
    if not verbatim:
        return Summary((), "none")
    return Summary(verbatim, source)


def _patterns_of(concepts: Sequence[Sequence[str]]) -> list[re.Pattern]:
    return _cached_patterns(tuple(tuple(group) for group in concepts))


@lru_cache(maxsize=64)
def _cached_patterns(concepts: tuple[tuple[str, ...], ...]) -> list[re.Pattern]:
    return _concept_patterns(concepts)


def bottom_line(
    article: Article, concepts: Sequence[Sequence[str]] = (), max_sentences: int = 2
) -> Summary:
    """One or two verbatim sentences that say what the paper found.

    Order: the first sentences of a conclusions section ("conclusions"); else the best-scored
    sentences of the abstract, returned in document order ("scored"); an abstract with no
    usable sentence (only registration or copyright lines) falls back to the title
    ("title-only"); no abstract gives ``Summary((), "none")``. Several questions of one
    record share the work: ``prepare(article).bottom_line(concepts)``.
    """
    return prepare(article, max_sentences).bottom_line(concepts)
