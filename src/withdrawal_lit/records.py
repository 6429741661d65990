"""Typed records for PubMed articles (pure: no I/O).

``Article`` is what the parser (``xmlparse``) yields, what the cache stores (as JSON via
``to_dict``/``from_dict``) and what ranking, summaries and exports read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

RETRACTION_TYPES = ("Retracted Publication",)
RETRACTION_LINKS = ("RetractionIn",)
ERRATUM_LINKS = ("ErratumIn",)
CONCERN_LINKS = ("ExpressionOfConcernIn",)


@dataclass(frozen=True, slots=True)
class Author:
    last_name: str | None = None
    fore_name: str | None = None
    initials: str | None = None
    collective_name: str | None = None
    affiliations: tuple[str, ...] = ()
    orcid: str | None = None

    @property
    def display(self) -> str:
        """'Smith JA' as PubMed lists authors; a collective name as it is."""
        if self.collective_name:
            return self.collective_name
        return " ".join(p for p in (self.last_name, self.initials) if p)


@dataclass(frozen=True, slots=True)
class AbstractSection:
    text: str
    label: str | None = None  # the AbstractText Label attribute, e.g. "CONCLUSIONS"
    category: str | None = None  # the NlmCategory attribute, e.g. "CONCLUSIONS"


@dataclass(frozen=True, slots=True)
class MeshHeading:
    descriptor: str
    ui: str | None = None
    major: bool = False  # descriptor or any qualifier is a major topic
    qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CommentCorrection:
    ref_type: str  # RetractionIn, RetractionOf, ErratumIn, ExpressionOfConcernIn, CommentIn...
    pmid: str | None = None
    source: str | None = None  # the RefSource citation text


@dataclass(frozen=True, slots=True)
class Article:
    pmid: str
    title: str = ""
    abstract_sections: tuple[AbstractSection, ...] = ()
    authors: tuple[Author, ...] = ()
    journal: str = ""
    journal_iso: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: int | None = None
    pub_date: str | None = None  # "2019", "2019-03" or "2019-03-05", as precise as the record
    publication_types: tuple[str, ...] = ()
    mesh: tuple[MeshHeading, ...] = ()
    keywords: tuple[str, ...] = ()
    doi: str | None = None
    pmcid: str | None = None
    nihms_id: str | None = None
    languages: tuple[str, ...] = ()
    entrez_date: str | None = None  # YYYY-MM-DD (PubMedPubDate PubStatus="entrez")
    created_date: str | None = None  # YYYY-MM-DD (PubStatus="pubmed", PubMed's "Create Date")
    revised_date: str | None = None  # YYYY-MM-DD (DateRevised)
    comments_corrections: tuple[CommentCorrection, ...] = ()
    status: str | None = None  # MedlineCitation Status: MEDLINE, PubMed-not-MEDLINE, ...
    is_book: bool = False  # PubmedBookArticle
    publisher: str | None = None  # books
    trial_ids: tuple[str, ...] = ()  # ClinicalTrials.gov numbers in the DataBankList

    # -- derived views -------------------------------------------------------------------
    @property
    def abstract(self) -> str:
        """The abstract as plain text, sections joined by a space (labels not included)."""
        return " ".join(s.text for s in self.abstract_sections if s.text)

    @property
    def retracted(self) -> bool:
        return any(t in RETRACTION_TYPES for t in self.publication_types) or any(
            c.ref_type in RETRACTION_LINKS for c in self.comments_corrections
        )

    @property
    def has_erratum(self) -> bool:
        return any(c.ref_type in ERRATUM_LINKS for c in self.comments_corrections)

    @property
    def expression_of_concern(self) -> bool:
        return any(c.ref_type in CONCERN_LINKS for c in self.comments_corrections)

    @property
    def mesh_terms(self) -> tuple[str, ...]:
        return tuple(m.descriptor for m in self.mesh)

    @property
    def first_author(self) -> str:
        return self.authors[0].display if self.authors else ""

    @property
    def url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"

    # -- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict:
        """What ``dataclasses.asdict`` returns, built directly: asdict deep-copies every value
        and was most of the time the cache spent writing a record."""
        data = _shallow_dict(self)
        for name in _NESTED:
            data[name] = tuple(_shallow_dict(item) for item in data[name])
        if not data["trial_ids"]:
            # Left out when empty, so that records cached before the field existed compare
            # equal to a fresh copy and are not counted as revised.
            del data["trial_ids"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["abstract_sections"] = tuple(
            AbstractSection(**s) for s in values.get("abstract_sections", ())
        )
        values["authors"] = tuple(
            Author(**{**a, "affiliations": tuple(a.get("affiliations", ()))})
            for a in values.get("authors", ())
        )
        values["mesh"] = tuple(
            MeshHeading(**{**m, "qualifiers": tuple(m.get("qualifiers", ()))})
            for m in values.get("mesh", ())
        )
        values["comments_corrections"] = tuple(
            CommentCorrection(**c) for c in values.get("comments_corrections", ())
        )
        for name in ("publication_types", "keywords", "languages", "trial_ids"):
            values[name] = tuple(values.get(name, ()))
        return cls(**values)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What esearch said: the history handle, the count, the ids and NCBI's messages."""

    count: int
    ids: tuple[str, ...] = ()
    webenv: str | None = None
    query_key: str | None = None
    query_translation: str | None = None
    errors: tuple[str, ...] = ()  # ErrorList entries, e.g. "PhraseNotFound: abcXYZ"
    warnings: tuple[str, ...] = ()  # WarningList entries, e.g. "OutputMessage: No items found."


@dataclass(frozen=True, slots=True)
class PostResult:
    webenv: str
    query_key: str


@dataclass(frozen=True, slots=True)
class Query:
    """A predefined question from a TOML file in queries/."""

    name: str
    title: str
    question: str
    term: str
    tags: tuple[str, ...] = ()
    concepts: tuple[tuple[str, ...], ...] = field(default=())  # synonym groups for ranking
    path: str | None = None
    registry_term: str | None = None  # ClinicalTrials.gov search expression (Essie syntax)
    roles: tuple[str, ...] = ()  # one per concept group: intervention, condition... (roles.py)


# Article fields holding tuples of the record types above (their own fields are plain values).
_NESTED = ("abstract_sections", "authors", "mesh", "comments_corrections")
_FIELD_NAMES = {
    cls: tuple(f.name for f in fields(cls))
    for cls in (Article, Author, AbstractSection, MeshHeading, CommentCorrection)
}
_FIELD_VALUES = {cls: attrgetter(*names) for cls, names in _FIELD_NAMES.items()}


def _shallow_dict(record) -> dict:
    cls = type(record)
    return dict(zip(_FIELD_NAMES[cls], _FIELD_VALUES[cls](record), strict=True))
