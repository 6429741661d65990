"""Golden checks for the per-record work of `export` and `search`: faster paths write the same
bytes.

Two kinds of check:

* every record's assessment and bottom line (for every shipped question's concepts) digested,
  for the synthetic test corpus and the real on-topic records: the digests were taken before
  the summary and assessment paths were sped up. A deliberate change to the classification or
  bottom-line rules changes them: update ``DIGESTS`` in the same commit, saying why.
* the export of the test corpus and of the real records, in every format, equal to an export
  written row by row the plain way (rank, load the record, ``design.assess`` and
  ``summarize.bottom_line`` for that row alone): sharing work between rows and queries must
  not change a byte. This one holds whatever the ranking rules are.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from datetime import UTC, datetime

import corpus
import pytest
from conftest import REALDATA
from export_samples import BOOK, KRATOM_RCT, MELATONIN_RATS, RETRACTED, SAME_KEY, SAME_KEY_TOO
from fake_eutils import FakeRecord
from test_export_cli import fill

from withdrawal_lit import export as formats
from withdrawal_lit import summarize
from withdrawal_lit.design import assess
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.services import export as service
from withdrawal_lit.services import ranking
from withdrawal_lit.services.paper_views import _dump
from withdrawal_lit.services.search import Filters
from withdrawal_lit.settings import builtin_queries_dir
from withdrawal_lit.store import Store
from withdrawal_lit.xmlparse import iter_articles

DIGESTS = {
    "synthetic": "97e6420766ac833f58eccddcc0cf6f507d01cffcd8ec690d3b160a86e6b02190",
    "real": "c65929ba9efa032e866838ca7fd58cc00627ea51ae71efae116248cb7b88a83f",
}
EXPORTS = [
    ("csv", False),
    ("csv", True),  # --dedupe
    ("jsonl", False),
    ("ris", False),
    ("bibtex", False),
    ("medline", False),
]


def _queries():
    return list(load_queries([builtin_queries_dir()]).values())


def synthetic_articles() -> list:
    """The test corpus (as the fake server serves it) and the export samples."""
    xml = "".join(FakeRecord.build(**record).xml for record in corpus.RECORDS)
    body = f'<?xml version="1.0" ?>\n<PubmedArticleSet>{xml}</PubmedArticleSet>'
    parsed = list(iter_articles(io.BytesIO(body.encode())))
    return parsed + [KRATOM_RCT, MELATONIN_RATS, RETRACTED, BOOK, SAME_KEY, SAME_KEY_TOO]


def real_articles_or_skip() -> list:
    path = REALDATA / "ontopic" / "records.xml"
    if not path.is_file():
        pytest.skip("../shared/realdata/ontopic is not beside this checkout")
    with path.open("rb") as stream:
        return list(iter_articles(stream))


def digest(articles) -> str:
    """Every record's assessment, and its bottom line for each question, as one digest."""
    queries = _queries()
    h = hashlib.sha256()
    for article in articles:
        for query in queries:
            view = _dump(assess(article), summarize.bottom_line(article, query.concepts))
            h.update(f"{article.pmid}\t{query.name}\t{view}\n".encode())
    return h.hexdigest()


def test_synthetic_assessments_and_bottom_lines_are_unchanged():
    assert digest(synthetic_articles()) == DIGESTS["synthetic"]


def test_real_assessments_and_bottom_lines_are_unchanged():
    assert digest(real_articles_or_skip()) == DIGESTS["real"]


# -- the export against a row-by-row one ---------------------------------------------------
def fill_all(path, articles) -> None:
    """A cache where every question found every record (with its own rank order)."""
    unique = tuple({a.pmid: a for a in articles}.values())
    fill(path, {query.name: unique for query in _queries()})


def row_by_row(store: Store, fmt: str, dedupe: bool) -> str:
    """The export written the plain way: every row assessed and summarised on its own."""
    from dataclasses import replace

    from withdrawal_lit.paper import Paper

    dedupe = dedupe or fmt in formats.REFERENCE_FORMATS
    queries = _queries()
    found_by: dict[str, list[str]] = {}
    rows = []
    for query in queries:
        for r in ranking.in_order(store, query, Filters(limit=None), datetime.now(UTC).year):
            found_by.setdefault(r.pmid, []).append(query.name)
            rows.append((query, r))
    papers = []
    seen: set[str] = set()
    for query, r in rows:
        if dedupe and r.pmid in seen:
            continue
        seen.add(r.pmid)
        article = store.get(r.pmid)
        paper = Paper(
            article=article,
            assessment=assess(article),
            summary=summarize.bottom_line(article, query.concepts),
            query=query.name,
            rank=r.rank,
            score=r.score,
            score_components=dict(r.components),
        )
        if dedupe:
            paper = replace(paper, query=formats.QUERY_SEPARATOR.join(found_by[r.pmid]))
        papers.append(paper)
    out = io.StringIO()
    formats.writer(fmt, abstract=True, excel=False)(iter(papers), out)
    return out.getvalue()


def exported(store: Store, fmt: str, dedupe: bool) -> str:
    options = service.ExportOptions(fmt=fmt, abstract=True, dedupe=dedupe)
    out = io.StringIO()
    service.export(store, _queries(), out, options)
    return out.getvalue()


@pytest.fixture(scope="module", params=["synthetic", "real"])
def golden_cache(request, tmp_path_factory):
    articles = synthetic_articles() if request.param == "synthetic" else real_articles_or_skip()
    path = tmp_path_factory.mktemp(request.param) / "cache.sqlite3"
    fill_all(path, articles)
    with Store.open(path, readonly=True) as store:
        yield store


@pytest.mark.parametrize(("fmt", "dedupe"), EXPORTS)
def test_export_equals_a_row_by_row_export(golden_cache, fmt, dedupe):
    assert exported(golden_cache, fmt, dedupe) == row_by_row(golden_cache, fmt, dedupe)


if __name__ == "__main__":  # print the digests (to update DIGESTS after a deliberate change)
    print(json.dumps({"synthetic": digest(synthetic_articles())}))
    if (REALDATA / "ontopic" / "records.xml").is_file():
        with (REALDATA / "ontopic" / "records.xml").open("rb") as stream:
            print(json.dumps({"real": digest(list(iter_articles(stream)))}))
    sys.exit(0)
