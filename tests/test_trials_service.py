"""Syncing registered trials into the cache: cold, incremental, changes, links, failures."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

from fake_ctgov import FakeCtgov

from withdrawal_lit.ctgov import CtgovClient
from withdrawal_lit.records import AbstractSection, Article, Query
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.services.trials import (
    paper_registrations,
    question_trials,
    sync_trials,
    trial_by_id,
)
from withdrawal_lit.settings import resolve
from withdrawal_lit.store import Store, now_iso

TODAY = date(2026, 12, 6)
MELATONIN = Query(
    name="melatonin-opioid-withdrawal",
    title="Melatonin",
    question="?",
    term="melatonin[tiab]",
    registry_term='melatonin AND ("opioid withdrawal" OR methadone)',
)
KRATOM = replace(MELATONIN, name="kratom-opioid-withdrawal", registry_term="kratom OR mitragynine")


def _client(fake, **flags):
    return CtgovClient(resolve(ctgov_url=fake.url, **flags), sleep=lambda s: None)


def _many(fake, n, start=1):
    for i in range(start, start + n):
        fake.add_study(f"NCT{i:08d}", f"Melatonin in opioid withdrawal {i}",
                       last_update=f"2024-{1 + i % 12:02d}-01")  # fmt: skip


def test_cold_sync_costs_one_request_per_thousand_studies_then_one_per_night(store):
    with FakeCtgov() as fake:
        _many(fake, 2500)
        fake.add_study("NCT09000001", "Kratom for opioid withdrawal",
                       interventions=(("DIETARY_SUPPLEMENT", "Kratom"),))  # fmt: skip
        with _client(fake) as client:
            cold = sync_trials(store, client, [MELATONIN, KRATOM])
        assert [s.requests for s in cold.syncs] == [3, 1]  # ceil(2500 / 1000) pages; 1
        assert [s.count for s in cold.syncs] == [2500, 1]
        assert cold.syncs[0].new == 2500 and not cold.failed
        assert len(store.trials_for(MELATONIN.name)) == 2500
        with _client(fake) as client:
            night = sync_trials(store, client, [MELATONIN, KRATOM])
        assert [s.requests for s in night.syncs] == [1, 1]
        assert [s.mode for s in night.syncs] == ["incremental", "incremental"]
        assert night.changes == []
        incremental = [r.params for r in fake.requests[-2:]]
        assert incremental[0]["filter.advanced"] == "AREA[LastUpdatePostDate]RANGE[2024-12-01,MAX]"


def test_status_changes_and_results_posted_are_recorded(store):
    with FakeCtgov(today=TODAY) as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal", status="RECRUITING")
        fake.add_study("NCT00000002", "Melatonin and methadone", status="COMPLETED",
                       primary_completion="2023-01-31")  # fmt: skip
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
        time.sleep(1.01)  # timestamps have whole seconds
        started = now_iso()
        fake.update("NCT00000001", status="COMPLETED")
        fake.update("NCT00000002", has_results=True, results_posted="2026-12-06")
        fake.add_study("NCT00000003", "Melatonin for methadone patients", last_update="2026-12-06")
        with _client(fake) as client:
            outcome = sync_trials(store, client, [MELATONIN])
        kinds = {(c.nct_id, c.kind, c.old, c.new) for c in outcome.changes}
        assert kinds == {
            ("NCT00000001", "status", "RECRUITING", "COMPLETED"),
            ("NCT00000002", "results", None, "2026-12-06"),
            ("NCT00000003", "new", None, "RECRUITING"),
        }
        assert len(store.trial_changes_since(started)) == 3


def test_term_change_runs_in_full_and_forgets_old_hits(store):
    with FakeCtgov() as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal")
        fake.add_study("NCT00000002", "Melatonin with methadone", conditions=("Methadone",))
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
            narrower = replace(MELATONIN, registry_term='melatonin AND "opioid withdrawal"')
            outcome = sync_trials(store, client, [narrower])
        assert outcome.syncs[0].reason == "term changed"
        assert [s.trial.nct_id for s in store.trials_for(MELATONIN.name)] == ["NCT00000001"]


def test_links_both_ways_from_register_databank_and_abstract(store):
    paper_register = Article(pmid="30000001", title="Melatonin trial results")
    paper_bank = Article(pmid="30000002", title="Secondary analysis", trial_ids=("NCT00000001",))
    paper_text = Article(
        pmid="30000003",
        title="A pilot",
        abstract_sections=(AbstractSection("Trial registration: NCT00000001."),),
    )
    with store.transaction():
        store.upsert([(a, derive(a)) for a in (paper_register, paper_bank)], now_iso())
    with FakeCtgov(today=TODAY) as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal",
                       references=(("30000001", "RESULT"), ("30000009", "BACKGROUND")))  # fmt: skip
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
    with store.transaction():  # a paper cached after the trial links itself
        store.upsert([(paper_text, derive(paper_text))], now_iso())
    trial = trial_by_id(store, "NCT00000001", today=TODAY)
    assert [(link.pmid, link.source) for link in trial.links] == [
        ("30000001", "register"),
        ("30000002", "databank"),
        ("30000003", "abstract"),
    ]
    assert trial.to_json()["linked_papers"][0] == {
        "pmid": "30000001",
        "source": "register",
        "cached": True,
    }
    (registration,) = paper_registrations(store, "30000003")
    assert registration["nct_id"] == "NCT00000001" and registration["sources"] == ["abstract"]
    assert registration["status"] == "RECRUITING"
    assert paper_registrations(store, "30000009") == []  # BACKGROUND is not a report


def test_abstract_mention_in_a_paper_cached_before_the_trial_is_found(store):
    paper = Article(pmid="30000004", title="Pilot",
                    abstract_sections=(AbstractSection("Registered as NCT00000001."),))  # fmt: skip
    with store.transaction():
        store.upsert([(paper, derive(paper))], now_iso())
        store.conn.execute("DELETE FROM trial_links")  # as in a cache from before trials
    with FakeCtgov() as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal")
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
    assert store.links_of_trial("NCT00000001") == [("30000004", "abstract", True)]


def test_unreported_trial_is_flagged_with_its_reason(store):
    with FakeCtgov(today=TODAY) as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal", status="COMPLETED",
                       primary_completion="2022-03-31", date_type="ACTUAL")  # fmt: skip
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
    (question,) = question_trials(store, [MELATONIN], today=TODAY)
    (view,) = question.views
    assert view.unreported
    assert "no results reported: COMPLETED; primary completion 2022-03-31 (ACTUAL)" in (
        view.verdict.reason
    )


def test_an_unreachable_register_stops_the_trials_not_the_cache(store):
    with FakeCtgov() as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal")
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
        fake.inject("503", times=50)
        with _client(fake, retries=1) as client:
            outcome = sync_trials(store, client, [MELATONIN, KRATOM])
        assert len(outcome.failed) == 2
        assert fake.count() == 1 + 2  # the second question was not even tried
    missing = outcome.missing()
    assert "ClinicalTrials.gov did not answer" in missing[KRATOM.name]
    (melatonin, kratom) = question_trials(store, [MELATONIN, KRATOM], today=TODAY, missing=missing)
    assert len(melatonin.views) == 1 and melatonin.missing  # cached trials still shown
    assert kratom.views == [] and "did not answer" in kratom.missing


def test_a_sync_cut_midway_keeps_saved_pages_and_runs_in_full_again(store):
    with FakeCtgov() as fake:
        _many(fake, 25)
        client = _client(fake, retries=0)
        real = client.search

        def cut_after_one_page(term, updated_since=None):
            pages = real(term, updated_since=updated_since, page_size=10)
            yield next(pages)
            fake.inject("500", times=5)
            yield from pages

        client.search = cut_after_one_page
        outcome = sync_trials(store, client, [MELATONIN])
        assert outcome.failed and len(store.trials_for(MELATONIN.name)) == 10
        assert store.trial_sync_state(MELATONIN.name) is None  # the mark did not move
        fake.faults.clear()
        client.search = lambda term, updated_since=None: real(
            term, updated_since=updated_since, page_size=10
        )
        again = sync_trials(store, client, [MELATONIN])
        assert again.syncs[0].mode == "full" and again.syncs[0].requests == 3
        assert len(store.trials_for(MELATONIN.name)) == 25
        assert again.syncs[0].new == 15


DATABANK_XML = b"""<?xml version="1.0" ?>
<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">31111111</PMID><Article PubModel="Print"><Journal><Title>J</Title>
<JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>
<ArticleTitle>Melatonin trial.</ArticleTitle>
<DataBankList CompleteYN="Y">
<DataBank><DataBankName>ClinicalTrials.gov</DataBankName>
<AccessionNumberList><AccessionNumber>NCT02431728</AccessionNumber>
<AccessionNumber>nct04000001</AccessionNumber></AccessionNumberList></DataBank>
<DataBank><DataBankName>ISRCTN</DataBankName>
<AccessionNumberList><AccessionNumber>ISRCTN12345678</AccessionNumber></AccessionNumberList>
</DataBank></DataBankList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def test_the_records_parser_keeps_clinicaltrials_gov_accession_numbers(store):
    import io

    from withdrawal_lit import xmlparse

    (article,) = xmlparse.iter_articles(io.BytesIO(DATABANK_XML))
    assert article.trial_ids == ("NCT02431728", "NCT04000001")
    assert Article.from_dict(article.to_dict()) == article
    assert "trial_ids" not in Article(pmid="1").to_dict()  # old cached copies stay equal
    with store.transaction():
        store.upsert([(article, derive(article))], now_iso())
    assert store.links_of_paper("31111111") == [
        ("NCT02431728", "databank", False),
        ("NCT04000001", "databank", False),
    ]


def test_a_salvaged_cache_keeps_its_trials(tmp_path):
    from withdrawal_lit.services.repair import _salvage

    path = tmp_path / "cache.sqlite3"
    with Store.open(path) as store, FakeCtgov() as fake:
        fake.add_study("NCT00000001", "Melatonin in opioid withdrawal",
                       references=(("30000001", "RESULT"),))  # fmt: skip
        with _client(fake) as client:
            sync_trials(store, client, [MELATONIN])
    report = _salvage(path)
    assert report.copied["trials"] == 1 and report.copied["trial_links"] == 1
    with Store.open(path) as store:
        assert [s.trial.nct_id for s in store.trials_for(MELATONIN.name)] == ["NCT00000001"]
        assert store.trial_sync_state(MELATONIN.name) is not None
