"""NCBI's failures end to end through `withdrawal-lit search`: every fault the fake E-utilities
server can inject, on esearch, epost and efetch, once (the run recovers with every record) and
without end (the run fails on one line naming the cause). Either way the cache's data is exactly
what it was before or what a clean run writes; the run log records the attempt and its totals.
"""

from __future__ import annotations

import re
import time

import corpus
import pytest
from cli_run import run
from fake_eutils import FakeEutils
from fault_helpers import (
    KRATOM,
    MIXED_TERM,
    NEW,
    NEW_PMIDS,
    NEW_TERM,
    SUMMARY,
    cached_pmids,
    data,
    db_path,
    error_line,
    runs,
    sent,
    summary,
)

from withdrawal_lit.cli import cli
from withdrawal_lit.errors import EXIT_NCBI, EXIT_NETWORK

# The records a run lacks are posted (epost) before they are fetched, however few, so
# the faults below reach epost and the history server.
pytestmark = pytest.mark.usefixtures("post_every_fetch")


# -- recovery: one fault, then success with every record ------------------------------------
RECOVERABLE = [
    ("esearch", kind)
    for kind in ("429", "500", "502", "503", "reset", "truncate", "slow", "error200", "expire")
] + [
    ("epost", kind) for kind in ("429", "503", "reset", "truncate", "error200")
] + [
    ("efetch", kind)
    for kind in ("429", "500", "502", "503", "reset", "truncate", "slow", "error200", "expire",
                 "short")
]  # fmt: skip


@pytest.mark.parametrize(("utility", "kind"), RECOVERABLE)
def test_one_fault_is_retried_and_every_record_arrives(primed, utility, kind):
    before = cached_pmids(db_path())
    primed.inject(utility, kind)
    result = run("--timeout", "0.3", "search", KRATOM, "--refresh", "--json")
    assert result.exit_code == 0, result.output
    assert cached_pmids(db_path()) == before | NEW_PMIDS
    totals = summary(result)
    utilities = sent(primed)
    assert int(totals["requests"]) == sum(utilities.values())
    assert totals["parts"] == ", ".join(f"{u} {n}" for u, n in sorted(utilities.items()))
    assert int(totals["retries"]) == 1
    assert int(totals["new"]) == 3
    assert (totals["throttled"] is not None) == (kind == "429")
    last = runs(db_path())[-1]
    assert (last["status"], last["requests"], last["retries"], last["new"]) == (
        "ok",
        sum(utilities.values()),
        1,
        3,
    )


def test_an_expired_webenv_is_replaced_by_posting_the_ids_again(primed):
    primed.inject("efetch", "expire")
    result = run("search", KRATOM, "--refresh")
    assert result.exit_code == 0, result.output
    assert sent(primed)["epost"] == 2  # the first set expired: the ids were posted again
    assert cached_pmids(db_path()) >= NEW_PMIDS


class ExpiresOnSecondSearch(FakeEutils):
    """NCBI's history server drops the shared WebEnv just as the second query is searched."""

    def handle(self, params, seen, client):
        if seen.utility == "esearch" and self.count("esearch") == 1:
            self.inject("esearch", "expire")
        return super().handle(params, seen, client)


def test_the_second_search_runs_again_without_the_lost_webenv(monkeypatch, isolated):
    (isolated / "config.toml").write_text("backoff = 0\n")
    with ExpiresOnSecondSearch() as server:
        corpus.load(server)
        monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", server.url)
        result = run("search", KRATOM, "melatonin-opioid-withdrawal", "--json")
        searches = [seen.params for seen in server.requests if seen.utility == "esearch"]
    assert result.exit_code == 0, result.output
    assert len(searches) == 3
    assert "WebEnv" in searches[1] and "WebEnv" not in searches[2]  # asked again, fresh
    assert summary(result)["retries"] == "1"


