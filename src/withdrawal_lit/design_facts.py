"""What the design rules read of one article, computed once: its lowercased study text
(background sections and hedged sentences set aside) and its MeSH subjects (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from withdrawal_lit.design_cues import BACKGROUND_CATEGORIES, BACKGROUND_LABELS, HEDGE
from withdrawal_lit.design_vocabulary import (
    MESH_CELL_ORIGIN_SPECIES,
    MESH_HUMAN_PARTICIPANTS,
    MESH_IN_VITRO,
    MESH_SPECIES,
)
from withdrawal_lit.records import Article
from withdrawal_lit.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class StudyText:
    """The parts of a record that text cues read.

    All lowercased: the cues (``cue``) are written for lowercase text.
    """

    title: str
    sentences: tuple[str, ...]  # abstract sentences, background sections left out
    keywords: tuple[str, ...]
    study: str  # title and sentences without hedges: what this paper says it did
    full: str  # title, sentences and keywords


def study_text(article: Article) -> StudyText:
    sentences: list[str] = []
    for section in article.abstract_sections:
        if section.category in BACKGROUND_CATEGORIES or (
            section.label and BACKGROUND_LABELS.match(section.label)
        ):
            continue
        # Split before lowercasing: a capital letter is how a sentence start is recognised.
        sentences.extend(s.lower() for s in split_sentences(section.text))
    title = (article.title or "").lower()
    keywords = tuple(k.lower() for k in article.keywords)
    study = " ".join([title, *(s for s in sentences if not HEDGE.search(s))])
    full = " ".join([title, *sentences, *keywords])
    return StudyText(title, tuple(sentences), keywords, study, full)


@dataclass(frozen=True, slots=True)
class Mesh:
    terms: frozenset[str]

    def has(self, names: Iterable[str]) -> bool:
        return any(n in self.terms for n in names)

    @property
    def in_vitro(self) -> bool:
        return self.has(MESH_IN_VITRO)

    @property
    def species(self) -> bool:
        """Living animals: species descriptors (or the Animals check tag without cell lines)."""
        if any(t in MESH_SPECIES or t.startswith(("Rats, ", "Mice, ")) for t in self.terms):
            return True
        return "Animals" in self.terms and not (self.in_vitro or self.has(MESH_CELL_ORIGIN_SPECIES))

    @property
    def humans(self) -> bool:
        """Human participants: "Humans", unless it only marks human cells or tissue."""
        if "Humans" not in self.terms:
            return False
        return not self.in_vitro or self.has(MESH_HUMAN_PARTICIPANTS)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules read of one article, computed once."""

    article: Article
    mesh: Mesh
    text: StudyText


def facts_of(article: Article) -> Facts:
    return Facts(article, Mesh(frozenset(article.mesh_terms)), study_text(article))
