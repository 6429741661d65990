"""The nightly refresh against the fake E-utilities: what each night asks NCBI, and what it keeps.

The fake's ``today`` is NCBI's date; the refresh is told it (``today=``) as it would read it
from NCBI's Date header. Each test night adds or revises records, advances a day, refreshes, and
checks the requests by utility and exactly which PMIDs were fetched.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from fake_eutils import FakeEutils
from refresh_helpers import (
    FILLED,
    KRATOM,
    MELATONIN,
    MELATONIN_TRIAL,
    QUERIES,
    SURVEY,
    cached_hits,
    expected_hits,
    fetched_ids,
    kratom_paper,
    melatonin_paper,
)

from withdrawal_lit.errors import Busy, NcbiError
from withdrawal_lit.fetchplan import BY_ID_MAX
from withdrawal_lit.pubmed import EntrezClient
from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.records import Query
from withdrawal_lit.services.clock import NcbiClock
from withdrawal_lit.services.lock import RefreshLock, is_locked, lock_path
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.refresh import refresh
from withdrawal_lit.services.refresh_plan import (
    OVERLAP_DAYS,
    RefreshOutcome,
    changes_term,
    modified_term,
    plan,
)
from withdrawal_lit.services.runlog import RunLog
from withdrawal_lit.services.runs import start_after_last_run
from withdrawal_lit.services.whats_new import days_ago, whats_new
from withdrawal_lit.settings import resolve
from withdrawal_lit.store import Store

pytestmark = pytest.mark.fake(today=FILLED, config=None)


@dataclass
class Night:
    outcome: RefreshOutcome
    requests: Counter
    fetched: list[str]

    @property
    def total(self) -> int:
        return sum(self.requests.values())


def settings_for(fake: FakeEutils, tmp_path, **overrides):
    settings = resolve(
        env={
            "WITHDRAWAL_LIT_DB": str(tmp_path / "cache.sqlite3"),
            "WITHDRAWAL_LIT_CONFIG": str(tmp_path / "config.toml"),
            "WITHDRAWAL_LIT_EUTILS_URL": fake.url,
        }
    )
    return replace(settings, backoff=0.0, retries=1, **overrides)


def run_night(fake, settings, queries=QUERIES, **options) -> Night:
    """One refresh at the fake's today, with a client that never sleeps."""
    start = len(fake.requests)
    with open_store(settings) as store:
        client = EntrezClient(settings, sleep=lambda seconds: None)
        try:
            outcome = refresh(
                store,
                client,
                queries,
                today=lambda: fake.today,
                batch_size=settings.batch_size,
                **options,
            )
        finally:
            client.close()
    seen = fake.requests[start:]
    return Night(outcome, Counter(s.utility for s in seen), fetched_ids(fake, start))


@pytest.fixture
def settings(fake, tmp_path):
    return settings_for(fake, tmp_path, batch_size=2)


@pytest.fixture
def filled(fake, settings):
    """A cache after its first refresh; the fake is a day later."""
    run_night(fake, settings)
    fake.today += timedelta(days=1)
    return settings


def log_rows(settings, run_id: int) -> list[sqlite3.Row]:
    with sqlite3.connect(settings.db_path) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(
            "SELECT * FROM search_log WHERE run_id = ? ORDER BY query", (run_id,)
        ).fetchall()


# -- the first refresh ---------------------------------------------------------------------
def test_first_refresh_runs_every_query_in_full(fake, settings):
    night = run_night(fake, settings)
    assert night.outcome.status == "ok" and night.outcome.exit_code == 0
    assert {q.mode for q in night.outcome.queries} == {"full"}
    assert {q.reason for q in night.outcome.queries} == {"first refresh"}
    unique = set().union(*expected_hits(fake).values())
    # One esearch per query, one efetch per batch: the optimum for a full search (no epost:
    # fewer ids than BY_ID_MAX go by id).
    assert len(unique) <= BY_ID_MAX
    assert night.requests == Counter(esearch=len(QUERIES), efetch=math.ceil(len(unique) / 2))
    assert sorted(night.fetched) == sorted(unique)
    assert cached_hits(settings.db_path) == {k: v for k, v in expected_hits(fake).items() if v}
    with Store.open(settings.db_path) as store:
        state = store.query_state(KRATOM)
    assert (state.edat_high, state.mdat_high) == (FILLED.isoformat(), FILLED.isoformat())
    assert {r["mode"] for r in log_rows(settings, night.outcome.run_id)} == {"full"}


