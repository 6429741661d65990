"""The ClinicalTrials.gov client against the fake register: paging, increments, faults."""

from __future__ import annotations

import json

import pytest
from fake_ctgov import FakeCtgov

from withdrawal_lit.ctgov import MIN_INTERVAL, CtgovClient, retry_after
from withdrawal_lit.errors import NotFound, RegisterError, RegisterUnreachable
from withdrawal_lit.settings import resolve


def _settings(fake, **flags):
    return resolve(ctgov_url=fake.url, **flags)


def _studies(fake, n, **kwargs):
    for i in range(1, n + 1):
        fake.add_study(f"NCT{i:08d}", f"Melatonin for opioid withdrawal {i}", **kwargs)


def test_search_pages_with_tokens_and_counts_total_once():
    with FakeCtgov() as fake:
        _studies(fake, 25)
        fake.add_study("NCT09999999", "Aspirin for headache", conditions=("Headache",),
                       interventions=(("DRUG", "Aspirin"),))  # fmt: skip
        with CtgovClient(_settings(fake)) as client:
            pages = list(client.search("melatonin AND opioid", page_size=10))
        assert [len(p.studies) for p in pages] == [10, 10, 5]
        assert [p.total for p in pages] == [25, None, None]
        assert pages[-1].next_token is None
        first, second = fake.requests[0].params, fake.requests[1].params
        assert first["query.term"] == "melatonin AND opioid" and first["countTotal"] == "true"
        assert first["pageSize"] == "10" and "pageToken" not in first
        assert second["pageToken"] == pages[0].next_token
        # every follow-up repeats the first request's parameters
        assert {k: v for k, v in second.items() if k != "pageToken"} == first
        assert client.stats.requests == 3


def test_page_size_is_capped_at_the_api_maximum():
    with FakeCtgov() as fake:
        _studies(fake, 3)
        with CtgovClient(_settings(fake)) as client:
            list(client.search("melatonin", page_size=5000))
        assert fake.requests[0].params["pageSize"] == "1000"
        assert fake.requests[0].params["fields"] == "ProtocolSection,HasResults"


def test_incremental_search_filters_by_last_update_post_date():
    with FakeCtgov() as fake:
        fake.add_study("NCT00000001", "Melatonin old", last_update="2023-05-01")
        fake.add_study("NCT00000002", "Melatonin new", last_update="2024-03-02")
        with CtgovClient(_settings(fake)) as client:
            (page,) = client.search("melatonin", updated_since="2024-03-02")
        assert fake.requests[0].params["filter.advanced"] == (
            "AREA[LastUpdatePostDate]RANGE[2024-03-02,MAX]"
        )
        assert [s["protocolSection"]["identificationModule"]["nctId"] for s in page.studies] == [
            "NCT00000002"
        ]


def test_pages_are_yielded_one_at_a_time():
    with FakeCtgov() as fake:
        _studies(fake, 30)
        with CtgovClient(_settings(fake)) as client:
            pages = client.search("melatonin", page_size=10)
            next(pages)
            assert fake.count("/studies") == 1  # the second page is not asked for yet
            next(pages)
            assert fake.count("/studies") == 2


def test_429_with_retry_after_is_honoured_then_succeeds():
    waits = []
    with FakeCtgov() as fake:
        _studies(fake, 2)
        fake.inject("429", retry_after="7")
        with CtgovClient(_settings(fake), sleep=waits.append) as client:
            (page,) = client.search("melatonin")
        assert len(page.studies) == 2
        assert client.stats.throttled == 1 and client.stats.retries == 1
        assert max(waits) >= 7
        assert "1 retry (1 throttled)" in client.stats.summary()


def test_5xx_and_dropped_connections_back_off_exponentially():
    waits = []
    with FakeCtgov() as fake:
        _studies(fake, 1)
        fake.inject("503")
        fake.inject("reset")
        fake.inject("500")
        with CtgovClient(_settings(fake), sleep=waits.append) as client:
            (page,) = client.search("melatonin")
        assert len(page.studies) == 1
        backoffs = [w for w in waits if w >= 1.0]
        assert len(backoffs) == 3 and backoffs[0] < backoffs[1] < backoffs[2]
        assert fake.count() == 4


def test_a_register_that_keeps_failing_is_one_line_exit_3():
    with FakeCtgov() as fake:
        fake.inject("502", times=10)
        client = CtgovClient(_settings(fake, retries=2), sleep=lambda s: None)
        with pytest.raises(RegisterUnreachable) as caught:
            list(client.search("melatonin"))
        assert caught.value.exit_code == 3
        assert "ClinicalTrials.gov did not answer after 3 tries: HTTP 502" in str(caught.value)
        assert "\n" not in str(caught.value)


