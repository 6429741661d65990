"""What an ingest stores, to the byte: the rows of every table an efetch batch writes.

Records are parsed (``xmlparse``), classified (``assessment.derive``) and stored
(``Store.upsert``) as a search stores them, in batches, then revised, fetched again unchanged
and given twice in one batch. A digest of every stored row (the records with their JSON and
derived columns, the full-text index's content, the trial links, the change counter) must equal
the one recorded when the write path was last changed on purpose: a faster parser,
classifier or write path must store exactly what the one before it stored. When a change is
meant to alter what is stored (a new field, new classification rules), update the digest in
the same commit and say why.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3

import corpus
import pytest
from conftest import REALDATA
from fake_eutils import PUBMED_HEAD, make_article_xml

from withdrawal_lit.services.assessment import derive
from withdrawal_lit.store import Store
from withdrawal_lit.xmlparse import iter_articles

SEEN = "2026-01-02T03:04:05Z"
LATER = "2026-02-03T04:05:06Z"
BATCH = 7  # small batches, so records and their revisions fall into several

# The stored rows, column by column; the full-text index through its content, as queries see it.
TABLES = {
    "records": "SELECT * FROM records ORDER BY pmid",
    "records_fts": "SELECT rowid, title, abstract, mesh, keywords FROM records_fts ORDER BY rowid",
    "trial_links": "SELECT * FROM trial_links ORDER BY nct_id, pmid, source",
    "cache_generation": "SELECT n FROM cache_generation",
}
CORPUS_DIGEST = "b0c770e5d4fa126f4c62bd20c538d9d6cfe19352540f4f5f1813bb6131427214"
REAL_DIGEST = "7bf9b16190bc4898da5b4906e262619218f1d8b955375984598e93233b65715f"

EXTRA = [  # trial ids in the abstract and a record with nothing but a title
    dict(
        pmid="39000001",
        title="Melatonin for opioid withdrawal insomnia: a randomised trial (NCT01234567).",
        abstract="Registered as NCT01234567 and nct07654321. 64 adults were randomised (n = 32).",
        year=2024,
        pub_types=("Randomized Controlled Trial",),
    ),
    dict(pmid="39000002", title="Kratom.", year=2023),
]


def _body(records: list[dict]) -> bytes:
    xml = "\n".join(make_article_xml(**r) for r in records)
    return (PUBMED_HEAD + "<PubmedArticleSet>\n" + xml + "\n</PubmedArticleSet>\n").encode()


def _ingest(store: Store, body: bytes, at: str) -> None:
    articles = list(iter_articles(io.BytesIO(body)))
    with store.transaction():
        for start in range(0, len(articles), BATCH):
            store.upsert([(a, derive(a)) for a in articles[start : start + BATCH]], at)


def _digest(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    for name, sql in TABLES.items():
        digest.update(name.encode())
        for row in conn.execute(sql):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _revised(records: list[dict]) -> list[dict]:
    """Every third record revised (a new title and an added sentence), in reverse order."""
    out = []
    for record in records[::3]:
        changed = dict(record, title=record["title"] + " (corrected)")
        if "abstract" in record:
            changed["abstract"] = record["abstract"] + " Twelve patients were excluded."
        out.append(changed)
    return out[::-1]


def test_corpus_ingest_stores_exactly_what_it_stored(store):
    records = corpus.RECORDS + EXTRA
    _ingest(store, _body(records), SEEN)
    _ingest(store, _body(records[:10]), LATER)  # unchanged: only fetched_at moves
    twice = _revised(records)
    _ingest(store, _body(twice + twice[:2]), LATER)  # revised, two of them given twice
    assert store.count_records() == len(records)
    assert _digest(store.conn) == CORPUS_DIGEST


def test_real_records_ingest_stores_exactly_what_it_stored(store):
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is not beside this checkout")
    files = sorted(REALDATA.glob("pubmed*.xml")) + [REALDATA / "ontopic" / "records.xml"]
    for path in files:
        _ingest(store, path.read_bytes(), SEEN)
    _ingest(store, files[-1].read_bytes(), LATER)
    assert _digest(store.conn) == REAL_DIGEST