# -- incremental nights --------------------------------------------------------------------
def test_a_night_with_nothing_new_costs_one_esearch(fake, filled):
    night = run_night(fake, filled)
    assert night.requests == Counter(esearch=1)
    assert night.fetched == []
    assert night.outcome.status == "ok"
    assert all(q.mode == "incremental" and q.new == q.revised == 0 for q in night.outcome.queries)
    rows = log_rows(filled, night.outcome.run_id)
    assert [r["query"] for r in rows] == sorted(q.name for q in QUERIES)
    assert {(r["mode"], r["count"], r["new"], r["revised"], r["gone"]) for r in rows} == {
        ("incremental", 0, 0, 0, 0)
    }
    with Store.open(filled.db_path) as store:  # the marks moved to NCBI's today
        assert store.query_state(KRATOM).edat_high == fake.today.isoformat()


def test_the_one_esearch_ors_every_term_under_entry_and_modification_dates(fake, filled):
    run_night(fake, filled)
    _, params = fake.requests[-1]
    since = (fake.today - timedelta(days=1 + OVERLAP_DAYS)).strftime("%Y/%m/%d")
    term = params["term"]
    assert term.endswith(
        f'AND (("{since}"[EDAT] : "3000"[EDAT]) OR ("{since}"[MDAT] : "3000"[MDAT]))'
    )
    assert all(f"({normalise_term(q.term)})" in term for q in QUERIES)
    assert fake.requests[-1].method == "POST"  # long terms go in the body


@pytest.mark.parametrize("new", [1, 3, 5])
def test_a_night_with_new_records_fetches_exactly_them(fake, filled, new):
    pmids = [str(39200000 + i) for i in range(new)]
    for pmid in pmids:
        kratom_paper(fake, pmid)
    fake.today += timedelta(days=1)
    night = run_night(fake, filled)
    assert sorted(night.fetched) == sorted(pmids)
    # One combined esearch, one per query, no epost (the combined result set is exactly the
    # records to fetch), one efetch per batch of 2: optimum (one esearch per query + one
    # efetch per batch) plus one request.
    assert night.requests == Counter(esearch=1 + len(QUERIES), efetch=math.ceil(new / 2))
    assert night.total == len(QUERIES) + math.ceil(new / 2) + 1
    assert night.outcome.new_records == new
    assert cached_hits(filled.db_path) == {k: v for k, v in expected_hits(fake).items() if v}
    by_name = {q.query.name: q for q in night.outcome.queries}
    assert by_name[KRATOM].new == new and by_name[MELATONIN].new == 0


def test_new_and_revised_records_are_fetched_once_each(fake, filled):
    kratom_paper(fake, "39200001")
    melatonin_paper(fake, "39200002")
    fake.revise(SURVEY, title="Kratom use for opioid withdrawal: a survey of US adults (corrected)")
    fake.revise(MELATONIN_TRIAL, abstract="Melatonin improved sleep during opioid withdrawal.")
    fake.today += timedelta(days=1)
    night = run_night(fake, filled)
    assert sorted(night.fetched) == sorted(["39200001", "39200002", SURVEY, MELATONIN_TRIAL])
    assert len(night.fetched) == len(set(night.fetched))  # shared PMIDs fetched once
    assert (night.outcome.new_records, night.outcome.revised_records) == (2, 2)
    assert night.requests["esearch"] == 1 + len(QUERIES)
    assert night.requests["epost"] <= 1 and night.requests["efetch"] == 2
    with Store.open(filled.db_path) as store:
        assert "(corrected)" in store.get(SURVEY).title
    by_name = {q.query.name: q for q in night.outcome.queries}
    assert by_name[KRATOM].revised == 1
    rows = {r["query"]: r for r in log_rows(filled, night.outcome.run_id)}
    assert rows[KRATOM]["revised"] == 1 and rows[KRATOM]["new"] == 1
    assert rows[KRATOM]["mode"] == "incremental"


