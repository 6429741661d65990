"""The one read model of a registered trial, and its one JSON shape (pure: no I/O).

``TrialView`` is what every output shows of a trial: `search`, `show NCT...`, `digest`,
`report`, `export --trials` (JSONL rows are exactly ``to_json()``; CSV columns are flattened
from it) and `new`. It joins the parsed ``Trial`` with what the cache knows around it: the
papers linked to it (and how), the questions that found it, and the unreported verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from withdrawal_lit.trials import Trial
from withdrawal_lit.unreported import Verdict, assess

# How a paper and a trial came to be linked.
LINK_SOURCES = {
    "register": "the register lists the paper as a RESULT or DERIVED reference",
    "databank": "the PubMed record's DataBankList names the trial",
    "abstract": "the paper's abstract names the trial",
}


@dataclass(frozen=True, slots=True)
class TrialLink:
    pmid: str
    source: str  # register, databank, abstract
    cached: bool = False  # the paper is in the local cache


@dataclass(frozen=True, slots=True)
class TrialView:
    trial: Trial
    links: tuple[TrialLink, ...] = ()
    questions: tuple[str, ...] = ()
    verdict: Verdict | None = None
    first_seen: str | None = None

    @classmethod
    def build(cls, trial: Trial, links, questions=(), *, today: date, first_seen=None):
        links = tuple(links)
        pmids = tuple(dict.fromkeys(link.pmid for link in links))
        return cls(trial, links, tuple(questions), assess(trial, pmids, today), first_seen)

    @property
    def linked_pmids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(link.pmid for link in self.links))

    @property
    def unreported(self) -> bool:
        return bool(self.verdict and self.verdict.flagged)

    def to_json(self) -> dict:
        t = self.trial
        return {
            "nct_id": t.nct_id,
            "url": t.url,
            "title": t.brief_title,
            "official_title": t.official_title,
            "status": t.status,
            "last_known_status": t.last_known_status,
            "why_stopped": t.why_stopped,
            "phases": list(t.phases),
            "study_type": t.study_type,
            "enrollment": {"count": t.enrollment, "type": t.enrollment_type},
            "dates": {
                "start": t.start_date,
                "start_type": t.start_date_type,
                "primary_completion": t.primary_completion_date,
                "primary_completion_type": t.primary_completion_date_type,
                "completion": t.completion_date,
                "completion_type": t.completion_date_type,
                "first_posted": t.first_posted,
                "results_first_posted": t.results_first_posted,
                "last_update_posted": t.last_update_posted,
            },
            "conditions": list(t.conditions),
            "interventions": [{"type": i.type, "name": i.name} for i in t.interventions],
            "arms": [
                {"label": a.label, "type": a.type, "interventions": list(a.interventions)}
                for a in t.arms
            ],
            "primary_outcomes": [
                {"measure": o.measure, "time_frame": o.time_frame} for o in t.primary_outcomes
            ],
            "sponsor": t.sponsor,
            "has_results": t.has_results,
            "references": [
                {"pmid": r.pmid, "type": r.type, "citation": r.citation} for r in t.references
            ],
            "linked_papers": [
                {"pmid": link.pmid, "source": link.source, "cached": link.cached}
                for link in self.links
            ],
            "questions": list(self.questions),
            "unreported": self.verdict.to_json() if self.verdict else None,
            "first_seen": self.first_seen,
        }
