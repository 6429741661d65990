"""Registered trials end to end: CliRunner (and one subprocess) against both fake servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from cli_run import run
from fake_ctgov import FakeCtgov

KRATOM = "kratom-opioid-withdrawal"
MELATONIN = "melatonin-opioid-withdrawal"
LONG_AGO = (date.today() - timedelta(days=800)).isoformat()

pytestmark = pytest.mark.fake(config=None)


@pytest.fixture
def register(monkeypatch, fake):
    """The fake register with a few trials the shipped registry terms find, trials on."""
    linked = sorted(fake.records)[0]
    with FakeCtgov() as server:
        server.add_study("NCT06072170", "Single Ascending Doses of Kratom",
                         interventions=(("DRUG", "Kratom"),), conditions=("Opioid Use Disorder",),
                         status="COMPLETED", phases=("PHASE1",), has_results=True,
                         primary_completion="2024-06-30", date_type="ACTUAL",
                         last_update="2025-03-01", enrollment=40,
                         enrollment_type="ACTUAL")  # fmt: skip
        server.add_study("NCT05883358", "Kratom Use Disorder Management Using Buprenorphine",
                         interventions=(("DRUG", "Buprenorphine"),), study_type="OBSERVATIONAL",
                         summary="kratom and opioid withdrawal", conditions=("Opioid Withdrawal",),
                         last_update="2025-05-01")  # fmt: skip
        server.add_study("NCT02431728", "The Effect of Melatonin Upon Post-Acute Withdrawal",
                         conditions=("Opioid Withdrawal",), status="COMPLETED",
                         primary_completion=LONG_AGO, date_type="ACTUAL",
                         last_update="2019-01-01")  # fmt: skip
        server.add_study("NCT04000001", "Melatonin with methadone for opioid withdrawal",
                         references=((linked, "RESULT"),), status="COMPLETED",
                         primary_completion=LONG_AGO, last_update="2024-01-01")  # fmt: skip
        server.linked = linked
        monkeypatch.setenv("WITHDRAWAL_LIT_CTGOV_URL", server.url)
        monkeypatch.setenv("WITHDRAWAL_LIT_TRIALS", "on")
        yield server


def rows(result, record):
    return [r for r in json.loads(result.stdout) if r.get("record") == record]


def test_search_prints_trials_under_each_questions_papers(register):
    result = run("search", KRATOM, MELATONIN, "--limit", "3")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index(KRATOM) < out.index("NCT06072170") < out.index(MELATONIN)
    assert out.index(MELATONIN) < out.index("NCT02431728")
    assert "Registered trials (ClinicalTrials.gov): 2" in out
    assert "no results reported" in out  # NCT02431728: completed long ago, nothing posted
    assert "PHASE1" in out and "posted" in out
    assert register.count("/studies") == 2  # one request per question


def test_search_json_includes_trials_in_the_read_model_shape(register):
    result = run("search", MELATONIN, "--json")
    assert result.exit_code == 0, result.output
    assert rows(result, "paper")
    trials = {t["nct_id"]: t for t in rows(result, "trial")}
    assert set(trials) == {"NCT02431728", "NCT04000001"}
    reported = trials["NCT04000001"]
    assert reported["linked_papers"][0]["pmid"] == register.linked
    assert reported["unreported"]["flag"] is None
    assert "linked to PMID" in reported["unreported"]["reason"]
    unreported = trials["NCT02431728"]
    assert unreported["unreported"]["flag"] == "no results reported"
    for key in ("status", "phases", "enrollment", "dates", "has_results", "questions"):
        assert key in unreported
    assert unreported["questions"] == [MELATONIN]


def test_no_trials_hides_them_and_costs_no_register_request(register):
    result = run("search", KRATOM, "--no-trials")
    assert result.exit_code == 0 and "Registered trials" not in result.stdout
    assert register.count() == 0


def test_offline_shows_cached_trials_and_says_when_there_are_none(register):
    assert run("search", KRATOM).exit_code == 0
    assert run("search", MELATONIN, "--no-trials").exit_code == 0  # its papers only
    before = register.count()
    cached = run("search", KRATOM, "--offline")
    assert cached.exit_code == 0 and "NCT06072170" in cached.stdout
    never = run("search", MELATONIN, "--offline")
    assert "Registered trials" in never.stdout and "trials missing" in never.stdout
    assert "--offline" in never.stdout
    assert never.exit_code == 1  # partial: papers shown, trials missing
    assert register.count() == before


def test_unreachable_register_never_blocks_the_papers(register, monkeypatch):
    monkeypatch.setenv("WITHDRAWAL_LIT_CTGOV_URL", "http://127.0.0.1:9/api/v2/")
    result = run("search", KRATOM, "--json")
    assert result.exit_code == 1, result.output  # partial
    assert rows(result, "paper")
    (missing,) = rows(result, "trials-missing")
    assert "ClinicalTrials.gov did not answer" in missing["reason"]
    assert "registered trials missing" in result.stderr


def test_an_unreachable_register_is_one_warning_line_for_every_question(register, monkeypatch):
    monkeypatch.setenv("WITHDRAWAL_LIT_CTGOV_URL", "http://127.0.0.1:9/api/v2/")
    result = run("search", KRATOM, MELATONIN)
    assert result.exit_code == 1, result.output  # partial
    (line,) = [x for x in result.stderr.splitlines() if "registered trials missing" in x]
    assert f"for {KRATOM}, {MELATONIN}:" in line or f"for {MELATONIN}, {KRATOM}:" in line
    assert "ClinicalTrials.gov did not answer" in line


def test_register_throttling_is_retried_transparently(register):
    register.inject("429", retry_after="0")
    result = run("search", KRATOM, "--json")
    assert result.exit_code == 0, result.output
    assert {t["nct_id"] for t in rows(result, "trial")} == {"NCT06072170", "NCT05883358"}


def test_a_subprocess_run_against_both_fakes(register, fake, tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "withdrawal_lit", "search", MELATONIN, "--limit", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "NCT02431728" in done.stdout and "no results reported" in done.stdout
    assert "request" in done.stderr and "ClinicalTrials.gov" in done.stderr


def test_show_trial_and_its_papers_and_show_paper_and_its_registrations(register):
    assert run("search", MELATONIN).exit_code == 0
    trial = run("show", "NCT04000001")
    assert trial.exit_code == 0, trial.output
    assert "Melatonin with methadone" in trial.stdout
    assert f"PMID {register.linked} — register" in trial.stdout
    paper = run("show", register.linked)
    assert paper.exit_code == 0, paper.output
    assert "Registrations:" in paper.stdout and "NCT04000001 (register)" in paper.stdout
    as_json = json.loads(run("show", register.linked, "--json").stdout)
    assert as_json["registrations"][0]["nct_id"] == "NCT04000001"
    shown = json.loads(run("show", "nct4000001", "--json").stdout)
    assert shown["nct_id"] == "NCT04000001" and shown["linked_papers"][0]["source"] == "register"


def test_show_an_uncached_trial_asks_the_register_once(register):
    register.add_study(
        "NCT05555555", "Kratom pharmacokinetics", interventions=(("DRUG", "Kratom"),)
    )
    result = run("show", "NCT05555555", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Kratom pharmacokinetics"
    assert register.count("/studies/NCT05555555") == 1
    again = run("show", "NCT05555555", "--offline")
    assert again.exit_code == 0 and register.count("/studies/NCT05555555") == 1


@pytest.mark.parametrize(
    ("arg", "code", "message"),
    [
        ("NCT09999999", 6, "NCT09999999 is not in ClinicalTrials.gov (NCT number NCT09999999 not"),
        ("NCTX", 2, "'NCTX' is not an NCT number"),
    ],
)
def test_show_unknown_or_malformed_trial_is_one_line(register, arg, code, message):
    result = run("show", arg)
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_refresh_brings_trials_up_to_date_and_new_shows_changes(register):
    from withdrawal_lit.query_files import load_queries
    from withdrawal_lit.settings import builtin_queries_dir

    questions = len(load_queries([builtin_queries_dir()]))
    first = run("refresh")
    assert first.exit_code == 0, first.output
    assert register.count("/studies") == questions  # cold: one page per question
    quiet = run("refresh")
    assert quiet.exit_code == 0, quiet.output
    assert register.count("/studies") == 2 * questions  # a no-change night: one per question
    assert all("filter.advanced" in r.params for r in register.requests[questions:])
    assert "Registered trials: changes" not in quiet.stdout

    register.update("NCT05883358", status="COMPLETED")
    register.update("NCT06072170", status="COMPLETED")  # unchanged status: not listed
    register.add_study("NCT07204171", "Phase 1 Study of Oral MG001 (mitragynine)",
                       interventions=(("DRUG", "Mitragynine"),), status="NOT_YET_RECRUITING",
                       last_update=date.today().isoformat())  # fmt: skip
    third = run("refresh", KRATOM)
    assert third.exit_code == 0, third.output
    assert "NCT05883358  status RECRUITING -> COMPLETED" in third.stdout
    assert "NCT07204171  new trial (NOT_YET_RECRUITING)" in third.stdout
    assert "NCT06072170" not in third.stdout

    changes = [r for r in json.loads(run("new", "--json").stdout) if r["record"] == "trial-change"]
    assert {(c["nct_id"], c["change"]) for c in changes if c["query"] == KRATOM} >= {
        ("NCT05883358", "status"),
        ("NCT07204171", "new"),
    }
    assert "status RECRUITING -> COMPLETED" in run("new", KRATOM).stdout


def test_refresh_with_the_register_down_saves_the_papers_and_says_partial(register, monkeypatch):
    monkeypatch.setenv("WITHDRAWAL_LIT_CTGOV_URL", "http://127.0.0.1:9/api/v2/")
    result = run("refresh", KRATOM)
    assert result.exit_code == 1, result.output
    assert "trials not updated: ClinicalTrials.gov did not answer" in result.stderr
    assert "refresh ok" in result.stderr  # the PubMed part went through


def test_digest_counts_trials_by_status_and_phase_and_lists_unreported(register):
    assert run("search", MELATONIN, KRATOM).exit_code == 0
    table = run("digest", MELATONIN)
    assert table.exit_code == 0, table.output
    assert "Registered trials (ClinicalTrials.gov): 2" in table.stdout
    assert "By status" in table.stdout and "By phase" in table.stdout
    assert "NCT02431728" in table.stdout and "no results reported" in table.stdout
    (melatonin, kratom) = json.loads(run("digest", MELATONIN, KRATOM, "--json").stdout)
    assert melatonin["trials"]["by_status"] == [["COMPLETED", 2]]
    assert [u["nct_id"] for u in melatonin["trials"]["unreported"]] == ["NCT02431728"]
    assert dict(map(tuple, kratom["trials"]["by_phase"])) == {
        "PHASE1": 1,
        "none (observational)": 1,
    }


def test_export_trials_as_csv_and_jsonl(register, tmp_path):
    import csv

    assert run("search", MELATONIN, KRATOM).exit_code == 0
    out = tmp_path / "trials.csv"
    result = run("export", "--trials", "-o", str(out))
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    by_id = {row["NCT ID"]: row for row in table}
    assert set(by_id) == {"NCT06072170", "NCT05883358", "NCT02431728", "NCT04000001"}
    assert by_id["NCT02431728"]["Unreported"] == "yes"
    assert by_id["NCT04000001"]["Result PMIDs"] == register.linked
    assert by_id["NCT06072170"]["Has Results"] == "yes"
    lines = run("export", "--trials", "--format", "jsonl", KRATOM).stdout.splitlines()
    assert {json.loads(line)["nct_id"] for line in lines} == {"NCT06072170", "NCT05883358"}
    refused = run("export", "--trials", "--format", "ris")
    assert refused.exit_code == 2 and "--trials exports csv or jsonl" in refused.stderr


def test_prisma_counts_the_register_with_its_strategy(register):
    assert run("search", MELATONIN, KRATOM).exit_code == 0
    text = run("log", "--prisma", MELATONIN, KRATOM)
    assert text.exit_code == 0, text.output
    assert "Records identified from PubMed" in text.stdout or "PubMed" in text.stdout
    assert "Records identified from Registers: ClinicalTrials.gov (n = 4;" in text.stdout
    assert 'Search expression (query.term): (kratom OR mitragynine OR "Mitragyna speciosa"' in (
        text.stdout
    )
    data = json.loads(run("log", "--prisma", MELATONIN, KRATOM, "--json").stdout)
    assert data["registers"]["identified"] == 4
    assert data["registers"]["after_duplicates_removed"] == 4


def test_report_has_a_trials_section_with_a_status_by_year_chart(register, tmp_path):
    assert run("search", MELATONIN).exit_code == 0
    page = tmp_path / "report.html"
    result = run("report", MELATONIN, "-o", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "Registered trials (ClinicalTrials.gov)" in html
    assert "Registered trials by start year and status" in html
    assert "NCT02431728" in html and "No results reported:" in html
    assert "Data: PubMed and ClinicalTrials.gov" in html


def test_readme_documents_the_trial_json_shape():
    import re
    from pathlib import Path

    from withdrawal_lit.trial_view import TrialView
    from withdrawal_lit.trials import Trial

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r'```json\n(\{"nct_id".*?)```', readme, flags=re.S).group(1)
    documented = json.loads(block.replace('"..."', '"x"'))
    actual = TrialView.build(Trial("NCT00000001"), [], today=date.today()).to_json()
    assert documented.keys() == actual.keys()
    assert documented["dates"].keys() == actual["dates"].keys()


def test_limit_caps_the_trials_shown_but_not_the_counts_or_the_unreported(register):
    for i in range(1, 4):
        register.add_study(f"NCT0800000{i}", f"Melatonin for opioid withdrawal {i}",
                           start=f"2030-0{i}-01")  # newest starts: listed first  # fmt: skip
    result = run("search", MELATONIN, "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "Registered trials (ClinicalTrials.gov): 5" in result.stdout
    assert "NCT08000003" in result.stdout and "NCT08000002" not in result.stdout
    assert "… and 4 more" in result.stdout
    assert "no results reported: NCT02431728" in result.stdout
    as_json = run("search", MELATONIN, "--limit", "1", "--json", "--offline")
    assert {t["nct_id"] for t in rows(as_json, "trial")} == {"NCT08000003", "NCT02431728"}
    digest = json.loads(run("digest", MELATONIN, "--json").stdout)[0]["trials"]
    assert digest["registered"] == 5 and len(digest["unreported"]) == 1
