"""`digest`: the service on a hand-filled cache (table-driven), the bar and year helpers, and the
command end to end against the fake E-utilities server loaded with the on-topic corpus."""

from __future__ import annotations

import json
import sqlite3

import pytest
from cli_run import run

from withdrawal_lit.cli.digest_cmds import bar, year_rows
from withdrawal_lit.errors import NotFound
from withdrawal_lit.records import AbstractSection, Article, CommentCorrection, Query
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.services.digest import design_counts, digest
from withdrawal_lit.store import Store

THIS_YEAR = 2026
QUERY = Query(
    name="kratom-test",
    title="Kratom and withdrawal",
    question="Does kratom relieve opioid withdrawal?",
    term="kratom AND withdrawal",
    concepts=(("kratom", "mitragynine"), ("withdrawal", "opioid use disorder")),
)
OTHER = Query(
    name="never-searched",
    title="Never searched",
    question="?",
    term="melatonin",
    concepts=(("melatonin",),),
)


def _article(pmid, title, year, edat, types, text, retracted=False) -> Article:
    return Article(
        pmid=pmid,
        title=title,
        year=year,
        entrez_date=edat,
        publication_types=("Journal Article", *types),
        abstract_sections=(AbstractSection(text),),
        comments_corrections=(CommentCorrection("RetractionIn", "99999999"),) if retracted else (),
        journal="Test Journal",
    )


# pmid, title, year, entrez date, publication types, abstract, retracted
RECORDS = [
    ("101", "Kratom for opioid withdrawal: a meta-analysis.", 2021, "2021-05-01",
     ("Meta-Analysis", "Systematic Review"),
     "We pooled 12 studies of kratom and opioid withdrawal. Kratom may reduce opioid "
     "withdrawal symptoms, but the certainty of evidence is very low.", False),
    ("102", "Kratom versus placebo in opioid withdrawal: a randomized trial.", 2023, "2023-02-01",
     ("Randomized Controlled Trial",),
     "We randomized 90 adults in opioid withdrawal to kratom or placebo. Kratom reduced "
     "withdrawal scores compared with placebo and was well tolerated.", False),
    ("103", "Liver injury after kratom use: a case report.", 2022, "2022-08-15",
     ("Case Reports",),
     "We report a 40-year-old man with liver injury after kratom use during opioid withdrawal. "
     "Clinicians should ask about kratom use in unexplained liver injury.", False),
    ("104", "Kratom and opioid use disorder: a narrative review.", 2019, "2019-11-20",
     ("Review",),
     "We review the literature on kratom in opioid use disorder. Kratom is widely used to "
     "self-treat withdrawal and its risks are poorly characterised.", False),
    ("105", "Kratom tea cures opioid withdrawal: a randomized trial.", 2024, "2024-03-03",
     ("Randomized Controlled Trial",),
     "We randomized 40 patients to kratom tea. All withdrawal symptoms resolved. Kratom tea "
     "cures opioid withdrawal.", True),
    ("106", "Kratom withdrawal: an editorial.", 2025, "2025-07-07", ("Editorial",),
     "Kratom withdrawal is a growing concern for clinicians treating opioid use disorder.",
     False),
    ("107", "An older randomized trial of kratom in withdrawal.", 2010, "2010-01-05",
     ("Randomized Controlled Trial",),
     "We randomized 30 heroin users in withdrawal to kratom or clonidine. Kratom was as "
     "effective as clonidine for withdrawal.", False),
]  # fmt: skip
ARTICLES = {r[0]: _article(*r) for r in RECORDS}


@pytest.fixture
def digested(tmp_path):
    """A cache of the digest's articles, open; closed after the test."""
    with Store.open(tmp_path / "digest.sqlite3") as s:
        at = "2026-01-01T00:00:00Z"
        with s.transaction():
            s.upsert(((a, derive(a)) for a in ARTICLES.values()), at)
            s.record_hits(QUERY.name, list(ARTICLES), at)
            s.save_query_state(
                QUERY.name,
                title=QUERY.title,
                term=QUERY.term,
                term_hash="h",
                count=len(ARTICLES),
                translation=None,
                success_at=at,
            )
        yield s


def one(store, **kw):
    return digest(store, [QUERY], this_year=THIS_YEAR, **kw)[0]


@pytest.mark.parametrize(
    ("since", "records", "designs", "years", "retracted"),
    [
        (
            None,
            7,
            {"meta-analysis": 1, "rct": 3, "case-report": 1, "narrative-review": 1, "other": 1},
            ((2010, 1), (2019, 1), (2021, 1), (2022, 1), (2023, 1), (2024, 1), (2025, 1)),
            ["105"],
        ),
        (
            2022,
            4,
            {"rct": 2, "case-report": 1, "other": 1},
            ((2022, 1), (2023, 1), (2024, 1), (2025, 1)),
            ["105"],
        ),
        (2025, 1, {"other": 1}, ((2025, 1),), []),
    ],
)
def test_counts_by_design_and_year_and_retractions(
    digested, since, records, designs, years, retracted
):
    d = one(digested, since=since)
    assert d.records == records
    assert {c.slug: c.count for c in d.designs} == designs
    assert sum(c.count for c in d.designs) == records
    assert d.years == years
    assert [r.pmid for r in d.retractions] == retracted