def test_the_night_after_news_asks_which_recent_records_changed(fake, filled):
    """Last night's records lie inside tonight's overlap: one more esearch ("modified since
    the mark") tells the unchanged copies from those PubMed changed since, and none is fetched."""
    kratom_paper(fake, "39200001")
    fake.today += timedelta(days=1)
    run_night(fake, filled)
    fake.today += timedelta(days=1)
    quiet = run_night(fake, filled)
    assert quiet.requests == Counter(esearch=2)
    assert quiet.fetched == []
    assert 'MDAT] : "3000"[MDAT])' in fake.requests[-1].params["term"]
    assert "EDAT" not in fake.requests[-1].params["term"]

    fake.revise("39200001", title="Kratom for opioid withdrawal: a randomized trial (erratum)")
    fake.today += timedelta(days=1)
    revised = run_night(fake, filled)
    assert revised.fetched == ["39200001"]
    assert revised.outcome.revised_records == 1

    for _ in range(OVERLAP_DAYS + 2):  # once the overlap has passed, back to one esearch
        fake.today += timedelta(days=1)
        last = run_night(fake, filled)
    assert last.requests == Counter(esearch=1)


def test_a_night_with_only_modified_records_asks_no_query_on_its_own(fake, filled):
    """Nothing entered; records the cache holds modified on the day of the last refresh: the
    cache says which queries return them, one esearch checks that no other does now."""
    modified = [SURVEY, MELATONIN_TRIAL]
    fake.today -= timedelta(days=1)
    fake.revise(SURVEY, title="Kratom use for opioid withdrawal: a survey (corrected)")
    fake.revise(MELATONIN_TRIAL, abstract="Melatonin improved sleep during opioid withdrawal.")
    fake.today += timedelta(days=1)
    before = cached_hits(filled.db_path)
    night = run_night(fake, filled)
    assert sorted(night.fetched) == sorted(modified)
    # the combined search, the check, the two records by id (batches of 2): no epost
    assert night.requests == Counter(esearch=2, efetch=1)
    assert "[uid]" in [s for s in fake.requests if s.utility == "esearch"][-1].params["term"]
    assert night.outcome.revised_records == 2 and night.outcome.status == "ok"
    assert (
        cached_hits(filled.db_path) == before == {k: v for k, v in expected_hits(fake).items() if v}
    )
    by_name = {q.query.name: q for q in night.outcome.queries}
    assert by_name[KRATOM].revised == 1 and by_name[MELATONIN].revised == 1
    with Store.open(filled.db_path) as store:
        assert "(corrected)" in store.get(SURVEY).title


def test_a_modified_record_another_query_now_returns_is_attributed_to_it(fake, filled):
    fake.today -= timedelta(days=1)
    fake.revise(SURVEY, title="Kratom and melatonin for opioid withdrawal: a survey")
    fake.today += timedelta(days=1)
    lacking = [q.name for q in QUERIES if SURVEY not in cached_hits(filled.db_path).get(q.name, ())]
    night = run_night(fake, filled)
    assert night.fetched == [SURVEY]
    assert SURVEY in cached_hits(filled.db_path)[MELATONIN]
    # the combined search, the check, then each query that may have gained it, on its own
    assert night.requests["esearch"] == 2 + len(lacking) < 2 + len(QUERIES)
    assert cached_hits(filled.db_path) == {k: v for k, v in expected_hits(fake).items() if v}


def test_a_record_entered_late_inside_the_overlap_is_found(fake, filled):
    """A record dated two days ago that PubMed only shows now (late indexing)."""
    fake.today += timedelta(days=1)
    run_night(fake, filled)
    kratom_paper(fake, "39200009", edat=fake.today - timedelta(days=2))
    fake.today += timedelta(days=1)
    night = run_night(fake, filled)
    assert night.fetched == ["39200009"]


def test_one_query_refreshed_alone_needs_no_combined_search(fake, filled):
    chosen = [q for q in QUERIES if q.name == KRATOM]
    kratom_paper(fake, "39200001")
    fake.today += timedelta(days=1)
    night = run_night(fake, filled, chosen)
    assert night.requests == Counter(esearch=1, efetch=1)
    assert night.fetched == ["39200001"]


