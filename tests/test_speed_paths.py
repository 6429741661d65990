"""The quicker paths give the same answers as the ones they replace: serialising records,
classifying them for the cache, the C tree builder behind its entity guard, fetching one batch
ahead, and the indexed lookups of the cache."""

from __future__ import annotations

import dataclasses
import io
import threading
from pathlib import Path

import pytest
from corpus import RECORDS
from fake_eutils import PUBMED_HEAD, make_article_xml

from withdrawal_lit import design, errors
from withdrawal_lit.efetch import produced
from withdrawal_lit.records import Article
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.store import Derived, Store
from withdrawal_lit.xmlparse import iter_articles

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
BOOKS = Path(__file__).resolve().parent / "data" / "xml" / "book_articles.xml"


def corpus_articles() -> list[Article]:
    body = (
        PUBMED_HEAD
        + "<PubmedArticleSet>"
        + "".join(make_article_xml(**record) for record in RECORDS)
    )
    return list(iter_articles(io.BytesIO((body + "</PubmedArticleSet>").encode())))


def real_articles() -> list[Article]:
    paths = sorted(REALDATA.glob("pubmed*.xml")) + [BOOKS]
    return [a for path in paths if path.exists() for a in iter_articles(path.open("rb"))]


ARTICLES = corpus_articles() + real_articles()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.pmid)
def test_to_dict_is_what_asdict_gives(article):
    fast = article.to_dict()
    slow = dataclasses.asdict(article)
    if not slow["trial_ids"]:  # left out when empty, so older cached copies compare equal
        del slow["trial_ids"]
    assert fast == slow
    assert list(fast) == list(slow)
    assert Article.from_dict(fast) == article


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.pmid)
def test_derive_stores_what_the_full_assessment_says(article):
    full = design.assess(article)
    derived = derive(article)
    assert (derived.design, derived.evidence_level) == (full.design.slug, full.design.level)
    assert (derived.population, derived.sample_size) == (full.population, full.sample_size)


class Trickle(io.RawIOBase):
    """A stream that hands out ``size`` bytes per read, as a slow connection does."""

    def __init__(self, data: bytes, size: int):
        self._data, self._size = data, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk, self._data = self._data[: self._size], self._data[self._size :]
        buffer[: len(chunk)] = chunk
        return len(chunk)


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n <!ENTITY a "aaaaaaaaaa">\n'
    ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
    "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
    "<ArticleTitle>&b;</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
    "</PubmedArticleSet>"
)
UNPARSED = (
    '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n <!NOTATION gif SYSTEM "viewer">\n'
    ' <!ENTITY logo SYSTEM "file:///etc/hostname" NDATA gif>\n]>\n<PubmedArticleSet/>'
)


@pytest.mark.parametrize("size", [1, 7, 64 * 1024])
@pytest.mark.parametrize("document", [BOMB, UNPARSED], ids=["internal", "unparsed"])
def test_entity_declarations_are_refused_however_the_body_is_cut(document, size):
    with pytest.raises(errors.UnsafeXml, match="declares the entity"):
        list(iter_articles(Trickle(document.encode(), size)))


@pytest.mark.parametrize("size", [1, 13, 64 * 1024])
def test_pubmed_doctype_read_in_pieces_parses(size):
    body = PUBMED_HEAD + "<PubmedArticleSet>" + make_article_xml(**RECORDS[0])
    body += "</PubmedArticleSet>"
    (article,) = iter_articles(Trickle(body.encode(), size))
    assert article.pmid == RECORDS[0]["pmid"]


def test_produced_keeps_order_and_hands_over_the_error_after_the_items():
    def batches():
        yield 1
        yield 2
        raise errors.NcbiError("missing PMIDs: 3")

    seen = []
    with pytest.raises(errors.NcbiError, match="missing PMIDs"):
        for item in produced(lambda emit: [emit(n) for n in batches()]):
            seen.append(item)
    assert seen == [1, 2]


def test_produced_works_one_ahead_and_stops_when_the_caller_does():
    made: list[int] = []
    finished = threading.Event()

    def batches():
        try:
            for n in range(100):
                made.append(n)
                yield n
        finally:
            finished.set()

    for item in produced(lambda emit: [emit(n) for n in batches()]):
        if item == 3:
            break
    finished.wait(timeout=5)
    assert made[:4] == [0, 1, 2, 3]
    assert len(made) <= 6  # the item in the caller's hands, one in the slot, one being made


def test_stale_assessments_are_found_through_the_index(tmp_path):
    with Store.open(tmp_path / "c.sqlite3") as store:
        versions = {"1": None, "2": "0", "3": "1", "4": "2"}
        with store.transaction():
            store.upsert(
                [
                    (Article(pmid=p, title="t"), Derived("rct", 2, "human", 1, v))
                    for p, v in versions.items()
                ],
                "t",
            )
        stale = sorted(a.pmid for a in store.stale_assessments("1"))
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT data FROM records WHERE assessed_with IS NULL "
            "OR assessed_with < ? OR assessed_with > ?",
            ("1", "1"),
        ).fetchall()
    assert stale == ["1", "2", "4"]
    assert any("records_assessed" in row[3] for row in plan)


def test_query_state_counts_cached_records_only_when_asked(tmp_path):
    with Store.open(tmp_path / "c.sqlite3") as store:
        with store.transaction():
            store.upsert([(Article(pmid="1", title="t"), Derived("rct", 2, "h", 1, "1"))], "t")
            store.record_hits("q", ["1", "2"], "t")  # PMID 2 is not cached
            store.save_query_state(
                "q", title="Q", term="x", term_hash="h", count=2, translation=None, success_at="t"
            )
        assert store.query_state("q").cached == 1
        assert store.query_state("q", count_cached=False).cached is None
        assert store.query_state("q", count_cached=False).last_count == 2