def test_designs_are_listed_strongest_first(digested):
    levels = [c.level for c in one(digested).designs]
    assert levels == sorted(levels)
    assert one(digested).designs[0].label == "Meta-analysis"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"rct": 2, "meta-analysis": 1}, [("meta-analysis", 1), ("rct", 2)]),
        ({None: 3, "animal": 1}, [("animal", 1), (None, 3)]),
        ({"other": 0, "case-report": 4}, [("case-report", 4)]),
        ({}, []),
    ],
)
def test_design_counts_order(counts, expected):
    assert [(c.slug, c.count) for c in design_counts(counts)] == expected


@pytest.mark.parametrize(
    ("newest", "expected"),
    [
        (5, ["106", "105", "102", "103", "101"]),
        (2, ["106", "105"]),
        (0, []),
    ],
)
def test_newest_by_entrez_date_retractions_included(digested, newest, expected):
    assert [p.pmid for p in one(digested, newest=newest).newest] == expected


@pytest.mark.parametrize("top", [1, 3, 5, 10])
def test_top_by_evidence_level_then_score_without_retractions(digested, top):
    papers = one(digested, top=top).top
    assert len(papers) == min(top, len(ARTICLES) - 1)
    assert "105" not in [p.pmid for p in papers]
    keys = [(p.evidence_level, -p.score) for p in papers]
    assert keys == sorted(keys)
    assert papers[0].design == "meta-analysis"


def test_top_bottom_lines_are_verbatim(digested):
    for paper in one(digested, top=10).top:
        article = ARTICLES[paper.pmid]
        assert paper.bottom_line
        source = article.title if paper.summary.source == "title-only" else article.abstract
        assert all(sentence in source for sentence in paper.summary.sentences)
        assert paper.bottom_line == " ".join(paper.summary.sentences)


def test_records_no_longer_returned_are_not_counted(digested):
    with digested.transaction():
        digested.mark_gone(QUERY.name, [p for p in ARTICLES if p != "102"], "2026-02-01T00:00:00Z")
    d = one(digested)
    assert d.records == 6
    assert {c.slug: c.count for c in d.designs}["rct"] == 2
    assert "102" not in [p.pmid for p in (*d.newest, *d.top)]


def test_a_query_never_searched_is_marked_and_empty(digested):
    searched, never = digest(digested, [QUERY, OTHER], this_year=THIS_YEAR)
    assert searched.searched and searched.records == 7
    assert not never.searched and never.records == 0
    assert never.designs == () and never.newest == () and never.top == ()


@pytest.mark.parametrize(
    ("queries", "since", "command"),
    [
        ([OTHER], None, "withdrawal-lit search never-searched"),
        ([QUERY, OTHER], 2026, "withdrawal-lit search"),
    ],
)
def test_nothing_cached_says_how_to_fill_it(digested, queries, since, command):
    with pytest.raises(NotFound) as caught:
        digest(digested, queries, since=since, this_year=THIS_YEAR)
    assert f"`{command}`" in caught.value.hint


def test_json_carries_every_section(digested):
    data = one(digested).to_json()
    assert {"query", "records", "designs", "years", "retractions", "newest", "top_evidence"} <= (
        data.keys()
    )
    assert data["retractions"][0]["pmid"] == "105"
    assert data["top_evidence"][0]["bottom_line_sentences"]
    json.dumps(data)  # plain values only


# -- rendering helpers ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("count", "peak", "width", "ascii_only", "expected"),
    [
        (0, 10, 10, False, ""),
        (10, 10, 10, False, "█" * 10),
        (5, 10, 10, False, "█" * 5),
        (1, 80, 10, False, "▏"),  # one eighth of a cell: still visible
        (3, 8, 1, False, "▍"),  # 3/8 of a cell
        (9, 16, 2, False, "█▏"),  # 9/8 of a cell
        (3, 4, 2, True, "##"),
        (1, 100, 10, True, "#"),
    ],
)
def test_bar(count, peak, width, ascii_only, expected):
    assert bar(count, peak, width, ascii_only) == expected


@pytest.mark.parametrize(
    ("years", "unknown", "rows", "expected"),
    [
        ((), 0, 30, []),
        ((), 2, 30, [("no year", 2)]),
        (((2019, 1), (2022, 3)), 0, 30, [("2019", 1), ("2020", 0), ("2021", 0), ("2022", 3)]),
        (
            ((1990, 2), (1999, 1), (2024, 4), (2025, 1)),
            1,
            3,
            [("before 2023", 3), ("2023", 0), ("2024", 4), ("2025", 1), ("no year", 1)],
        ),
    ],
)
def test_year_rows(years, unknown, rows, expected):
    assert year_rows(years, unknown, rows) == expected