def test_a_record_cached_for_one_query_is_attributed_to_another(fake, filled):
    """A late-indexed record, cached by the kratom query refreshed alone: the next refresh of
    all must still learn which other queries return it, although nothing is left to fetch."""
    with Store.open(filled.db_path) as store, store.transaction():  # all refreshed yesterday
        store.conn.execute(
            "UPDATE queries SET edat_high = ?, mdat_high = ?, last_success_at = ?",
            (fake.today.isoformat(), fake.today.isoformat(), "2026-11-21T08:00:00Z"),
        )
    fake.today += timedelta(days=1)
    kratom_paper(fake, "39200001", edat=fake.today - timedelta(days=2))
    run_night(fake, filled, [q for q in QUERIES if q.name == KRATOM])
    night = run_night(fake, filled)
    assert night.fetched == []
    assert night.requests == Counter(esearch=2 + len(QUERIES))
    assert cached_hits(filled.db_path) == {k: v for k, v in expected_hits(fake).items() if v}


# -- full runs -----------------------------------------------------------------------------
def test_a_changed_term_reruns_that_query_in_full(fake, filled):
    edited = [
        replace(q, term=q.term + " AND humans[mh]") if q.name == KRATOM else q for q in QUERIES
    ]
    night = run_night(fake, filled, edited)
    modes = {q.query.name: (q.mode, q.reason) for q in night.outcome.queries}
    assert modes[KRATOM] == ("full", "term changed")
    assert {m for n, m in modes.items() if n != KRATOM} == {("incremental", "incremental")}
    # the combined search of the unchanged queries, and the full search of the changed one
    assert night.requests == Counter(esearch=2)
    rows = {r["query"]: r for r in log_rows(filled, night.outcome.run_id)}
    assert rows[KRATOM]["mode"] == "full" and "humans[mh]" in rows[KRATOM]["term"]
    assert plan_of(filled, edited, KRATOM).mode == "incremental"  # its mark is set now


def plan_of(settings, queries, name):
    with Store.open(settings.db_path) as store:
        return plan(store, next(q for q in queries if q.name == name))


def test_full_marks_records_no_longer_returned_and_keeps_them(fake, filled):
    # PubMed re-indexes the survey: its MeSH and abstract no longer mention kratom withdrawal.
    fake.revise(SURVEY, title="An online survey of US adults", mesh=(), abstract_sections=())
    fake.today += timedelta(days=1)
    incremental = run_night(fake, filled)  # no query returns it now: no search sees it
    assert incremental.requests == Counter(esearch=1)
    assert SURVEY in cached_hits(filled.db_path)[KRATOM]  # incremental never marks gone

    fake.today += timedelta(days=1)
    full = run_night(fake, filled, full=True)
    assert {(q.mode, q.reason) for q in full.outcome.queries} == {("full", "--full")}
    by_name = {q.query.name: q for q in full.outcome.queries}
    assert by_name[KRATOM].gone == 1
    assert SURVEY not in cached_hits(filled.db_path)[KRATOM]
    with Store.open(filled.db_path) as store:
        assert store.get(SURVEY) is not None  # marked, not deleted
        assert store.conn.execute(
            "SELECT gone_since FROM hits WHERE query = ? AND pmid = ?", (KRATOM, int(SURVEY))
        ).fetchone()[0]
    rows = {r["query"]: r for r in log_rows(filled, full.outcome.run_id)}
    assert rows[KRATOM]["mode"] == "full" and rows[KRATOM]["gone"] == 1
    assert full.fetched == []  # nothing new, nothing out of date


def test_full_also_fetches_the_records_revised_since_the_mark(fake, filled):
    fake.revise(SURVEY, title="Kratom use for opioid withdrawal: a survey (corrected)")
    fake.today += timedelta(days=1)
    night = run_night(fake, filled, full=True)
    assert night.fetched == [SURVEY]
    assert night.outcome.revised_records == 1
    assert {q.query.name: q.revised for q in night.outcome.queries}[KRATOM] == 1


# -- failures ------------------------------------------------------------------------------
BROKEN = Query(
    name="broken-field",
    title="A query with an unknown field tag",
    question="?",
    term="kratom[nosuchfield]",
)