# -- failure: the fault never stops ----------------------------------------------------------
# NCBI's server-side <ERROR>s and a history server that keeps losing the WebEnv end as any
# NCBI-side failure does (exit 3), on every E-utility alike.
TROUBLE = "NCBI is having trouble:"
FATAL = [
    ("esearch", "429", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 429 API rate limit"),
    ("esearch", "500", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 500 Internal"),
    ("esearch", "502", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 502 Bad Gateway"),
    ("esearch", "503", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 503 Service"),
    ("esearch", "reset", EXIT_NETWORK, "NCBI did not answer after 3 tries: connection dropped"),
    ("esearch", "truncate", EXIT_NETWORK, "NCBI did not answer after 3 tries: esearch response"),
    ("esearch", "slow", EXIT_NETWORK, "NCBI did not answer after 3 tries: no answer within 0.3 s"),
    ("esearch", "error200", EXIT_NETWORK, f"{TROUBLE} its esearch failed 3 times: Search Backend"),
    ("esearch", "expire", EXIT_NETWORK, f"{TROUBLE} its esearch failed 3 times: NCBI's history"),
    ("esearch", "400", EXIT_NCBI, "NCBI refused the esearch request (HTTP 400): API key invalid"),
    ("epost", "503", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 503 Service"),
    ("epost", "error200", EXIT_NETWORK, f"{TROUBLE} its epost failed 3 times: Search Backend"),
    ("efetch", "429", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 429 API rate limit"),
    ("efetch", "500", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 500 Internal"),
    ("efetch", "502", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 502 Bad Gateway"),
    ("efetch", "503", EXIT_NETWORK, "NCBI did not answer after 3 tries: HTTP 503 Service"),
    ("efetch", "reset", EXIT_NETWORK, "NCBI did not answer after 3 tries: connection dropped"),
    ("efetch", "truncate", EXIT_NETWORK, "NCBI did not answer after 3 tries: PubMed response"),
    ("efetch", "slow", EXIT_NETWORK, "NCBI did not answer after 3 tries: no answer within 0.3 s"),
    ("efetch", "error200", EXIT_NETWORK, f"{TROUBLE} its efetch failed 3 times: Search Backend"),
    ("efetch", "expire", EXIT_NETWORK, f"{TROUBLE} its efetch failed 3 times: NCBI's history"),
    ("efetch", "short", EXIT_NCBI, "NCBI returned 3 of 4 records; missing PMIDs: 3"),
    ("efetch", "400", EXIT_NCBI, "NCBI refused the efetch request (HTTP 400): API key invalid"),
]


@pytest.mark.parametrize(("utility", "kind", "code", "message"), FATAL)
def test_a_fault_that_never_stops_fails_cleanly_and_keeps_the_cache(
    primed, utility, kind, code, message
):
    before = data(db_path())
    primed.inject(utility, kind, times=1000)
    result = run("--timeout", "0.3", "--retries", "2", "search", "--term", MIXED_TERM)
    assert result.exit_code == code, result.output
    line = error_line(result)
    assert line.startswith(f"Error: {message}"), line
    assert result.stdout == ""
    assert data(db_path()) == before  # nothing half-written, nothing lost
    last = runs(db_path())[-1]
    assert last["status"] == "failed" and last["error"].startswith("adhoc-")
    assert message in last["error"]
    tries = 1 if kind == "400" else 3
    assert sent(primed)[utility] >= tries
    assert last["requests"] == sum(sent(primed).values())


@pytest.mark.parametrize(("utility", "kind"), [("esearch", "503"), ("efetch", "reset")])
def test_cached_results_are_shown_with_a_warning_when_ncbi_keeps_failing(primed, utility, kind):
    before = data(db_path())
    primed.inject(utility, kind, times=1000)
    result = run("--retries", "1", "search", KRATOM, "--refresh", "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("[")  # the cached papers, still ranked
    totals, warning = result.stderr.strip().splitlines()[-2:]
    assert SUMMARY.match(totals), totals  # what the attempt cost is still reported
    assert f"{sum(sent(primed).values())} requests to NCBI" in totals
    assert warning.startswith(f"warning: {KRATOM}: NCBI did not answer after 2 tries")
    assert "showing cached results from" in warning
    assert data(db_path()) == before


# -- NCBI's own error messages in a 200 answer ------------------------------------------------
def test_an_unknown_field_tag_is_ncbis_error_list_and_exit_4(primed):
    before = data(db_path())
    result = run("search", "--term", "kratom[nosuchfield]")
    assert result.exit_code == EXIT_NCBI
    assert error_line(result).startswith(
        "Error: PubMed could not run the search: FieldNotFound: nosuchfield. Check the query's"
    )
    assert data(db_path()) == before


def test_a_phrase_not_found_is_a_note_not_an_error(primed):
    result = run("search", "--term", "kratom[tiab] AND zzyzxqq[tiab]", "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"


# -- timeouts and retries are settings --------------------------------------------------------
@pytest.mark.parametrize(
    ("config", "env", "flags", "timeout", "retries"),
    [
        ("", {}, (), "30.0", "5"),
        ("timeout = 10\nretries = 1\n", {}, (), "10", "1"),
        ("timeout = 10\nretries = 1\n", {"TIMEOUT": "20", "RETRIES": "2"}, (), "20.0", "2"),
        (
            "timeout = 10\nretries = 1\n",
            {"TIMEOUT": "20", "RETRIES": "2"},
            ("--timeout", "4.5", "--retries", "3"),
            "4.5",
            "3",
        ),
    ],
)
def test_timeout_and_retries_flags_beat_env_beat_config(
    isolated, monkeypatch, config, env, flags, timeout, retries
):
    import json

    (isolated / "config.toml").write_text(config)
    for name, value in env.items():
        monkeypatch.setenv(f"WITHDRAWAL_LIT_{name}", value)
    result = run(*flags, "config", "--json")
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)
    assert (values["timeout"], values["retries"]) == (timeout, retries)


@pytest.mark.parametrize(("retries", "code"), [("0", EXIT_NETWORK), ("1", 0)])
def test_the_retries_flag_bounds_the_tries(primed, retries, code):
    primed.inject("esearch", "503")
    result = run("--retries", retries, "search", "--term", NEW_TERM)
    assert result.exit_code == code, result.output
    assert sent(primed)["esearch"] == int(retries) + 1
    if code:
        assert "after 1 try: HTTP 503" in error_line(result)


def test_the_timeout_flag_gives_up_on_a_slow_answer(primed):
    primed.inject("esearch", "slow")  # the fake stalls 1 s
    started = time.monotonic()
    result = run("--timeout", "0.2", "--retries", "0", "search", "--term", NEW_TERM)
    assert result.exit_code == EXIT_NETWORK
    assert "no answer within 0.2 s" in error_line(result)
    assert time.monotonic() - started < 0.9


def test_retries_back_off_exponentially(primed, isolated):
    (isolated / "config.toml").write_text("backoff = 0.2\n")
    primed.inject("esearch", "503", times=2)
    started = time.monotonic()
    result = run("--retries", "2", "search", "--term", NEW_TERM)
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed >= 0.2 + 0.4  # 0.2 s, then 0.4 s (plus up to 10% jitter each)
    assert summary(result)["retries"] == "2"


def test_retry_after_from_a_throttled_answer_is_honoured(primed):
    primed.inject("esearch", "429", retry_after=1)
    started = time.monotonic()
    result = run("search", "--term", NEW_TERM)
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 1.0
    assert summary(result)["throttled"] == "1"


# -- `refresh` meets the same faults ----------------------------------------------------------
REFRESH_FAULTS = [
    ("esearch", "503"),
    ("esearch", "reset"),
    ("esearch", "error200"),
    ("efetch", "429"),
    ("efetch", "truncate"),
    ("efetch", "expire"),
    ("efetch", "short"),
]
REFRESH_SUMMARY = re.compile(
    r"^refresh (?P<status>ok|failed): (?P<new>\d+) new records, \d+ revised; "
    r"(?P<requests>\d+) requests? to NCBI \([^)]*\)(?:; (?P<retries>\d+) retr(?:y|ies))?"
)


@pytest.fixture
def refreshed(fake):
    """A cache refreshed once (kratom); NCBI has since entered three records today."""
    if "refresh" not in cli.commands:
        pytest.skip("this build has no `refresh`")
    first = run("refresh", KRATOM, "kratom-safety-dependence")
    assert first.exit_code == 0, first.output
    for record in NEW:
        fake.add_article(**{**record, "edat": fake.today})
    fake.requests.clear()
    return fake


def refresh_summary(result) -> re.Match:
    line = next(x for x in result.stderr.splitlines() if x.startswith("refresh "))
    match = REFRESH_SUMMARY.match(line)
    assert match, result.stderr
    return match


@pytest.mark.parametrize(("utility", "kind"), REFRESH_FAULTS)
def test_refresh_recovers_from_one_fault(refreshed, utility, kind):
    before = cached_pmids(db_path())
    refreshed.inject(utility, kind)
    result = run("refresh", KRATOM, "kratom-safety-dependence")
    assert result.exit_code == 0, result.output
    assert cached_pmids(db_path()) >= before | NEW_PMIDS
    totals = refresh_summary(result)
    assert totals["status"] == "ok" and int(totals["retries"]) >= 1
    assert int(totals["requests"]) == sum(sent(refreshed).values())


@pytest.mark.parametrize(("utility", "kind"), REFRESH_FAULTS)
def test_refresh_that_keeps_failing_keeps_the_cache(refreshed, utility, kind):
    before = data(db_path())
    refreshed.inject(utility, kind, times=1000)
    result = run("--retries", "2", "refresh", KRATOM, "kratom-safety-dependence")
    assert result.exit_code == 2, result.output  # refresh's own code: nothing refreshed
    assert "Traceback" not in result.output
    errors = [x for x in result.stderr.splitlines() if x.startswith("error: ")]
    assert errors and all(": failed: " in x for x in errors)
    totals = refresh_summary(result)
    assert totals["status"] == "failed" and totals["new"] == "0"
    assert int(totals["requests"]) == sum(sent(refreshed).values())
    assert data(db_path()) == before
