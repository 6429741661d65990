"""`refresh`, `new` and `runs` from the command line, against the fake E-utilities.

In-process through CliRunner, and as real subprocesses where the operating system matters: a
refresh killed with SIGKILL mid-run, and two refreshes of one cache at once.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cli_run import run
from fake_eutils import FakeEutils
from refresh_helpers import KRATOM, MELATONIN, QUERIES, cached_hits, expected_hits, kratom_paper

from withdrawal_lit.services.clock import NcbiClock
from withdrawal_lit.services.lock import RefreshLock
from withdrawal_lit.store import Store

KEY = "0123456789abcdef0123456789abcdef9f3a"  # makes the client 10 requests/s; never shown
pytestmark = pytest.mark.fake(
    today=NcbiClock().today,  # NCBI's date as its Date header says
    env={"NCBI_API_KEY": KEY},
    config="retries = 1\nbackoff = 0\n",
)
BROKEN_QUERY = """\
name = "broken-field"
title = "A query with an unknown field tag"
question = "Does NCBI refuse it?"
term = "kratom[nosuchfield]"
concepts = [["kratom"]]
"""


@pytest.fixture
def db(isolated) -> Path:
    return isolated / "cache.sqlite3"


@pytest.fixture
def filled(fake, db):
    result = run("refresh")
    assert result.exit_code == 0, result.output
    return db


def no_key(*texts: str) -> bool:
    return all(KEY not in text and KEY[-4:] not in text for text in texts)


# -- refresh -----------------------------------------------------------------------------------
def test_first_refresh_reports_each_query_and_the_requests(fake, db):
    result = run("refresh")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # a first refresh lists nothing: its whole result set is new
    for query in QUERIES:
        assert f"{query.name}: full (first refresh)" in result.stderr
    # every corpus record some shipped question returns (the lofexidine trial since the
    # trials question names the standard comparators)
    assert "refresh ok: 18 new records" in result.stderr
    assert "requests to NCBI" in result.stderr and no_key(result.output)


def test_a_quiet_night_prints_nothing_and_costs_one_request(fake, filled):
    before = len(fake.requests)
    result = run("refresh", "--quiet")
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "")
    assert [seen.utility for seen in fake.requests[before:]] == ["esearch"]


def test_quiet_prints_the_new_papers_and_the_log_keeps_the_night(fake, filled, isolated):
    kratom_paper(fake, "39200001")
    log = isolated / "logs" / "refresh.log"
    result = run("refresh", "--quiet", "--log-file", str(log))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = result.stdout
    assert "39200001" in out and "Kratom for opioid withdrawal" in out
    assert f"{KRATOM} — " in out and "1 new, 0 revised in this refresh" in out
    assert "Randomised" in out and "Kratom reduced opioid withdrawal symptoms" in out
    listed = sum(1 for name, ids in expected_hits(fake).items() if "39200001" in ids)
    assert listed > 1 and out.count("shown above") == listed - 1  # in full once
    assert out.count("Kratom reduced opioid withdrawal symptoms") == 1
    lines = log.read_text().splitlines()
    assert (
        lines[0]
        .split(" ", 1)[1]
        .startswith(f"refresh started (incremental): {len(QUERIES)} queries")
    )
    assert any(f"{KRATOM}: incremental since" in line and "1 new" in line for line in lines)
    assert lines[-1].split(" ", 1)[1].startswith("refresh ok: 1 new records, 0 revised")
    assert no_key(out, log.read_text())


def test_no_colour_and_no_progress_bar_off_a_terminal(fake, filled, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    kratom_paper(fake, "39200001")
    result = run("refresh")
    assert result.exit_code == 0
    assert "\x1b[" not in result.output and "efetch" not in result.stderr.split("refresh ok")[0]
    assert "39200001" in result.stdout


def test_the_log_file_can_come_from_the_environment(fake, filled, isolated, monkeypatch):
    log = isolated / "env.log"
    monkeypatch.setenv("WITHDRAWAL_LIT_LOG", str(log))
    assert run("refresh", "--quiet", KRATOM).exit_code == 0
    assert "refresh started (incremental): 1 queries (kratom-opioid-withdrawal)" in log.read_text()


def test_full_reconciles_and_reports_records_no_longer_returned(fake, filled):
    fake.revise("31000001", title="An online survey of US adults", mesh=(), abstract_sections=())
    result = run("refresh", "--full", KRATOM)
    assert result.exit_code == 0, result.output
    assert f"{KRATOM}: full (--full):" in result.stderr and "1 no longer returned" in result.stderr
    assert "31000001" not in cached_hits(filled)[KRATOM]


# -- exit codes --------------------------------------------------------------------------------
def test_exit_1_when_some_queries_fail(fake, db, isolated):
    folder = isolated / "my-queries"
    folder.mkdir()
    (folder / "broken-field.toml").write_text(BROKEN_QUERY)
    result = run("--queries-dir", str(folder), "refresh", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: broken-field: failed:")
    assert cached_hits(db)[KRATOM]  # the others were saved


def test_exit_1_when_a_fetch_fails_for_the_queries_that_needed_it(fake, filled):
    kratom_paper(fake, "39200001")
    fake.inject("efetch", "400", times=10)
    result = run("refresh")
    assert result.exit_code == 1
    assert f"error: {KRATOM}: failed:" in result.stderr
    assert f"{MELATONIN}: incremental since" in result.stderr  # saved


def test_exit_2_when_nothing_could_be_refreshed(fake, filled, isolated):
    fake.inject(None, "503", times=100)
    log = isolated / "refresh.log"
    result = run("refresh", "--quiet", "--log-file", str(log))
    assert result.exit_code == 2
    assert result.stderr.count("error: ") == len(QUERIES)
    assert "ERROR kratom-opioid-withdrawal: failed: NCBI did not answer" in log.read_text()
    assert "refresh failed: 0 new records" in log.read_text()


def test_exit_2_for_an_unknown_query(fake):
    result = run("refresh", "kratom-opiod-withdrawal")
    assert result.exit_code == 2
    assert "unknown query 'kratom-opiod-withdrawal'" in result.stderr


def test_exit_7_when_another_refresh_holds_the_cache(fake, filled, isolated):
    log = isolated / "refresh.log"
    with RefreshLock(filled):
        result = run("refresh", "--quiet", "--log-file", str(log))
    assert result.exit_code == 7
    assert "another refresh (pid" in result.stderr and "--wait" in result.stderr
    assert "refresh failed: another refresh" in log.read_text()


def test_wait_waits_for_the_other_refresh(fake, filled):
    lock = RefreshLock(filled).__enter__()
    threading.Timer(0.8, lock.__exit__).start()
    began = time.monotonic()
    result = run("refresh", "--wait")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - began >= 0.7
    assert "waiting for another refresh" in result.stderr


def test_refresh_help_documents_the_exit_codes():
    text = run("refresh", "--help").output
    assert "0 every query refreshed" in text and "1 some queries failed" in text
    assert "2 nothing could be refreshed" in text and "7 another refresh" in text


# -- new ---------------------------------------------------------------------------------------
@pytest.fixture
def news(fake, filled):
    kratom_paper(fake, "39200001")
    fake.revise("31000001", title="Kratom use for opioid withdrawal: a survey (corrected)")
    assert run("refresh", "--quiet").exit_code == 0
    return filled


@pytest.mark.parametrize("args", [(), ("--since-last-run",), ("--days", "1"), (KRATOM,)])
def test_new_lists_new_and_revised_papers_by_query(news, args):
    result = run("new", *args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    kratom = out[out.index(f"{KRATOM} — ") :]
    assert "39200001" in kratom and "31000001" in kratom
    assert "new" in kratom and "revised" in kratom
    if args == ("--since-last-run",):  # the first refresh brought the corpus, the second these
        assert "1 new, 1 revised since the refresh of" in kratom
    if args == (KRATOM,):
        assert MELATONIN not in out


def test_new_json(news):
    result = run("new", "--json", "--since-last-run")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    kratom = {(i["pmid"], i["change"]) for i in items if i["query"] == KRATOM}
    assert kratom == {("39200001", "new"), ("31000001", "revised")}
    assert {"design", "year", "title", "bottom_line", "url"} <= set(items[0])


def test_new_since_last_run_after_a_quiet_night_is_empty(news):
    assert run("refresh", "--quiet").exit_code == 0
    result = run("new", "--since-last-run")
    assert result.exit_code == 0
    assert result.stdout == "" and "Nothing new since the refresh of" in result.stderr
    assert json.loads(run("new", "--since-last-run", "--json").stdout) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--days", "3", "--since-last-run"), 2, "contradict"),
        (("--days", "0"), 2, "--days"),
        (("no-such-query",), 2, "unknown query"),
    ],
)
def test_new_refuses_bad_options(news, args, code, message):
    result = run("new", *args)
    assert result.exit_code == code and message in result.stderr


def test_new_without_a_cache_or_a_successful_refresh(fake, db):
    assert run("new").exit_code == 6
    with Store.open(db) as store:  # a cache that no refresh has completed
        store.start_run("refresh", [KRATOM], "0.1.0")
    result = run("new", "--since-last-run")
    assert result.exit_code == 6 and "no refresh has completed" in result.stderr


# -- runs --------------------------------------------------------------------------------------
def test_runs_lists_each_refresh(news, fake):
    with Store.open(news) as store:
        store.start_run("search", [KRATOM], "0.1.0")
        store.start_run("refresh", [KRATOM], "0.1.0")  # killed: never finished
    with RefreshLock(news):  # as if that refresh were still going on
        assert json.loads(run("runs", "--json").stdout)[0]["status"] == "running"
    rows = json.loads(run("runs", "--json").stdout)
    assert [r["status"] for r in rows] == ["interrupted", "ok", "ok"]
    latest, first = rows[1], rows[2]
    assert (latest["new"], latest["revised"], latest["command"]) == (1, 1, "refresh")
    assert latest["requests"] == 1 + len(QUERIES) + 1 and latest["seconds"] >= 0
    assert first["new"] == 18 and first["queries"] == sorted(q.name for q in QUERIES)
    assert len(json.loads(run("runs", "--json", "--all").stdout)) == 4
    assert len(json.loads(run("runs", "--json", "--limit", "1").stdout)) == 1
    table = run("runs").stdout
    assert "interrupted" in table and f"{len(QUERIES)} queries" in table and "refresh" in table


def test_runs_without_a_cache(fake):
    result = run("runs")
    assert result.exit_code == 6 and "no cache" in result.stderr


# -- real processes ----------------------------------------------------------------------------
def start_refresh(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "withdrawal_lit", "refresh", *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_requests(fake: FakeEutils, count: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while len(fake.requests) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the refresh never got that far"
        time.sleep(0.01)


def assert_consistent(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT query || ':' || pmid) FROM hits"
        ).fetchone()
        assert total == distinct
        orphans = conn.execute(
            "SELECT count(*) FROM hits h WHERE NOT EXISTS "
            "(SELECT 1 FROM records r WHERE r.pmid = h.pmid)"
        ).fetchone()[0]
        assert orphans == 0
        fts, records = conn.execute(
            "SELECT (SELECT count(*) FROM records_fts), (SELECT count(*) FROM records)"
        ).fetchone()
        assert fts == records


@pytest.mark.slow
@pytest.mark.parametrize("night", ["first", "incremental"])
@pytest.mark.parametrize("kill_after", [2, 6, 9])
def test_a_refresh_killed_mid_run_leaves_a_consistent_cache_and_the_next_completes(
    fake, db, night, kill_after
):
    if night == "incremental":
        assert run("refresh").exit_code == 0
        for i in range(5):
            kratom_paper(fake, str(39200001 + i))
        fake.revise("31000001", title="Kratom use for opioid withdrawal: a survey (corrected)")
    fake.latency_per_request = 0.15
    start = len(fake.requests)
    proc = start_refresh("--quiet")
    wait_for_requests(fake, start + kill_after, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    if db.exists():
        assert_consistent(db)

    fake.latency_per_request = 0.0
    result = run("refresh", "--quiet")
    assert result.exit_code == 0, result.output
    assert_consistent(db)
    assert cached_hits(db) == {k: v for k, v in expected_hits(fake).items() if v}
    with Store.open(db) as store:
        if night == "incremental":
            assert "(corrected)" in store.get("31000001").title
        statuses = [r.status for r in store.list_runs(("refresh",))]
    assert statuses[0] == "ok" and "interrupted" in statuses


@pytest.mark.slow
def test_two_refreshes_at_once(fake, filled):
    fake.latency_per_request = 0.2
    kratom_paper(fake, "39200001")
    start = len(fake.requests)
    first = start_refresh("--quiet")
    wait_for_requests(fake, start + 1, first)  # it holds the lock now
    second = start_refresh("--quiet")
    out, err = second.communicate(timeout=30)
    assert second.returncode == 7
    assert f"another refresh (pid {first.pid})" in err
    waiting = start_refresh("--wait")
    out, err = first.communicate(timeout=60)
    fake.latency_per_request = 0.0
    assert first.returncode == 0 and "39200001" in out
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert "waiting for another refresh" in err
    assert "refresh ok: 0 new records" in err  # the first one had fetched it
