"""The one read model of a paper, and its one JSON shape (pure: no I/O).

``Paper`` is what every output shows of a PubMed record: `search`, `show`, `digest`, `new`,
`export` (every format; JSON Lines rows are exactly ``to_json()``) and `report`. It joins the
cached ``Article`` with its assessment (design, population, flags), its bottom line, and what
the command knows around it: where a query ranked it and why, the questions that found it, the
registered trials it reports, when it came in. ``to_json()`` always carries every key, ``null``
where the command does not know the value (``rank`` in `show`, ``found_by`` in `search`...),
so one parser reads them all. The record part is ``Article.to_dict()``: a JSON Lines row reads
back with ``Article.from_dict``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: export (imported at CLI start-up) imports this module
    from withdrawal_lit.design import Assessment
    from withdrawal_lit.records import Article
    from withdrawal_lit.summarize import Summary


@dataclass(frozen=True, slots=True)
class Paper:
    article: Article
    assessment: Assessment
    summary: Summary  # the bottom line: verbatim sentences of the abstract (or the title)
    query: str | None = None  # the query that ranked it ("a; b" in a de-duplicated export)
    rank: int | None = None
    score: float | None = None
    score_components: Mapping[str, float] | None = None
    explain: str | None = None  # with --explain: what the roles component saw in it
    found_by: tuple[str, ...] | None = None  # `show`: every query that found it
    registrations: tuple[dict, ...] | None = None  # `show`: linked trials (nct_id, sources...)
    change: str | None = None  # `new`: "new" or "revised"
    at: str | None = None  # `new`: when, UTC, ISO 8601

    # -- what renderers read most ------------------------------------------------------------
    @property
    def pmid(self) -> str:
        return self.article.pmid

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def year(self) -> int | None:
        return self.article.year

    @property
    def venue(self) -> str:
        """The journal as PubMed cites it (ISO abbreviation), else its full title."""
        return self.article.journal_iso or self.article.journal

    @property
    def design(self) -> str:
        return self.assessment.design.slug

    @property
    def design_label(self) -> str:
        return self.assessment.design.label

    @property
    def evidence_level(self) -> int:
        return self.assessment.design.level

    @property
    def retracted(self) -> bool:
        return self.assessment.retracted

    @property
    def bottom_line(self) -> str:
        return self.summary.text

    @property
    def url(self) -> str:
        return self.article.url

    def to_json(self) -> dict:
        a, d, s = self.article, self.assessment, self.summary
        record = a.to_dict()
        record["trial_ids"] = list(a.trial_ids)  # to_dict leaves it out when empty
        return {
            **record,
            "author_names": [au.display for au in a.authors],
            "url": a.url,
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
            "bottom_line": s.text,
            "bottom_line_sentences": list(s.sentences),
            "bottom_line_source": s.source,
            "query": self.query,
            "rank": self.rank,
            "score": self.score,
            "score_components": (
                None if self.score_components is None else dict(self.score_components)
            ),
            "explain": self.explain,
            "found_by": None if self.found_by is None else list(self.found_by),
            "registrations": None if self.registrations is None else list(self.registrations),
            "change": self.change,
            "at": self.at,
        }