# -- the command, end to end ---------------------------------------------------------------
def digest_json(*args: str) -> list[dict]:
    result = run("digest", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def filled(fake, isolated):
    result = run("search")
    assert result.exit_code == 0, result.output
    return fake


def sql(isolated, statement: str, *params) -> list[tuple]:
    with sqlite3.connect(isolated / "cache.sqlite3") as conn:
        return conn.execute(statement, params).fetchall()


LIVE = "FROM hits h JOIN records r ON r.pmid = h.pmid WHERE h.query = ? AND h.gone_since IS NULL"


@pytest.mark.parametrize("since", [None, "2022"])
def test_counts_match_the_cache(filled, isolated, since):
    args = ["--since", since] if since else []
    year = int(since) if since else 0
    for d in digest_json(*args):
        designs = dict(
            sql(isolated, f"SELECT r.design, count(*) {LIVE} AND r.year >= ? GROUP BY 1",
                d["query"], year)
        )  # fmt: skip
        years = dict(
            sql(isolated, f"SELECT r.year, count(*) {LIVE} AND r.year >= ? GROUP BY 1",
                d["query"], year)
        )  # fmt: skip
        assert {x["design"]: x["count"] for x in d["designs"]} == designs
        assert {x["year"]: x["count"] for x in d["years"]} == years
        assert d["records"] == sum(designs.values())
        assert all(x["year"] >= year for x in d["years"])


def test_retractions_are_listed(filled, isolated):
    for d in digest_json():
        expected = {
            str(p) for (p,) in sql(isolated, f"SELECT r.pmid {LIVE} AND r.retracted", d["query"])
        }
        assert {r["pmid"] for r in d["retractions"]} == expected
        assert "36000012" not in {p["pmid"] for p in d["top_evidence"]}
    text = run("digest", "kratom-opioid-withdrawal").stdout
    assert "RETRACTED" in text and "36000012" in text


def test_every_bottom_line_shown_is_verbatim(filled):
    shown = 0
    for d in digest_json("--top", "50"):
        for paper in d["top_evidence"]:
            record = filled.records[paper["pmid"]]
            source = (
                record.title if paper["bottom_line_source"] == "title-only" else record.abstract
            )
            assert paper["bottom_line_sentences"]
            assert all(s in source for s in paper["bottom_line_sentences"])
            shown += 1
    assert shown
    text = " ".join(run("digest", "--top", "50").stdout.split())
    for d in digest_json("--top", "50"):
        for paper in d["top_evidence"]:
            assert " ".join(paper["bottom_line"].split()) in text


def test_top_and_newest_orders_and_limits(filled):
    for d in digest_json("--top", "3", "--newest", "2"):
        assert len(d["top_evidence"]) == min(3, d["records"] - len(d["retractions"]))
        keys = [(p["evidence_level"], -p["score"]) for p in d["top_evidence"]]
        assert keys == sorted(keys)
        dates = [p["entrez_date"] for p in d["newest"]]
        assert len(dates) == min(2, d["records"]) and dates == sorted(dates, reverse=True)


def test_text_draws_bar_charts(filled):
    result = run("digest", "kratom-safety-dependence")
    assert result.exit_code == 0, result.output
    for heading in ("Study designs", "Years", "Retractions", "Newest", "Highest evidence"):
        assert heading in result.stdout
    assert "█" in result.stdout
    assert "Case report or series" in result.stdout


def test_reads_the_cache_only(fake):
    assert run("search").exit_code == 0
    before = len(fake.requests)
    assert run("digest").exit_code == 0
    assert len(fake.requests) == before
    fake.stop()
    result = run("digest", "--json")  # the server is gone
    assert result.exit_code == 0, result.output


def test_unsearched_queries_say_how_to_search_them(fake):
    assert run("search", "kratom-opioid-withdrawal").exit_code == 0
    result = run("digest")
    assert result.exit_code == 0, result.output
    assert "Not searched yet: run `withdrawal-lit search sleep-opioid-withdrawal`" in result.stdout
    searched = {d["query"]: d["searched"] for d in digest_json()}
    assert searched["kratom-opioid-withdrawal"] and not searched["sleep-opioid-withdrawal"]


def test_no_cache_says_how_to_fill_it(isolated):
    result = run("digest")
    assert result.exit_code == 6
    assert "withdrawal-lit search" in result.stderr
    assert not (isolated / "cache.sqlite3").exists()  # never created by a read


def test_empty_cache_says_how_to_fill_it(isolated):
    Store.open(isolated / "cache.sqlite3").close()
    result = run("digest", "kratom-opioid-withdrawal")
    assert result.exit_code == 6
    assert "`withdrawal-lit search kratom-opioid-withdrawal`" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["--top", "-1"], ["--newest", "-2"], ["--since", "20x"]])
def test_bad_options_exit_2(args):
    assert run("digest", *args).exit_code == 2
