"""Search provenance from the cache: history, term versions, PRISMA identification numbers.

``build_cache`` fills a cache the way `search` and `refresh` do (records, hits, query state,
runs and the search log) without the network; the report and `log` tests use it too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from withdrawal_lit.errors import InputError, NotFound
from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.records import AbstractSection, Article, CommentCorrection, MeshHeading, Query
from withdrawal_lit.services import provenance
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.store import MIGRATIONS, Store

SHIPPED = load_queries([Path(__file__).resolve().parents[1] / "queries"])
KRATOM = SHIPPED["kratom-opioid-withdrawal"]
MELATONIN = SHIPPED["melatonin-opioid-withdrawal"]
KRATOM_OLD_TERM = "kratom[tiab] AND withdrawal[tiab]"
MELATONIN_TERM = 'melatonin[tiab] AND ("opioid withdrawal"[tiab] OR opioid*[tiab])'
XSS_TITLE = "<script>alert(1)</script> Kratom for opioid withdrawal"
XSS_ABSTRACT = '"><img src=x onerror=alert(1)> Kratom eased opioid withdrawal in most patients.'
NIGHTS = ("2025-01-01T03:00:00Z", "2025-01-02T03:00:00Z", "2025-01-03T03:00:00Z")


def paper(
    pmid: int,
    year: int | None,
    types: tuple[str, ...] = ("Journal Article",),
    *,
    title: str | None = None,
    conclusion: str = "Kratom and melatonin changed opioid withdrawal scores.",
    mesh: tuple[str, ...] = ("Humans",),
    retracted: bool = False,
    journal: str = "Journal of Addiction & Sleep",
) -> Article:
    corrections = (CommentCorrection("RetractionIn", str(pmid + 9000), "J Test. 2024"),)
    return Article(
        pmid=str(pmid),
        title=title or f"Study {pmid} of kratom, melatonin and opioid withdrawal",
        abstract_sections=(
            AbstractSection("We studied people withdrawing from opioids.", "METHODS", "METHODS"),
            AbstractSection(conclusion, "CONCLUSIONS", "CONCLUSIONS"),
        ),
        journal=journal,
        year=year,
        pub_date=str(year) if year else None,
        publication_types=types + (("Retracted Publication",) if retracted else ()),
        mesh=tuple(MeshHeading(m) for m in mesh),
        entrez_date=f"{year or 2000}-03-01",
        comments_corrections=corrections if retracted else (),
    )


ARTICLES = [
    paper(101, 2024, ("Randomized Controlled Trial",)),
    paper(102, 2022, ("Systematic Review",)),
    paper(103, 2019, ("Case Reports",)),
    paper(104, 2019, ("Randomized Controlled Trial",), retracted=True),
    paper(105, 2015, ("Review",)),
    paper(106, 2016, mesh=("Animals", "Rats"), title="Mitragynine in morphine-withdrawn rats"),
    paper(107, None, ("Case Reports",)),
    paper(108, 2023, ("Randomized Controlled Trial",), title=XSS_TITLE, conclusion=XSS_ABSTRACT),
    paper(109, 2021, ("Randomized Controlled Trial",)),
    paper(110, 2020, ("Systematic Review",)),
    paper(111, 2018, ("Case Reports",)),
]


def log(store: Store, run_id: int, query: str, term: str, at: str, mode: str, count: int, **kw):
    store.log_search(
        run_id=run_id,
        query=query,
        term=normalise_term(term),
        term_hash=term_hash(term),
        at=at,
        mode=mode,
        count=count,
        new=kw.get("new", 0),
        revised=kw.get("revised", 0),
        gone=kw.get("gone", 0),
        translation=kw.get("translation", f"translated({query})"),
        warnings=kw.get("warnings", ()),
        version="0.1.0",
    )


def save_state(store: Store, query: Query, term: str, count: int, at: str) -> None:
    store.save_query_state(
        query.name,
        title=query.title,
        term=normalise_term(term),
        term_hash=term_hash(term),
        count=count,
        translation=f"translated({query.name})",
        success_at=at,
    )


def build_cache(path: Path) -> Path:
    """Three nights of searches of two shipped queries (one edited), plus one ad-hoc search.

    kratom-opioid-withdrawal: night 1 an older term finds 101-107; night 2 the shipped term
    also finds 108; night 3 an incremental refresh revises one record.
    melatonin-opioid-withdrawal: night 2 finds 105-111; night 3 111 is no longer returned.
    Current hits: kratom 8, melatonin 6, shared 105-108, so 10 unique (104 retracted).
    """
    one, two, three = NIGHTS
    with Store.open(path) as store:
        run = store.start_run("search", [KRATOM.name], "0.1.0")
        with store.transaction():
            store.upsert(((a, derive(a)) for a in ARTICLES), one)
            store.record_hits(KRATOM.name, [str(p) for p in range(101, 108)], one)
            save_state(store, KRATOM, KRATOM_OLD_TERM, 7, one)
            log(store, run, KRATOM.name, KRATOM_OLD_TERM, one, "full", 7, new=7)
        store.finish_run(run, status="ok", new=7)

        run = store.start_run("search", [KRATOM.name, MELATONIN.name], "0.1.0")
        with store.transaction():
            kratom = [str(p) for p in range(101, 109)]
            store.record_hits(KRATOM.name, kratom, two)
            save_state(store, KRATOM, KRATOM.term, 8, two)
            log(store, run, KRATOM.name, KRATOM.term, two, "full", 8, new=1)
            melatonin = [str(p) for p in range(105, 112)]
            store.record_hits(MELATONIN.name, melatonin, two)
            save_state(store, MELATONIN, MELATONIN_TERM, 7, two)
            log(
                store,
                run,
                MELATONIN.name,
                MELATONIN_TERM,
                two,
                "full",
                7,
                new=7,
                warnings=("OutputMessage: Quoted phrase not found.",),
            )
        store.finish_run(run, status="ok", new=1)

        run = store.start_run("refresh", [KRATOM.name, MELATONIN.name], "0.1.0")
        with store.transaction():
            log(store, run, KRATOM.name, KRATOM.term, three, "incremental", 8, revised=1)
            current = [str(p) for p in range(105, 111)]
            store.record_hits(MELATONIN.name, current, three)
            gone = store.mark_gone(MELATONIN.name, current, three)
            save_state(store, MELATONIN, MELATONIN_TERM, 6, three)
            log(store, run, MELATONIN.name, MELATONIN_TERM, three, "full", 6, gone=gone)
            adhoc_term = "kratom AND sleep"
            store.record_hits("adhoc-1a2b3c4d", ["101"], three)
            log(store, None, "adhoc-1a2b3c4d", adhoc_term, three, "full", 1, new=1)
        store.finish_run(run, status="ok", revised=1)
    return path


@pytest.fixture
def cache(tmp_path) -> Path:
    return build_cache(tmp_path / "cache.sqlite3")


@pytest.fixture
def store(cache):
    with Store.open(cache) as opened:
        yield opened


# -- the migration ---------------------------------------------------------------------------
def test_query_versions_migration_upgrades_an_older_cache(tmp_path):
    """A cache made before the migration keeps its log and gains the versions view."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0][1])
    conn.execute(
        "INSERT INTO search_log (query, term, term_hash, at, mode, count) "
        "VALUES ('q', 'a AND b', 'h1', '2024-01-01T00:00:00Z', 'full', 3)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        [version] = store.query_versions(["q"])
    assert (version.term, version.first_used, version.runs) == (
        "a AND b",
        "2024-01-01T00:00:00Z",
        1,
    )


def test_each_edited_term_is_a_version_with_its_first_and_last_use(store):
    versions = store.query_versions([KRATOM.name])
    assert [(v.term, v.first_used, v.last_used, v.runs) for v in versions] == [
        (normalise_term(KRATOM_OLD_TERM), NIGHTS[0], NIGHTS[0], 1),
        (normalise_term(KRATOM.term), NIGHTS[1], NIGHTS[2], 2),
    ]


# -- history ---------------------------------------------------------------------------------
def test_history_is_newest_first_with_term_versions(store):
    rows = provenance.history(store, [KRATOM.name])
    assert [(r.entry.at, r.entry.mode, r.term_version) for r in rows] == [
        (NIGHTS[2], "incremental", 2),
        (NIGHTS[1], "full", 2),
        (NIGHTS[0], "full", 1),
    ]
    assert rows[0].to_json()["revised"] == 1
    assert rows[0].to_json()["term"] == normalise_term(KRATOM.term)


@pytest.mark.parametrize(
    ("names", "limit", "expected"),
    [
        ((), None, 6),
        ((), 2, 2),
        ((MELATONIN.name,), None, 2),
        ((KRATOM.name, MELATONIN.name), 4, 4),
    ],
)
def test_history_filters_by_query_and_limit(store, names, limit, expected):
    assert len(provenance.history(store, names, limit)) == expected


def test_warnings_and_gone_counts_are_kept(store):
    rows = provenance.history(store, [MELATONIN.name])
    assert rows[0].entry.gone == 1
    assert rows[1].entry.warnings == ("OutputMessage: Quoted phrase not found.",)


def test_an_unknown_name_is_refused_with_a_suggestion(store):
    with pytest.raises(InputError, match="(?i)did you mean 'kratom-opioid-withdrawal'"):
        provenance.check_names(store, ["kratom-opioid-withdrawl"], list(SHIPPED))


# -- PRISMA ----------------------------------------------------------------------------------
def test_prisma_counts_identified_duplicates_and_unique(store):
    result = provenance.prisma(store, [KRATOM.name, MELATONIN.name])
    assert [(i.name, i.records, i.last_searched) for i in result.identified] == [
        (KRATOM.name, 8, NIGHTS[2]),
        (MELATONIN.name, 6, NIGHTS[2]),
    ]
    assert (result.total, result.duplicates, result.unique, result.retracted) == (14, 4, 10, 1)


def test_prisma_numbers_agree_with_the_hits_table(store):
    names = [KRATOM.name, MELATONIN.name]
    result = provenance.prisma(store, names)
    unique = store.conn.execute(
        "SELECT count(DISTINCT pmid) FROM hits WHERE gone_since IS NULL AND query IN (?, ?)",
        names,
    ).fetchone()[0]
    assert result.unique == unique
    assert result.total - result.duplicates == unique


def test_strategy_block_reports_the_last_full_search_as_sent(store):
    hashes = {q.name: term_hash(q.term) for q in SHIPPED.values()}
    result = provenance.prisma(store, [KRATOM.name, MELATONIN.name], hashes)
    kratom, melatonin = result.strategy
    assert kratom.term == normalise_term(KRATOM.term)
    assert (kratom.full_search_at, kratom.searched_at) == (NIGHTS[1], NIGHTS[2])
    assert (kratom.term_version, kratom.term_versions, kratom.term_changed) == (2, 2, False)
    assert melatonin.term_changed  # the shipped file's term is not the one logged
    lines = kratom.lines()
    assert "Database: PubMed/MEDLINE" in lines
    assert "Platform: NCBI E-utilities via withdrawal-lit 0.1.0" in lines
    assert f"Search term: {normalise_term(KRATOM.term)}" in lines
    assert "Results: 8" in lines
    assert f"Query translation: translated({KRATOM.name})" in lines
    assert any(
        line.startswith("Date searched: 2025-01-03 (full search 2025-01-02") for line in lines
    )
    assert any(
        line.startswith("Note: the query file's term has changed") for line in melatonin.lines()
    )


def test_prisma_default_names_leave_out_ad_hoc_and_unsearched_queries(store):
    searched, missing = provenance.default_names(store, [*SHIPPED, "adhoc-1a2b3c4d"])
    assert searched == [KRATOM.name, MELATONIN.name]
    assert set(missing) == set(SHIPPED) - {KRATOM.name, MELATONIN.name}


@pytest.mark.parametrize(
    ("names", "message"),
    [([], "no searches in the cache"), (["kratom-pharmacology"], "has never been searched")],
)
def test_prisma_without_searches_says_what_to_run(store, names, message):
    with pytest.raises(NotFound, match=message):
        provenance.prisma(store, names)


def test_prisma_json_carries_the_flow_diagram_numbers(store):
    data = provenance.prisma(store, [KRATOM.name, MELATONIN.name]).to_json()
    assert data["identification"] == {
        "per_query": [
            {
                "name": KRATOM.name,
                "title": KRATOM.title,
                "records": 8,
                "last_searched": NIGHTS[2],
            },
            {
                "name": MELATONIN.name,
                "title": MELATONIN.title,
                "records": 6,
                "last_searched": NIGHTS[2],
            },
        ],
        "identified": 14,
        "duplicates_removed": 4,
        "after_duplicates_removed": 10,
        "retracted_flagged": 1,
    }
    assert data["strategy"][0]["platform"] == "NCBI E-utilities via withdrawal-lit 0.1.0"


def test_a_removed_or_ad_hoc_query_is_rebuilt_from_its_logged_term(store):
    [query] = provenance.resolve(store, SHIPPED, ["adhoc-1a2b3c4d"])
    assert query.term == "kratom AND sleep"
    assert query.concepts == (("kratom",), ("sleep",))
