"""What the evidence report shows, as data (pure): a section per question, with its counts,
retractions, ranked papers (``paper.Paper``, each with its rank), search log and term
versions."""

from __future__ import annotations

from dataclasses import dataclass, field

from withdrawal_lit.paper import Paper


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class Retraction:
    pmid: str
    title: str
    year: int | None
    journal: str | None


@dataclass(frozen=True)
class LogLine:
    at: str
    mode: str
    term_version: int
    count: int | None
    new: int
    revised: int
    gone: int
    version: str | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermVersion:
    number: int
    term: str
    first_used: str
    last_used: str
    runs: int


@dataclass
class Section:
    """One question and everything the cache knows about its search."""

    name: str
    title: str
    question: str
    term: str  # as sent to PubMed at the last search
    translation: str | None = None
    count: int | None = None  # PubMed's Count at the last full search
    last_searched: str | None = None
    records: int = 0  # cached records the query returns (after --since)
    designs: list[Bar] = field(default_factory=list)  # strongest design first
    years: dict[int, int] = field(default_factory=dict)
    unknown_year: int = 0
    retractions: list[Retraction] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)  # ranked (each has its rank)
    log: list[LogLine] = field(default_factory=list)  # newest first
    versions: list[TermVersion] = field(default_factory=list)
    term_changed: bool = False  # the query file's term differs from the one searched
    trials_html: str = ""  # the registered trials block (withdrawal_lit.trial_report)


@dataclass
class Report:
    generated_at: str  # UTC, ISO 8601
    version: str
    sections: list[Section]
    limit: int | None = None
    since: int | None = None
    ranking: str = ""  # how papers are ranked, one sentence
    title: str = "Evidence report: melatonin and kratom for opioid withdrawal"
