"""`withdrawal-lit log` and `withdrawal-lit report` from the command line (cache only)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_run import run
from provenance_cache import KRATOM, KRATOM_OLD_TERM, MELATONIN, NIGHTS

from withdrawal_lit.pubmed_term import normalise_term
from withdrawal_lit.store import Store


# -- log --------------------------------------------------------------------------------------
def test_log_shows_every_query_run_newest_first(cache):
    result = run("log")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in (KRATOM.name, MELATONIN.name, "adhoc-1a2b3c4d"):
        assert name in out
    kratom = out[out.index(KRATOM.name) :]
    positions = [kratom.index(night[:10] + " 03:00") for night in reversed(NIGHTS)]
    assert positions == sorted(positions)
    assert "NCBI: OutputMessage: Quoted phrase not found." in out
    assert "term v1" in kratom and KRATOM_OLD_TERM in kratom  # the edit is kept


def test_log_of_one_query_shows_its_terms(cache):
    result = run("log", MELATONIN.name)
    assert result.exit_code == 0
    assert KRATOM.name not in result.stdout
    assert "term v1" in result.stdout
    assert 'melatonin[tiab] AND ("opioid withdrawal"[tiab]' in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), 6),
        (("--limit", "2"), 2),
        ((KRATOM.name,), 3),
        ((KRATOM.name, MELATONIN.name, "--limit", "4"), 4),
    ],
)
def test_log_json(cache, args, expected):
    result = run("log", "--json", *args)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == expected
    assert [r["at"] for r in rows] == sorted((r["at"] for r in rows), reverse=True)
    assert {"term", "term_hash", "term_version", "count", "new", "revised", "gone"} <= set(rows[0])


def test_log_json_records_term_versions(cache):
    rows = json.loads(run("log", KRATOM.name, "--json").stdout)
    assert [(r["term_version"], r["mode"]) for r in rows] == [
        (2, "incremental"),
        (2, "full"),
        (1, "full"),
    ]
    assert rows[-1]["term"] == normalise_term(KRATOM_OLD_TERM)


# -- log --prisma -----------------------------------------------------------------------------
def test_prisma_prints_the_flow_numbers_and_the_strategy(cache):
    result = run("log", "--prisma")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "Records identified from PubMed/MEDLINE (2 searches, last searched 2025-01-03): n = 14"
        in out
    )
    assert "Duplicate records removed (found by more than one search): n = 4" in out
    assert "Records after duplicates removed (to screen): n = 10" in out
    assert "Platform: NCBI E-utilities via withdrawal-lit 0.1.0" in out
    assert f"Search term: {normalise_term(KRATOM.term)}" in out
    assert "adhoc-1a2b3c4d" not in out  # ad-hoc tries are not part of the strategy
    assert "Not searched yet (not counted): complementary-opioid-withdrawal-trials" in out


def test_prisma_of_named_queries_json(cache):
    result = run("log", "--prisma", KRATOM.name, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["identification"]["identified"] == 8
    assert data["identification"]["duplicates_removed"] == 0
    assert data["strategy"][0]["date_searched"] == "2025-01-03"
    assert data["strategy"][0]["term_changed"] is False


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("log", "kratom-opioid-withdrawl"), 2, "did you mean 'kratom-opioid-withdrawal'"),
        (("log", "--prisma", "kratom-pharmacology"), 6, "has never been searched"),
        (("log", "--prisma", "--limit", "3"), 2, "--limit applies to the history"),
        (("log", "--limit", "0"), 2, "not a positive number"),
        (("report", "kratom-pharmacology", "-o", "r.html"), 6, "has never been searched"),
        (("report", "--since", "2999", "-o", "r.html"), 2, "is in the future"),
    ],
)
def test_mistakes_are_one_line_errors(cache, args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message.lower() in result.stderr.lower()
    assert "Traceback" not in result.output


def test_without_a_cache_log_and_report_say_how_to_fill_it(tmp_path):
    for args in (("log",), ("report", "-o", str(tmp_path / "r.html"))):
        result = run(*args)
        assert result.exit_code == 6
        assert "no cache at" in result.stderr and "withdrawal-lit search" in result.stderr
    assert not Path(os.environ["WITHDRAWAL_LIT_DB"]).exists()  # not created by reading


def test_an_empty_log_is_an_answer_not_an_error():
    Store.open(Path(os.environ["WITHDRAWAL_LIT_DB"])).close()
    result = run("log")
    assert result.exit_code == 0
    assert "No searches logged yet" in result.stderr
    assert json.loads(run("log", "--json").stdout) == []
    assert run("log", "--prisma").exit_code == 6


def test_a_query_never_searched_says_which_search_to_run(cache):
    result = run("log", "kratom-pharmacology")
    assert result.exit_code == 0
    assert "run `withdrawal-lit search kratom-pharmacology`" in result.stderr


# -- report -----------------------------------------------------------------------------------
def test_report_writes_one_page_for_the_searched_queries(cache, tmp_path):
    out = tmp_path / "evidence.html"
    result = run("report", "-o", str(out), "--limit", "5")
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert f'id="q-{KRATOM.name}"' in html and f'id="q-{MELATONIN.name}"' in html
    assert "adhoc-1a2b3c4d" not in html
    assert f"Wrote {out}" in " ".join(result.stderr.split())
    assert "not searched yet, so not in the report" in result.stderr


def test_report_of_an_ad_hoc_search_rebuilds_it_from_the_log(cache, tmp_path):
    out = tmp_path / "adhoc.html"
    result = run("report", "adhoc-1a2b3c4d", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "kratom AND sleep" in out.read_text()


def test_report_into_a_folder_is_refused(cache, tmp_path):
    result = run("report", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