def test_a_query_refused_by_ncbi_does_not_stop_the_others(fake, filled):
    with Store.open(filled.db_path) as store, store.transaction():  # refreshed before
        store.save_query_state(
            BROKEN.name,
            title=BROKEN.title,
            term=BROKEN.term,
            term_hash=term_hash(BROKEN.term),
            count=0,
            translation=None,
            success_at="2026-11-20T08:00:00Z",
            edat_high=FILLED.isoformat(),
            mdat_high=FILLED.isoformat(),
        )
    kratom_paper(fake, "39200001")
    fake.today += timedelta(days=1)
    night = run_night(fake, filled, [*QUERIES, BROKEN])
    assert night.outcome.status == "partial" and night.outcome.exit_code == 1
    failed = night.outcome.failed
    assert [q.query.name for q in failed] == [BROKEN.name]
    assert isinstance(failed[0].error, NcbiError)
    assert night.fetched == ["39200001"]
    assert "39200001" in cached_hits(filled.db_path)[KRATOM]
    with Store.open(filled.db_path) as store:
        run = store.list_runs(("refresh",), 1)[0]
    assert run.status == "partial" and BROKEN.name in run.error


def test_nothing_refreshed_when_ncbi_is_down(fake, filled):
    fake.inject(None, "503", times=100)
    night = run_night(fake, filled)
    assert night.outcome.status == "failed" and night.outcome.exit_code == 2
    with Store.open(filled.db_path) as store:
        assert store.query_state(KRATOM).edat_high == FILLED.isoformat()  # mark unmoved
        run = store.list_runs(("refresh",), 1)[0]
    assert (run.status, run.retries) == ("failed", 1)
    assert "503" in run.error


def test_a_failed_fetch_fails_only_the_queries_that_needed_it(fake, filled):
    kratom_paper(fake, "39200001")
    fake.today += timedelta(days=1)
    fake.inject("efetch", "400", times=100)  # a refusal: not retried
    night = run_night(fake, filled)
    assert night.outcome.status == "partial"
    failed = {q.query.name for q in night.outcome.failed}
    assert failed == {n for n, ids in expected_hits(fake).items() if "39200001" in ids}
    fake.faults.clear()
    fake.today += timedelta(days=1)
    again = run_night(fake, filled)  # the failed queries' marks did not move: found again
    assert again.fetched == ["39200001"]
    assert cached_hits(filled.db_path) == {k: v for k, v in expected_hits(fake).items() if v}


def test_an_interrupted_refresh_keeps_what_it_saved_and_the_next_resumes(fake, filled):
    for i, add in enumerate((kratom_paper, melatonin_paper)):
        add(fake, str(39200001 + i))
    fake.today += timedelta(days=1)
    saved = []

    def stop_after_first(item) -> None:
        saved.append(item.query.name)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_night(fake, filled, on_query=stop_after_first)
    with Store.open(filled.db_path) as store:
        run = store.list_runs(("refresh",), 1)[0]
        assert run.status == "interrupted"
        moved = [
            q.name for q in QUERIES if store.query_state(q.name).edat_high != FILLED.isoformat()
        ]
    assert moved == saved  # only the saved query's mark moved

    night = run_night(fake, filled)
    assert night.outcome.status == "ok"
    assert cached_hits(filled.db_path) == {k: v for k, v in expected_hits(fake).items() if v}
    with sqlite3.connect(filled.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_run_left_running_by_a_killed_process_is_marked_interrupted(fake, filled):
    with Store.open(filled.db_path) as store:
        store.start_run("refresh", [KRATOM], "0.1.0")  # never finished
    night = run_night(fake, filled)
    with Store.open(filled.db_path) as store:
        statuses = [r.status for r in store.list_runs(("refresh",))]
    assert statuses == ["ok", "interrupted", "ok"]
    assert night.outcome.status == "ok"


# -- terms ---------------------------------------------------------------------------------
def test_terms_group_queries_by_their_window():
    older, newer = (
        SimpleNamespace(query=QUERIES[0], since=date(2026, 1, 1), mark=date(2026, 1, 4)),
        SimpleNamespace(query=QUERIES[1], since=date(2026, 2, 1), mark=date(2026, 2, 4)),
    )
    term = changes_term([newer, older])
    assert term.index('"2026/01/01"[EDAT]') < term.index('"2026/02/01"[EDAT]')
    assert term.startswith("((") and term.count(" AND ((") == 2
    assert modified_term([older]) == (
        f'({normalise_term(QUERIES[0].term)}) AND (("2026/01/04"[MDAT] : "3000"[MDAT]))'
    )


def test_the_fake_reads_the_date_ranges_as_pubmed_does(fake):
    fake.add_article("39200001", "Kratom trial", edat=date(2026, 11, 19))
    fake.add_article("39200002", "Kratom survey", edat=date(2026, 1, 5), mdat=date(2026, 11, 19))
    fake.add_article("39200003", "Kratom review", edat=date(2026, 1, 5))
    found = fake.search(
        'kratom AND (("2026/11/18"[EDAT] : "3000"[EDAT]) OR ("2026/11/18"[MDAT] : "3000"[MDAT]))'
    )
    assert sorted(found.ids) == ["39200001", "39200002"]


# -- NCBI's date ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Fri, 27 Nov 2026 15:00:00 GMT"], date(2026, 11, 27)),
        (["Sat, 28 Nov 2026 03:00:00 GMT"], date(2026, 11, 27)),  # still the 27th in Bethesda
        (["Fri, 27 Nov 2026 15:00:00 GMT", "Mon, 07 Dec 2026 15:00:00 GMT"], date(2026, 11, 27)),
        (["not a date", "Mon, 07 Dec 2026 15:00:00 GMT"], date(2026, 12, 7)),
        ([None], date(2026, 11, 30)),  # no Date header: the local clock, as NCBI's date
        ([], date(2026, 11, 30)),
    ],
)
def test_ncbi_clock_reads_the_first_answers_date(headers, expected):
    clock = NcbiClock(now=lambda: datetime(2026, 11, 30, 12, tzinfo=UTC))
    for header in headers:
        clock.observe(SimpleNamespace(headers={"Date": header} if header else {}))
    assert clock.today() == expected


