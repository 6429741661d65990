"""`queries`, `search`, `show`, `config` end to end: CliRunner and a real subprocess against
the fake E-utilities server loaded with the on-topic corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_run import run
from fake_vocabulary import vocabulary

from withdrawal_lit.query_files import load_queries
from withdrawal_lit.settings import builtin_queries_dir

QUERY_NAMES = sorted(load_queries([builtin_queries_dir()]))


def search_json(*args: str) -> list[dict]:
    result = run("search", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cold_search_costs_one_esearch_per_query_and_one_fetch(fake):
    items = search_json("--limit", "50")
    assert fake.count("esearch") == len(QUERY_NAMES)
    assert fake.count("efetch") == 1  # every unique PMID in one batch of the history server
    assert fake.count("epost") <= 1
    assert {i["query"] for i in items} <= set(QUERY_NAMES)
    kratom = [i for i in items if i["query"] == "kratom-opioid-withdrawal"]
    assert [i["rank"] for i in kratom] == list(range(1, len(kratom) + 1))
    expected = {r.pmid for r in fake.records.values()} & {
        pmid
        for pmid in fake.search(
            " ".join(load_queries([builtin_queries_dir()])["kratom-opioid-withdrawal"].term.split())
        ).ids
    }
    assert {i["pmid"] for i in kratom} == expected


def test_json_items_carry_the_documented_fields(fake):
    items = search_json("kratom-opioid-withdrawal")
    required = {"query", "rank", "pmid", "score", "title", "year", "journal", "design",
                "retracted", "bottom_line"}  # fmt: skip
    for item in items:
        assert required <= item.keys()
        assert isinstance(item["score"], float)


def test_bottom_lines_are_verbatim_from_the_record(fake):
    for item in search_json("--limit", "50"):
        record = fake.records[item["pmid"]]
        if item["bottom_line_source"] == "none":
            continue
        assert item["bottom_line"] in record.abstract or all(
            sentence in record.abstract for sentence in item["bottom_line"].split(". ")
        )


def test_retracted_paper_is_flagged_and_ranked_last(fake):
    items = search_json("kratom-opioid-withdrawal", "--limit", "50")
    retracted = [i for i in items if i["retracted"]]
    assert [i["pmid"] for i in retracted] == ["36000012"]
    assert items[-1]["pmid"] == "36000012"
    text = run("search", "kratom-opioid-withdrawal", "--offline").output
    assert "RETRACTED" in text


def test_second_search_is_answered_from_the_cache(fake):
    first = search_json()
    before = len(fake.requests)
    again = search_json()
    assert len(fake.requests) == before  # fresh cache: no request at all
    assert [(i["query"], i["pmid"]) for i in again] == [(i["query"], i["pmid"]) for i in first]


def test_offline_prints_the_same_after_the_server_is_gone(fake):
    online = run("search", "--limit", "5")
    assert online.exit_code == 0, online.output
    fake.stop()
    offline = run("search", "--limit", "5", "--offline")
    assert offline.exit_code == 0, offline.output

    def table(text: str) -> list[str]:  # NCBI's notes are shown when fresh only
        lines = text.replace("fresh from PubMed", "from the cache").splitlines()
        return [line for line in lines if not line.startswith("  NCBI:")]

    assert table(offline.stdout) == table(online.stdout)


def feature_writes(monkeypatch) -> list[str]:
    """The queries whose ranking features the CLI stores from now on."""
    from withdrawal_lit.store.features import Features

    written: list[str] = []
    save = Features.save_features

    def counting(self, state, rows):
        written.append(state.query)
        return save(self, state, rows)

    monkeypatch.setattr(Features, "save_features", counting)
    return written


def forget_features(path) -> None:
    """Drop every stored ranking feature, so the next search computes them from scratch."""
    from withdrawal_lit.store import Store

    with Store.open(path) as store, store.transaction():
        store.conn.execute("DELETE FROM rank_features")
        store.conn.execute("DELETE FROM rank_state")


def test_an_ad_hoc_search_leaves_the_questions_features_current(fake, isolated, monkeypatch):
    """The questions' features depend on their own records only: after an ad hoc search added
    records, --offline writes no feature, and prints what computing them from scratch does."""
    from withdrawal_lit.store import Store

    path = isolated / "cache.sqlite3"
    assert run("search").exit_code == 0
    with Store.open(path, readonly=True) as store:
        before = store.count_records()
    for i in range(3):  # records no question returns, naming their concepts all the same
        fake.add_article(
            f"3999900{i}",
            f"Melatonin, sleep and opioid withdrawal in shift workers: report {i}.",
            abstract="Melatonin improved sleep during opioid withdrawal and methadone taper.",
        )
    assert run("search", "--term", "shift workers").exit_code == 0
    with Store.open(path, readonly=True) as store:
        assert store.count_records() > before  # the ad hoc search added records
    requests = len(fake.requests)
    written = feature_writes(monkeypatch)
    stored = run("search", "--offline", "--limit", "50")
    assert stored.exit_code == 0, stored.output
    assert written == []
    forget_features(path)
    scratch = run("search", "--offline", "--limit", "50")
    assert sorted(written) == QUERY_NAMES  # computed from scratch, and stored
    assert scratch.stdout == stored.stdout
    assert len(fake.requests) == requests  # and no network


def test_offline_stores_features_found_stale_once(fake, isolated, monkeypatch):
    """--offline means no network, not read-only: features found out of date are computed
    and stored by the first offline search; the second writes none."""
    assert run("search").exit_code == 0
    forget_features(isolated / "cache.sqlite3")
    written = feature_writes(monkeypatch)
    first = run("search", "--offline")
    assert first.exit_code == 0, first.output
    assert sorted(written) == QUERY_NAMES
    written.clear()
    again = run("search", "--offline")
    assert again.stdout == first.stdout
    assert written == []


def test_unreachable_network_falls_back_to_the_cache_with_a_warning(fake, monkeypatch):
    assert run("search").exit_code == 0
    monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", "http://127.0.0.1:9/entrez/eutils/")
    monkeypatch.setenv("WITHDRAWAL_LIT_RETRIES", "0")
    result = run("search", "kratom-opioid-withdrawal", "--refresh")
    assert result.exit_code == 0
    assert "showing cached results" in result.stderr
    assert "Kratom" in result.stdout


def test_unreachable_network_and_empty_cache_exits_3(monkeypatch):
    monkeypatch.setenv("WITHDRAWAL_LIT_RETRIES", "0")
    result = run("search", "kratom-opioid-withdrawal")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("search", "--offline"),
        ("show", "--offline", "12345678"),
        ("show", "--offline", "NCT01234567"),
        ("digest",),
        ("log",),
        ("report",),
        ("export",),
        ("new",),
        ("runs",),
    ],
)
def test_every_command_reading_a_missing_cache_says_the_same(args):
    """One condition, one error: exit 6 and the same hint (`show --offline` used to exit 5)."""
    result = run(*args)
    assert result.exit_code == 6, result.stderr
    assert "no cache at" in result.stderr and "(online) to fill it" in result.stderr


def test_offline_with_no_cache_says_how_to_fill_it():
    result = run("search", "--offline")
    assert result.exit_code == 6
    assert "run `withdrawal-lit search` (online)" in result.stderr.lower()


def test_filters_limit_and_since(fake):
    items = search_json("kratom-opioid-withdrawal", "--since", "2022", "--limit", "2")
    assert len(items) == 2
    assert all(i["year"] >= 2022 for i in items)


def test_adhoc_term(fake):
    items = search_json("--term", '"mitragynine"[tiab] AND withdrawal[tiab]')
    assert {i["pmid"] for i in items} == {"36000004"}
    assert items[0]["query"].startswith("adhoc-")


def test_adhoc_term_shows_ncbis_warnings_and_the_search_it_ran(fake):
    fake.vocabulary = vocabulary()
    term = '("Mitragina"[Mesh] OR mitragynine[tiab]) AND "biak-biak"[tiab] OR withdrawal[tiab]'
    result = run("search", "--term", term)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "NCBI: PhraseNotFound: Mitragina" in out
    assert 'NCBI: QuotedPhraseNotFound: "biak-biak"' in out
    # the translation shows the heading dropped and the phrase split into its word
    assert (
        "PubMed ran: (mitragynine[Title/Abstract] AND (biak[Title/Abstract])) OR"
        " withdrawal[Title/Abstract]" in out
    )
    shipped = run("search", "kratom-opioid-withdrawal").stdout
    assert "PubMed ran:" not in shipped  # a file's term is shown by `queries check --json`


def test_pubmed_syntax_error_shows_ncbis_message(fake):
    result = run("search", "--term", "kratom[xyz]")
    assert result.exit_code == 4
    assert "xyz" in result.stderr


def test_sort_by_date_and_evidence(fake):
    by_date = search_json("kratom-opioid-withdrawal", "--sort", "date", "--limit", "50")
    live = [i for i in by_date if not i["retracted"]]
    assert [i["year"] for i in live] == sorted((i["year"] for i in live), reverse=True)
    by_evidence = search_json("kratom-opioid-withdrawal", "--sort", "evidence", "--limit", "50")
    live = [i for i in by_evidence if not i["retracted"]]
    assert [i["evidence_level"] for i in live] == sorted(i["evidence_level"] for i in live)


def test_explain_shows_score_components(fake):
    result = run("search", "kratom-opioid-withdrawal", "--explain")
    assert result.exit_code == 0
    assert "relevance" in result.stdout and "evidence" in result.stdout
    # the role-aware component and what it saw in each record
    assert "roles 0." in result.stdout and "roles: present" in result.stdout
    adhoc = run("search", "--term", "kratom AND withdrawal", "--explain")
    assert adhoc.exit_code == 0, adhoc.output
    assert "roles: " in adhoc.stdout


def test_queries_lists_terms_and_cached_counts(fake):
    before = json.loads(run("queries", "--json").stdout)
    assert [q["name"] for q in before] == QUERY_NAMES
    assert all(q["cached"] == 0 for q in before)
    run("search")
    after = {q["name"]: q for q in json.loads(run("queries", "--json").stdout)}
    assert after["kratom-opioid-withdrawal"]["cached"] > 0
    assert after["kratom-opioid-withdrawal"]["count"] == after["kratom-opioid-withdrawal"]["cached"]
    assert "Mitragyna" in after["kratom-opioid-withdrawal"]["term"]
    table = run("queries").stdout
    assert "kratom-opioid-withdrawal" in table


def test_unknown_query_suggests_the_closest():
    result = run("search", "kratom-withdrawl")
    assert result.exit_code == 2
    assert "kratom-opioid-withdrawal" in result.stderr


def test_show_one_record(fake):
    run("search")
    result = run("show", "33000002")
    assert result.exit_code == 0, result.output
    assert "Kratom as a substitute for opioids" in result.stdout
    assert "Meta-analysis" in result.stdout
    assert "kratom-opioid-withdrawal" in result.stdout
    data = json.loads(run("show", "33000002", "--json").stdout)
    assert data["pmid"] == "33000002" and data["design"] == "meta-analysis"
    assert data["authors"][0]["last_name"] == "Müller"


def test_show_fetches_an_uncached_record(fake):
    result = run("show", "30000005")
    assert result.exit_code == 0, result.output
    assert fake.count("efetch") == 1
    assert "G protein-biased" in result.stdout


@pytest.mark.parametrize("pmid", ["abc", "12.5", "0", "1234567890"])
def test_show_rejects_invalid_pmids(pmid):
    result = run("show", pmid)
    assert result.exit_code == 2
    assert "not a PubMed ID" in result.stderr


def test_show_unknown_pmid_offline_is_not_found(fake):
    run("search")
    result = run("show", "99999999", "--offline")
    assert result.exit_code == 6


def test_config_masks_the_api_key(monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "secretkey1234567890abcdef")
    monkeypatch.delenv("WITHDRAWAL_LIT_RATE_LIMIT")
    result = run("config")
    assert result.exit_code == 0
    assert "secretkey1234567890abcdef" not in result.output
    assert "***cdef" in result.output
    data = json.loads(run("config", "--json").stdout)
    assert data["requests_per_second"] == "10"


def test_a_configured_rate_never_applies_to_ncbi(monkeypatch):
    monkeypatch.setenv(
        "WITHDRAWAL_LIT_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    )
    data = json.loads(run("config", "--json").stdout)
    assert data["requests_per_second"] == "3"


def test_help_documents_exit_codes():
    assert "Exit codes" in run("--help").output
    assert "Ranking" in run("search", "--help").output


@pytest.mark.slow
def test_real_subprocess_against_the_fake_server(fake, tmp_path):
    env = {**os.environ, "WITHDRAWAL_LIT_EUTILS_URL": fake.url, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "withdrawal_lit", "search", "--limit", "3"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "kratom-opioid-withdrawal" in done.stdout
    assert "\x1b[" not in done.stdout  # no colour codes when not on a terminal
    assert "requests to NCBI" in done.stderr
    offline = subprocess.run(
        [*cmd, "--offline"], env=env, capture_output=True, text=True, timeout=120
    )
    assert offline.returncode == 0
    assert offline.stdout.count("│") == done.stdout.count("│")
