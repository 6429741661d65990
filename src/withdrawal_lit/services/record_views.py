"""Each record's assessment and question-free bottom-line work, done once per export however
many of the exported questions found it.

An export writes one row per question and record, and a record is found by two questions on
average: each row assessed it (``design.assess``) and summarised it (``summarize.bottom_line``)
again, about a millisecond a row. Neither depends on the question but for the concepts the
bottom line counts (``summarize.prepare`` does the rest), so both are worked out at a record's
first row and kept, pickled, in a private scratch file (``store.scratch``: never the cache)
until the export ends; memory stays flat as the cache grows. A later row reads them back and
only counts its question's concepts. They are kept under the PMID and the record's own hash:
a record revised by a refresh running beside the export is worked out again.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping

from withdrawal_lit import summarize
from withdrawal_lit.design import Assessment, assess
from withdrawal_lit.records import Article
from withdrawal_lit.store.scratch import Scratch
from withdrawal_lit.summarize import Prepared


class RecordViews:
    """What ``of`` worked out, kept in ``scratch`` (written and read by this process only)."""

    def __init__(self, scratch: Scratch):
        self.scratch = scratch

    def of(self, articles: Mapping[str, Article]) -> dict[str, tuple[Assessment, Prepared]]:
        keys = {pmid: f"{pmid}:{hash(article)}" for pmid, article in articles.items()}
        kept = self.scratch.get_many(list(keys.values()))
        out: dict[str, tuple[Assessment, Prepared]] = {}
        fresh: list[tuple[str, bytes]] = []
        for pmid, article in articles.items():
            key = keys[pmid]
            if key in kept:
                out[pmid] = pickle.loads(kept[key])  # noqa: S301 - this process's own values
                continue
            out[pmid] = assess(article), summarize.prepare(article)
            fresh.append((key, pickle.dumps(out[pmid], pickle.HIGHEST_PROTOCOL)))
        if fresh:
            self.scratch.put_many(fresh)
        return out
