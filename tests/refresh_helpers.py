"""What the refresh tests share: the shipped queries, papers NCBI adds or revises on the fake
server, and what each query returns there and in the cache."""

from __future__ import annotations

import sqlite3
from datetime import date

import corpus
from fake_eutils import FakeEutils

from withdrawal_lit.pubmed_term import normalise_term
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.settings import builtin_queries_dir

FILLED = date(2026, 11, 20)  # NCBI's date of the first refresh in these tests
QUERIES = list(load_queries([builtin_queries_dir()]).values())
KRATOM = "kratom-opioid-withdrawal"
MELATONIN = "melatonin-opioid-withdrawal"
SURVEY = "31000001"  # corpus: kratom survey (kratom queries)
MELATONIN_TRIAL = next(r["pmid"] for r in corpus.RECORDS if "melatonin" in r["title"].lower())


def kratom_paper(fake: FakeEutils, pmid: str, **changes):
    """A new on-topic record entered today: returned by the kratom withdrawal queries."""
    return fake.add_article(
        **{
            "pmid": pmid,
            "title": f"Kratom for opioid withdrawal: a randomized controlled trial ({pmid})",
            "year": fake.today.year,
            "edat": fake.today,
            "mesh": corpus.KRATOM_MESH + corpus.WITHDRAWAL_MESH,
            "abstract": "Forty adults in opioid withdrawal received kratom or placebo. Kratom "
            "reduced opioid withdrawal symptoms.",
            "pub_types": ("Journal Article", "Randomized Controlled Trial"),
            **changes,
        }
    )


def melatonin_paper(fake: FakeEutils, pmid: str):
    """A new record returned by the melatonin and sleep queries, not by the kratom ones."""
    return fake.add_article(
        pmid,
        f"Melatonin for insomnia during opioid withdrawal: a pilot trial ({pmid})",
        year=fake.today.year,
        edat=fake.today,
        mesh=(("Melatonin", True), ("Substance Withdrawal Syndrome", True), ("Humans", False)),
        abstract="Melatonin improved sleep in thirty adults during opioid withdrawal.",
        pub_types=("Journal Article", "Clinical Trial"),
    )


def expected_hits(fake: FakeEutils, queries=QUERIES) -> dict[str, set[str]]:
    """What each query returns in PubMed (the fake) today."""
    return {q.name: set(fake.search(normalise_term(q.term)).ids) for q in queries}


def cached_hits(db) -> dict[str, set[str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT query, pmid FROM hits WHERE gone_since IS NULL").fetchall()
    out: dict[str, set[str]] = {}
    for query, pmid in rows:
        out.setdefault(query, set()).add(str(pmid))
    return out


def fetched_ids(fake: FakeEutils, start: int = 0) -> list[str]:
    """The PMIDs the efetch requests since request ``start`` asked for."""
    ids: list[str] = []
    for seen in fake.requests[start:]:
        if seen.utility != "efetch":
            continue
        params = {k.lower(): v for k, v in seen.params.items()}
        if params.get("id"):
            ids += params["id"].split(",")
            continue
        stored = fake.history[params["webenv"]][params["query_key"]]
        first = int(params.get("retstart") or 0)
        ids += stored[first : first + int(params["retmax"])]
    return ids