# -- what is new ---------------------------------------------------------------------------
def test_whats_new_groups_new_and_revised_records_by_query(fake, filled):
    kratom_paper(fake, "39200001")
    fake.revise(SURVEY, title="Kratom use for opioid withdrawal: a survey (corrected)")
    fake.today += timedelta(days=1)
    with Store.open(filled.db_path) as store:
        start_after_last_run(store)
    night = run_night(fake, filled)
    with Store.open(filled.db_path) as store:
        groups = {g.query.name: g for g in whats_new(store, QUERIES, night.outcome.started_at)}
        assert len(whats_new(store, QUERIES, days_ago(1))) > len(groups)  # the first refresh
        assert whats_new(store, QUERIES, days_ago(-1)) == []
    kratom = groups[KRATOM]
    assert {(i.article.pmid, i.change) for i in kratom.items} == {
        ("39200001", "new"),
        (SURVEY, "revised"),
    }
    assert (kratom.new, kratom.revised) == (1, 1)
    assert MELATONIN not in groups
    item = next(i for i in kratom.items if i.change == "new").to_json()
    assert item["design"] == "rct" and item["bottom_line"] and item["change"] == "new"


# -- the lock and the log ------------------------------------------------------------------
def test_the_lock_admits_one_refresh_per_cache(tmp_path):
    db = tmp_path / "cache.sqlite3"
    assert not is_locked(db)
    with RefreshLock(db):
        assert is_locked(db)
        assert lock_path(db).read_text().strip().isdigit()
        with pytest.raises(Busy, match=r"another refresh \(pid \d+\)") as busy:
            RefreshLock(db).__enter__()
        assert busy.value.exit_code == 7 and "--wait" in busy.value.one_line()
        with RefreshLock(tmp_path / "other.sqlite3"):  # another cache is another lock
            pass
    assert not is_locked(db)
    with RefreshLock(db):  # released on exit
        pass


def test_the_log_file_gets_timestamped_lines_without_the_key(tmp_path):
    log = RunLog(tmp_path / "logs" / "refresh.log", secrets=("s3cr3t-key",))
    log.write("refresh failed: NCBI said api_key=s3cr3t-key is invalid")
    log.write("refresh ok")
    lines = (tmp_path / "logs" / "refresh.log").read_text().splitlines()
    assert len(lines) == 2 and "s3cr3t-key" not in lines[0] and "***" in lines[0]
    assert datetime.fromisoformat(lines[1].split(" ")[0]).tzinfo is not None
