"""The real on-topic record set (../shared/realdata/ontopic/), read by path, as a ranking and
bottom-line benchmark: a cache built from its records, its graded judgments per question, and
the authors' own conclusions.

Nothing here is copied into the repository: the set is read where it lies. See its README.md.

Pool: every one of the set's records is a candidate for every question (each query's hits
are all 51 records), the harder setting: a ranker must push near misses down by itself
rather than rely on the PubMed term to leave them out. ``matching`` gives the second pool,
the records naming every subject concept of the question (what a boolean term would return).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from withdrawal_lit.records import Article, Query
from withdrawal_lit.store import Store

ONTOPIC = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "ontopic"

# The set's topics and the shipped queries that ask the same question.
TOPIC_QUERY = {
    "kratom-for-opioid-withdrawal": "kratom-opioid-withdrawal",
    "kratom-safety-dependence": "kratom-safety-dependence",
    "kratom-pharmacology": "kratom-pharmacology",
    "melatonin-opioid-withdrawal": "melatonin-opioid-withdrawal",
    "sleep-opioid-withdrawal": "sleep-opioid-withdrawal",
    "complementary-opioid-withdrawal-trials": "complementary-opioid-withdrawal-trials",
    "melatonin-kratom-combined": "melatonin-kratom-natural",
}
# One ad-hoc term per topic, written as a user would type it into `search --term`.
USER_TERMS = {
    "kratom-for-opioid-withdrawal": "kratom AND opioid withdrawal",
    "kratom-safety-dependence": "kratom AND (adverse effects OR dependence OR toxicity)",
    "kratom-pharmacology": "(mitragynine OR kratom) AND opioid receptor",
    "melatonin-opioid-withdrawal": "melatonin AND (opioid withdrawal OR morphine withdrawal)",
    "sleep-opioid-withdrawal": "sleep AND (opioid withdrawal OR methadone OR buprenorphine)",
    "complementary-opioid-withdrawal-trials": (
        "(acupuncture OR herbal OR complementary) AND opioid withdrawal AND trial"
    ),
    "melatonin-kratom-combined": "melatonin AND kratom",
}


@dataclass(frozen=True)
class RealSet:
    folder: Path
    articles: dict[str, Article]
    qrels: dict[str, dict[str, int]]  # topic -> pmid -> grade
    conclusions: dict[str, str]  # pmid -> the authors' conclusion ("" when never seen)


def available(folder: Path = ONTOPIC) -> bool:
    return (folder / "records.xml").is_file() and (folder / "qrels.tsv").is_file()


def load(folder: Path = ONTOPIC) -> RealSet:
    from withdrawal_lit.xmlparse import iter_articles

    with (folder / "records.xml").open("rb") as fh:
        articles = {a.pmid: a for a in iter_articles(fh)}
    qrels: dict[str, dict[str, int]] = {}
    with (folder / "qrels.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            qrels.setdefault(row["topic"], {})[row["pmid"]] = int(row["grade"])
    records = json.loads((folder / "records.json").read_text(encoding="utf-8"))
    conclusions = {str(r["pmid"]): r.get("bottom_line") or "" for r in records}
    return RealSet(folder, articles, qrels, conclusions)


@contextmanager
def cache(real: RealSet, queries: Mapping[str, Query], path: Path) -> Iterator[Store]:
    """A cache at ``path`` holding every record of the set, each a hit of every query."""
    from withdrawal_lit.services.common import derive

    seen = "2026-01-01T00:00:00Z"
    store = Store.open(path)
    try:
        with store.transaction():
            store.upsert(((a, derive(a)) for a in real.articles.values()), seen)
            for query in queries.values():
                store.record_hits(query.name, real.articles, seen)
        yield store
    finally:
        store.close()