def test_unreachable_register_is_a_network_error(monkeypatch):
    settings = resolve(ctgov_url="http://127.0.0.1:9/api/v2/", retries=1)
    client = CtgovClient(settings, sleep=lambda s: None)
    with pytest.raises(RegisterUnreachable, match="connection failed"):
        list(client.search("melatonin"))


def test_a_bad_expression_is_refused_at_once_with_the_registers_reason():
    with FakeCtgov() as fake:
        client = CtgovClient(_settings(fake), sleep=lambda s: None)
        with pytest.raises(RegisterError) as caught:
            list(client.search("(melatonin OR"))
        assert fake.count() == 1  # a 400 is never retried
        message = str(caught.value)
        assert "refused the search request (HTTP 400): Error parsing query" in message
        assert "registry_term" in message and caught.value.exit_code == 4


def test_study_by_id_and_its_errors(realdata):
    with FakeCtgov(realdata=realdata) as fake:
        fake.add_file(realdata / "ctgov" / "study_NCT04280705_full_with_results.json")
        with CtgovClient(_settings(fake), sleep=lambda s: None) as client:
            study = client.study("NCT04280705")
            assert study["protocolSection"]["identificationModule"]["nctId"] == "NCT04280705"
            assert "resultsSection" not in study and study["hasResults"] is True
            with pytest.raises(NotFound) as missing:
                client.study("NCT99999999")
            with pytest.raises(RegisterError) as malformed:
                client.study("NCTABC")
        real_404 = (realdata / "ctgov" / "error_404_study_unknown_nctid.txt").read_text()
        assert real_404 in str(missing.value) and missing.value.exit_code == 6
        assert "not an NCT number" in str(malformed.value)
        assert fake.count("/studies/") == 2  # the malformed id never left


def test_malformed_id_on_the_wire_gets_the_real_400_body(realdata):
    with FakeCtgov(realdata=realdata) as fake:
        with CtgovClient(_settings(fake)) as client, pytest.raises(RegisterError) as caught:
            client._get("studies/ABC123", {}, what="ABC123")
        body = (realdata / "ctgov" / "error_400_study_bad_nctid.txt").read_text()
        assert body in str(caught.value)


def test_real_pages_are_followed_by_their_tokens(realdata):
    folder = realdata / "ctgov"
    with FakeCtgov() as fake:
        fake.replay(
            folder / "search_cond_page1_totalcount_nexttoken.json",
            folder / "search_cond_page2_via_pagetoken.json",
        )
        with CtgovClient(_settings(fake)) as client:
            pages = list(client.search("Phelan-McDermid"))
        page1 = json.loads((folder / "search_cond_page1_totalcount_nexttoken.json").read_text())
        assert pages[0].total == page1["totalCount"] == 21
        assert len(pages) == 3 and pages[1].total is None
        assert pages[2].studies == []  # past the saved pages: the stop on an empty page
        assert fake.requests[1].params["pageToken"] == page1["nextPageToken"]


def test_requests_are_paced_under_the_published_rate():
    """Against the real host the interval is fixed, whatever rate_limit says."""
    clock = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        clock[0] += seconds

    settings = resolve(ctgov_url="https://clinicaltrials.gov/api/v2/", rate_limit=1000)
    client = CtgovClient(settings, sleep=sleep, clock=lambda: clock[0])
    for _ in range(3):
        client._throttle()
    assert waits == [MIN_INTERVAL, MIN_INTERVAL]
    assert 60 / MIN_INTERVAL < 50


def test_user_agent_names_the_tool():
    with FakeCtgov() as fake:
        with CtgovClient(_settings(fake)) as client:
            list(client.search("melatonin"))
        assert fake.requests[0].user_agent.startswith("withdrawal-lit/")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("12", 12.0), (None, None), ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after_header(header, seconds):
    assert retry_after(header) == seconds


def test_fake_refuses_a_malformed_id_filter_with_the_real_body(realdata):
    import requests

    with FakeCtgov(realdata=realdata) as fake:
        answer = requests.get(fake.url + "studies", params={"filter.ids": "ABC123"}, timeout=10)
        unknown = requests.get(fake.url + "studies", params={"filter.phase": "PHASE3"}, timeout=10)
    real = (realdata / "ctgov" / "error_400_search_bad_filter_ids.txt").read_text()
    assert (answer.status_code, answer.text) == (400, real)
    assert answer.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert (unknown.status_code, unknown.text) == (400, "`filter.phase` is unknown parameter")
