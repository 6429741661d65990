"""`queries check`: each query's term sent to PubMed once, and what PubMed made of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from withdrawal_lit.errors import NcbiError
from withdrawal_lit.pubmed import QUERY_HINT, EntrezClient
from withdrawal_lit.pubmed_term import normalise_term
from withdrawal_lit.querycheck import Review, review
from withdrawal_lit.records import Query
from withdrawal_lit.services.progress import NullProgress, Progress
from withdrawal_lit.settings import Settings


@dataclass
class QueryCheck:
    query: Query
    count: int | None  # None: PubMed refused the term
    translation: str | None
    review: Review

    @property
    def ok(self) -> bool:
        return self.review.ok

    def to_json(self) -> dict:
        return {
            "name": self.query.name,
            "ok": self.ok,
            "count": self.count,
            "term": normalise_term(self.query.term),
            "translation": self.translation,
            "messages": [{"kind": k, "text": t} for k, t in self.review.messages],
            "split": [leaf.show() for leaf in self.review.split],
            "dropped": [leaf.show() for leaf in self.review.dropped],
            "problems": list(self.review.problems),
            "file": self.query.path,
        }


def check(
    settings: Settings, queries: Sequence[Query], progress: Progress | None = None
) -> list[QueryCheck]:
    """One esearch per query (retmax=0, no history): the count, NCBI's messages and the
    translation, reviewed. A term PubMed refuses is a failed check, not an error; network
    trouble and NCBI outages raise as everywhere else."""
    progress = progress or NullProgress()
    progress.start(len(queries), "Checking the queries with PubMed")
    out = []
    with EntrezClient(settings) as client:
        for query in queries:
            term = normalise_term(query.term)
            try:
                result = client.esearch(term, retmax=0, usehistory=False)
            except NcbiError as exc:
                if exc.hint != QUERY_HINT:
                    raise
                refused = Review(problems=[exc.message])
                out.append(QueryCheck(query, None, None, refused))
            else:
                reviewed = review(term, result.query_translation, result.errors, result.warnings)
                out.append(QueryCheck(query, result.count, result.query_translation, reviewed))
            progress.advance(1)
    return out
