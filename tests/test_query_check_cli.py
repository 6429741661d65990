"""`queries check` end to end: CliRunner and one real subprocess against the fake E-utilities
server, which answers with NCBI's warnings and translations (tests/fake_vocabulary.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_run import run

from withdrawal_lit.query_files import load_queries
from withdrawal_lit.settings import builtin_queries_dir

SHIPPED = sorted(load_queries([builtin_queries_dir()]))
MISSPELLED = '''name = "my-sleep"
title = "Sleep in methadone patients"
question = "How do people on methadone sleep?"
concepts = [["sleep"], ["methadone"]]
term = """
("Sleep Initation and Maintenance Disorders"[Mesh] OR sleep*[tiab] OR "biak-biak"[tiab])
AND methadone[tiab]
"""
'''
pytestmark = pytest.mark.fake(
    vocabulary=True, config=None, env={"NCBI_EMAIL": "checker@example.org"}
)


@pytest.fixture
def own_queries(tmp_path, monkeypatch):
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "my-sleep.toml").write_text(MISSPELLED, encoding="utf-8")
    monkeypatch.setenv("WITHDRAWAL_LIT_QUERIES", str(folder))
    return folder


def test_every_shipped_query_runs_as_written(fake):
    result = run("queries", "check")
    assert result.exit_code == 0, result.output
    for name in SHIPPED:
        assert f"ok {name} · " in result.stdout
    assert "problem" not in result.stdout
    searches = [params for utility, params in fake.requests if utility == "esearch"]
    assert len(searches) == len(SHIPPED)  # one esearch each
    assert all(p["retmax"] == "0" and "usehistory" not in p for p in searches)


def test_a_misspelled_heading_and_a_split_phrase_fail_the_check(fake, own_queries):
    result = run("queries", "check", "my-sleep", "kratom-opioid-withdrawal")
    assert result.exit_code == 1
    out = result.stdout
    assert "FAIL my-sleep" in out and "ok kratom-opioid-withdrawal" in out
    assert "NCBI: PhraseNotFound: Sleep Initation and Maintenance Disorders" in out
    assert 'heading "Sleep Initation and Maintenance Disorders"[MeSH Terms] not found' in out
    assert 'quoted phrase "biak-biak"[Title/Abstract] not found' in out
    assert result.stderr.count("\n") <= 2 and "1 of 2 queries did not run as written" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_json_gives_count_translation_messages_and_problems(fake, own_queries):
    result = run("queries", "check", "--json", "my-sleep")
    assert result.exit_code == 1
    (row,) = json.loads(result.stdout)
    assert row["name"] == "my-sleep" and row["ok"] is False
    assert isinstance(row["count"], int) and row["count"] > 0
    assert "Sleep Initation" not in row["translation"]  # PubMed dropped it
    assert "biak[Title/Abstract]" in row["translation"]  # and split the phrase
    assert row["split"] == ['"biak-biak"[Title/Abstract]']
    kinds = {m["kind"] for m in row["messages"]}
    assert {"PhraseNotFound", "QuotedPhraseNotFound"} <= kinds
    assert row["file"].endswith("my-sleep.toml") and len(row["problems"]) == 2


def test_an_unknown_field_tag_is_a_failed_check_not_a_crash(fake, tmp_path, monkeypatch):
    folder = tmp_path / "q"
    folder.mkdir()
    text = MISSPELLED.replace("AND methadone[tiab]", "AND methadone[xyz]")
    (folder / "my-sleep.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("WITHDRAWAL_LIT_QUERIES", str(folder))
    result = run("queries", "check", "my-sleep")
    assert result.exit_code == 1
    assert "FAIL my-sleep · refused" in result.stdout and "FieldNotFound: xyz" in result.stdout


def test_network_failure_is_one_line_and_exit_3():
    result = run("--retries", "0", "queries", "check", "sleep-opioid-withdrawal")
    assert result.exit_code == 3
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("Error:")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "exit_code", "fragment"),
    [
        (("queries", "check", "no-such-query"), 2, "unknown query 'no-such-query'"),
        (("queries", "--json", "sleep-opioid-withdrawal"), 0, '"name": "sleep-opioid-withdrawal"'),
        (("queries", "sleep-opioid-withdrawal"), 0, "sleep-opioid-withdrawal"),
        (("queries", "list", "--json"), 0, '"name": "kratom-melatonin-interactions"'),
        (("queries", "--help"), 0, "queries check"),
        (("queries", "check", "--help"), 0, "PhraseNotFound"),
    ],
)
def test_listing_still_works_beside_check(args, exit_code, fragment):
    result = run(*args)
    assert result.exit_code == exit_code, result.output
    assert fragment in result.output


def test_check_in_a_subprocess(fake, own_queries, tmp_path):
    env = {**os.environ, "WITHDRAWAL_LIT_EUTILS_URL": fake.url}
    proc = subprocess.run(
        [sys.executable, "-m", "withdrawal_lit", "queries", "check", "--json", "my-sleep"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)[0]["problems"]
    assert "did not run as written" in proc.stderr and "Traceback" not in proc.stderr
