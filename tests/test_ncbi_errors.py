"""NCBI's own <ERROR> messages in a 200 answer, as they really come: each known string is
classified (NCBI's trouble, an expired WebEnv, or the request's fault), and end to end through
`withdrawal-lit search`, NCBI's trouble is retried like a 502 on esearch, epost and efetch alike:
served a few times then answered normally, the run succeeds with every record; served without
end, it fails with exit 3 and an NCBI-side message, the cached data as it was."""

from __future__ import annotations

import pytest
from cli_run import run
from fault_helpers import (
    KRATOM,
    MIXED_TERM,
    NEW_PMIDS,
    cached_pmids,
    data,
    db_path,
    error_line,
    sent,
    summary,
)

from withdrawal_lit import ncbi_errors
from withdrawal_lit.errors import EXIT_NCBI, EXIT_NETWORK
from withdrawal_lit.ncbi_errors import HISTORY, KNOWN_ERRORS, NCBI_SIDE, REQUEST, classify

# The records a run lacks are posted (epost) before they are fetched, however few, so
# NCBI's errors reach epost and the history server.
pytestmark = pytest.mark.usefixtures("post_every_fetch")


OUTAGES = [row.example for row in KNOWN_ERRORS if row.side == NCBI_SIDE]
UTILITIES = ("esearch", "epost", "efetch")


# -- the table -------------------------------------------------------------------------------
@pytest.mark.parametrize("row", KNOWN_ERRORS, ids=lambda row: row.example[:40])
def test_every_known_message_is_classified_by_its_row(row):
    assert ncbi_errors.known(row.example) is row
    assert classify(row.example) == row.side
    assert row.seen  # where it was reported


@pytest.mark.parametrize(
    ("message", "side"),
    [
        ("Search Backend failed: Database is not supported: pubmed", NCBI_SIDE),
        ("Search Backend failed: Unable to open connection to #PMQuerySrv?dbaf=pubmed", NCBI_SIDE),
        ("Couldn't resolve #PMQuerySrv_2_0?dbaf=pubmed, the address table is empty.", NCBI_SIDE),
        ("DocSum Backend failed: Couldn't resolve #docsum?dbaf=pubmed", NCBI_SIDE),
        ("Fetch Backend failed: something new", NCBI_SIDE),
        ("unable to open database file", NCBI_SIDE),
        ("The service is temporarily unavailable", NCBI_SIDE),
        ("Invalid db name specified: pubmed", NCBI_SIDE),
        ("Something NCBI never said before", NCBI_SIDE),  # not naming the request: NCBI's
        ("Unable to obtain query #1", HISTORY),
        ("Invalid query", REQUEST),
        ("Empty term and query_key - nothing todo", REQUEST),
        ("Empty ID list; Nothing to store", REQUEST),
        ("Search Backend failed: Exception:\n'retstart' cannot be larger than 9998.", REQUEST),
        ("Query syntax error near ')'", REQUEST),  # unknown, but names the query
        ("Unknown field tag [xyz]", REQUEST),
    ],
)
def test_classify(message, side):
    assert classify(message) == side


def test_the_readme_fault_matrix_lists_every_known_message():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for row in KNOWN_ERRORS:
        assert f"`{row.example}`" in readme, row.example


# -- end to end: NCBI's trouble a few times, then answers -------------------------------------
@pytest.mark.parametrize("utility", UTILITIES)
@pytest.mark.parametrize("message", OUTAGES, ids=lambda m: m[:30])
def test_ncbi_trouble_served_twice_then_normal_answers_succeeds(primed, utility, message):
    before = cached_pmids(db_path())
    primed.inject(utility, "error200", times=2, message=message)
    result = run("search", KRATOM, "--refresh", "--json")
    assert result.exit_code == 0, result.output
    assert "check" not in result.stderr.lower()  # no "check your query"
    assert cached_pmids(db_path()) == before | NEW_PMIDS
    assert int(summary(result)["retries"]) == 2


# -- end to end: NCBI's trouble without end --------------------------------------------------
@pytest.mark.parametrize("utility", UTILITIES)
@pytest.mark.parametrize("message", OUTAGES, ids=lambda m: m[:30])
def test_ncbi_trouble_without_end_is_exit_3_and_keeps_the_cache(primed, utility, message):
    before = data(db_path())
    primed.inject(utility, "error200", times=1000, message=message)
    result = run("--retries", "2", "search", "--term", MIXED_TERM)
    assert result.exit_code == EXIT_NETWORK, result.output
    line = error_line(result)
    assert line.startswith(f"Error: NCBI is having trouble: its {utility} failed 3 times: "), line
    assert message.split("...")[0].rstrip() in line
    assert "on NCBI's side, not your query" in line and "check the query" not in line
    assert sent(primed)[utility] == 3  # retried like a 502: three tries, no more
    assert data(db_path()) == before  # every table row as it was (the run log aside)


def test_cached_results_are_shown_with_an_ncbi_side_warning(primed):
    before = data(db_path())
    primed.inject("esearch", "error200", times=1000, message=OUTAGES[0])
    result = run("--retries", "1", "search", KRATOM, "--refresh", "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("[")  # the cached papers
    warning = result.stderr.strip().splitlines()[-1]
    assert warning.startswith(f"warning: {KRATOM}: NCBI is having trouble: its esearch failed")
    assert "Database is not supported" in warning and "check the query" not in warning
    assert data(db_path()) == before


# -- the request's own errors are the user's: exit 4 at once, no retry -----------------------
@pytest.mark.parametrize("message", [r.example for r in KNOWN_ERRORS if r.side == REQUEST])
def test_the_requests_own_error_is_refused_at_once_with_exit_4(primed, message):
    before = data(db_path())
    primed.inject("esearch", "error200", times=1000, message=message)
    result = run("search", "--term", MIXED_TERM)
    assert result.exit_code == EXIT_NCBI, result.output
    line = error_line(result)
    assert line.startswith(f"Error: PubMed refused the search: {message[:20]}"), line
    assert "Check the query's field tags" in line
    assert sent(primed)["esearch"] == 1  # never retried
    assert data(db_path()) == before
