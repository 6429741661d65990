"""The E-utilities client against the fake server: searching, splitting big searches by date,
fetching in batches through the history server, surviving every fault NCBI is known for,
rate limiting and keeping the API key out of every message."""

from __future__ import annotations

import time
import warnings
from collections import Counter
from datetime import date

import pytest
from fake_eutils import FakeEutils
from pubmed_helpers import KEY, TODAY, FakeTime, add_records, fetched_pmids, make_client

from withdrawal_lit import __version__
from withdrawal_lit.errors import EXIT_NCBI, EXIT_NETWORK, NcbiError, NcbiTrouble, NetworkError
from withdrawal_lit.fetchplan import BY_ID_MAX, HistorySource
from withdrawal_lit.pubmed import EntrezClient
from withdrawal_lit.ratelimit import MARGIN
from withdrawal_lit.settings import resolve

pytestmark = pytest.mark.fake(today=TODAY, corpus=False, config=None)


# -- esearch ---------------------------------------------------------------------------------
def test_esearch_reads_count_ids_history_and_translation(fake, tmp_path):
    pmids = add_records(fake, 5)
    client, _ = make_client(fake, tmp_path)
    result = client.esearch("melatonin[ti] AND withdrawal")
    assert result.count == 5 and set(result.ids) == set(pmids)
    assert result.webenv.startswith("MCID_") and result.query_key == "1"
    assert result.query_translation == "melatonin[Title] AND withdrawal[All Fields]"
    (seen,) = fake.requests
    assert seen.params["db"] == "pubmed" and seen.params["usehistory"] == "y"
    assert seen.params["retmax"] == "10000"


@pytest.mark.parametrize(("term", "count"), [("melatonin OR abcxyz", 3), ("abcxyz", 0)])
def test_esearch_phrase_not_found_is_a_message_not_an_error(fake, tmp_path, term, count):
    add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    result = client.esearch(term)
    assert result.count == count
    assert "PhraseNotFound: abcxyz" in result.errors


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("melatonin[xyz]", "PubMed could not run the search: FieldNotFound: xyz"),
        ("(melatonin OR kratom", "PubMed refused the search: Invalid query"),
    ],
)
def test_esearch_refused_query_raises_without_retry(fake, tmp_path, term, expected):
    add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    with pytest.raises(NcbiError) as caught:
        client.esearch(term)
    assert caught.value.message == expected and caught.value.exit_code == EXIT_NCBI
    assert "\n" not in str(caught.value)
    assert fake.count("esearch") == 1


def test_esearch_passes_date_limits_and_sort(fake, tmp_path):
    add_records(fake, 24)
    client, _ = make_client(fake, tmp_path)
    result = client.esearch(
        "melatonin", datetype="pdat", mindate="2010", maxdate="2011", sort="pub_date"
    )
    assert result.count == 2
    params = fake.requests[-1].params
    assert (params["datetype"], params["mindate"], params["maxdate"], params["sort"]) == (
        "pdat",
        "2010",
        "2011",
        "pub_date",
    )


# -- search_all ------------------------------------------------------------------------------
def test_search_all_small_result_is_one_search_with_history(fake, tmp_path):
    add_records(fake, 12)
    client, _ = make_client(fake, tmp_path)
    result = client.search_all("melatonin")
    assert result.count == 12 and len(result.ids) == 12
    assert result.webenv is not None and result.query_key == "1"
    assert fake.count() == 1


def test_search_all_splits_by_publication_date_beyond_the_paging_cap(tmp_path):
    with FakeEutils(today=TODAY, retstart_cap=9) as fake:  # 10 reachable ids per search
        add_records(fake, 60)
        client, _ = make_client(fake, tmp_path)
        result = client.search_all("melatonin")
        assert result.ids == tuple(fake.search("melatonin").ids)  # all, newest first, once each
        assert result.count == 60 and result.webenv is None and result.query_key is None
        assert result.query_translation == "melatonin[All Fields]"
        windows = [p for _, p in fake.requests[1:]]
        assert all(p["datetype"] == "pdat" and p.get("retstart") == "0" for p in windows)
        assert all("usehistory" not in p for p in windows)
        assert client.stats.by_utility == Counter(esearch=fake.count())


def test_search_all_splits_within_the_callers_entry_date_limits(tmp_path):
    with FakeEutils(today=TODAY, retstart_cap=4) as fake:
        add_records(fake, 48)
        client, _ = make_client(fake, tmp_path)
        result = client.search_all(
            "melatonin", datetype="edat", mindate="2005/01/01", maxdate="2014/12/31"
        )
        expected = fake.search(
            "melatonin", {"datetype": "edat", "mindate": "2005/01/01", "maxdate": "2014/12/31"}
        ).ids
        assert result.ids == tuple(expected) and len(expected) == 20
        windows = [p for _, p in fake.requests[1:]]
        assert all(p["datetype"] == "edat" for p in windows)
        assert all("2005/01/01" <= p["mindate"] <= p["maxdate"] <= "2014/12/31" for p in windows)


def test_search_all_cannot_split_a_single_day(tmp_path):
    with FakeEutils(today=TODAY, retstart_cap=2) as fake:
        for i in range(5):
            fake.add_article(str(100 + i), "melatonin", pub_date=date(2020, 5, 5))
        client, _ = make_client(fake, tmp_path)
        with pytest.raises(NcbiError, match="5 matching records dated 2020/05/05"):
            client.search_all("melatonin")


# -- epost / efetch --------------------------------------------------------------------------
def test_fetch_asks_for_a_few_ids_by_id_without_epost(fake, tmp_path):
    pmids = add_records(fake, 23)
    client, _ = make_client(fake, tmp_path)
    batches = list(client.fetch(pmids))
    assert fetched_pmids(batches) == pmids
    (by_id,) = fake.requests
    assert by_id.utility == "efetch" and by_id.method == "POST"
    assert by_id.params["id"] == ",".join(pmids)
    assert client.stats.by_utility == Counter(efetch=1)


def test_fetch_posts_more_ids_than_by_id_allows_then_fetches_in_batches(fake, tmp_path):
    pmids = add_records(fake, BY_ID_MAX + 5)
    client, _ = make_client(fake, tmp_path)
    batches = list(client.fetch(pmids, batch_size=100))
    assert [len(b) for b in batches] == [100, 100, 5]
    assert fetched_pmids(batches) == pmids
    epost, *efetches = fake.requests
    assert epost.utility == "epost" and epost.method == "POST"
    assert epost.params["id"] == ",".join(pmids)
    assert [(p["retstart"], p["retmax"]) for _, p in efetches] == [
        ("0", "100"),
        ("100", "100"),
        ("200", "5"),
    ]
    assert all(p["WebEnv"] == efetches[0].params["WebEnv"] for _, p in efetches)
    assert all(p["retmode"] == "xml" and p["db"] == "pubmed" for _, p in efetches)
    assert client.stats.by_utility == Counter(epost=1, efetch=3)
    assert client.stats.requests == 4 and client.stats.retries == 0


def test_fetch_reuses_the_search_history_without_epost(fake, tmp_path):
    add_records(fake, 7)
    client, _ = make_client(fake, tmp_path, batch_size=5)
    found = client.search_all("melatonin")
    batches = list(client.fetch(found.ids, history=(found.webenv, found.query_key)))
    assert fetched_pmids(batches) == list(found.ids)
    assert fake.count("epost") == 0 and fake.count("efetch") == 2


def test_fetch_ignores_records_never_asked_for_and_fetches_stragglers_by_id(fake, tmp_path):
    pmids = add_records(fake, 4)
    client, _ = make_client(fake, tmp_path)
    other = client.epost([pmids[3], pmids[0], pmids[1]])  # a history that is not quite ours
    wanted = [pmids[0], pmids[1], pmids[2], pmids[0]]
    batches = list(client.fetch(wanted, history=(other.webenv, other.query_key)))
    assert sorted(fetched_pmids(batches)) == sorted(pmids[:3])
    by_id = fake.requests[-1]
    assert by_id.method == "POST" and by_id.params["id"] == pmids[2]


def test_fetch_reports_pmids_ncbi_does_not_have(fake, tmp_path):
    pmids = add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    batches = []
    with pytest.raises(NcbiError) as caught:
        for batch in client.fetch([*pmids, "99999999"]):
            batches.append(batch)
    assert fetched_pmids(batches) == pmids
    assert caught.value.message == "NCBI returned 3 of 4 records; missing PMIDs: 99999999"


@pytest.mark.parametrize(
    "kind",
    ["429", "500", "502", "503", "reset", "truncate", "slow", "error200", "expire", "short"],
)
def test_fetch_recovers_from_each_fault_with_every_record(tmp_path, kind):
    with FakeEutils(today=TODAY, slow_seconds=1.0) as fake:
        add_records(fake, 12)
        client, _ = make_client(fake, tmp_path, batch_size=5, timeout=0.3)
        found = client.search_all("melatonin")
        fake.inject("efetch", kind)
        batches = list(client.fetch(found.ids, history=(found.webenv, found.query_key)))
        assert fetched_pmids(batches) == list(found.ids)
        assert [len(b) for b in batches] == [5, 5, 2]
        assert client.stats.retries == 1 and len(client.stats.failures) == 1
        assert fake.count("epost") == (1 if kind == "expire" else 0)
        assert client.stats.throttled == (1 if kind == "429" else 0)


@pytest.mark.parametrize("kind", ["500", "reset", "truncate", "error200", "short"])
def test_fetch_by_id_recovers_from_faults_too(fake, tmp_path, kind):
    pmids = add_records(fake, 6)
    client, _ = make_client(fake, tmp_path, timeout=0.3)
    fake.inject("efetch", kind)
    assert fetched_pmids(client.fetch(pmids)) == pmids
    assert client.stats.retries == 1 and fake.count("epost") == 0


def test_a_cut_body_keeps_the_records_before_the_cut(fake, tmp_path):
    add_records(fake, 40)
    client, _ = make_client(fake, tmp_path)
    found = client.search_all("melatonin")
    fake.inject("efetch", "truncate")
    batches = list(client.fetch(found.ids, history=(found.webenv, found.query_key)))
    assert sorted(fetched_pmids(batches)) == sorted(found.ids)
    assert fake.count("efetch") == 2


def test_fetch_reads_a_span_of_a_larger_history_set_and_drops_what_is_cached(fake, tmp_path):
    add_records(fake, 30)
    client, _ = make_client(fake, tmp_path)
    found = client.search_all("melatonin")
    lacking = list(found.ids[:8])  # newest first: what a cache lacks is a leading run
    source = HistorySource(found.webenv, found.query_key, tuple(found.ids))
    batches = list(client.fetch(lacking, history=source))
    assert fetched_pmids(batches) == lacking
    (efetch,) = [seen for seen in fake.requests if seen.utility == "efetch"]
    assert (efetch.params["retstart"], efetch.params["retmax"]) == ("0", "8")
    assert fake.count("epost") == 0


@pytest.mark.parametrize(
    ("utility", "kind"),
    [("esearch", "503"), ("esearch", "truncate"), ("esearch", "reset"), ("epost", "500")],
)
def test_search_and_post_recover_from_transient_faults(fake, tmp_path, utility, kind):
    pmids = add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    fake.inject(utility, kind)
    assert set(client.search_all("melatonin").ids) == set(pmids)
    assert client.epost(pmids).webenv.startswith("MCID_")
    assert client.stats.retries == 1


@pytest.mark.parametrize(
    ("kind", "error", "message"),
    [
        ("500", NetworkError, "NCBI did not answer after 3 tries: HTTP 500 Internal Server Error"),
        ("reset", NetworkError, "NCBI did not answer after 3 tries: connection dropped mid-answer"),
        ("truncate", NetworkError, "NCBI did not answer after 3 tries: PubMed response ended"),
        (
            "429",
            NetworkError,
            "NCBI did not answer after 3 tries: HTTP 429 API rate limit exceeded",
        ),
        ("error200", NcbiTrouble, "NCBI is having trouble: its efetch failed 3 times: Search"),
        ("short", NcbiError, "NCBI returned 4 of 5 records; missing PMIDs: 30000004"),
    ],
)
def test_fault_past_the_retry_limit_gives_one_clean_line(fake, tmp_path, kind, error, message):
    pmids = add_records(fake, 5)
    client, _ = make_client(fake, tmp_path, retries=2)
    fake.inject("efetch", kind, times=100)
    with pytest.raises(error) as caught:
        list(client.fetch(pmids))
    text = str(caught.value)
    assert text.startswith(message)
    assert "\n" not in text and KEY not in text and "Traceback" not in text
    assert caught.value.hint and type(caught.value) is error
    assert len(client.stats.failures) >= 3
    assert_key_free(client, caught.value)
    network = issubclass(error, NetworkError)
    assert caught.value.exit_code == (EXIT_NETWORK if network else EXIT_NCBI)


@pytest.mark.parametrize("utility", ["esearch", "efetch"])
def test_other_http_errors_are_not_retried(fake, tmp_path, utility):
    pmids = add_records(fake, 2)
    client, _ = make_client(fake, tmp_path)
    fake.inject(utility, "400")
    with pytest.raises(NcbiError) as caught:
        client.esearch("melatonin")
        list(client.fetch(pmids))
    assert caught.value.message == (
        f"NCBI refused the {utility} request (HTTP 400): API key invalid"
    )
    assert fake.count(utility) == 1 and client.stats.retries == 0


# -- etiquette -------------------------------------------------------------------------------
@pytest.mark.parametrize(("api_key", "limit"), [(KEY, 10), (None, 3)])
def test_the_window_lets_the_limit_through_then_waits_a_second(fake, tmp_path, api_key, limit):
    client, clock = make_client(fake, tmp_path, api_key=api_key)
    started = time.perf_counter()
    for _ in range(limit):
        client.esearch("melatonin")
    assert clock.sleeps == []
    client.esearch("melatonin")  # one more than the limit: a second (and the margin) later
    assert clock.sleeps == pytest.approx([1.0 + MARGIN])
    assert client.stats.seconds_waiting == pytest.approx(1.0 + MARGIN)
    assert time.perf_counter() - started < 1.0  # the fake clock did the waiting


def test_time_already_spent_counts_toward_the_window(fake, tmp_path):
    client, clock = make_client(fake, tmp_path, api_key=None)
    for _ in range(3):
        client.esearch("melatonin")
    clock.now += 0.6
    client.esearch("melatonin")
    clock.now += 2.0
    client.esearch("melatonin")
    assert clock.sleeps == pytest.approx([0.4 + MARGIN])


def test_backoff_doubles_with_jitter_and_is_capped(fake, tmp_path):
    client, clock = make_client(fake, tmp_path, backoff=1, retries=5)
    fake.inject("esearch", "503", times=4)
    client.esearch("melatonin")
    for slept, base in zip(clock.sleeps, [1, 2, 4, 8], strict=True):
        assert base <= slept <= base * 1.1
    capped, clock = make_client(fake, tmp_path, backoff=40, retries=5)
    fake.inject("esearch", "503", times=2)
    capped.esearch("melatonin")
    assert 40 <= clock.sleeps[0] <= 44 and 60 <= clock.sleeps[1] <= 66


def test_retry_after_is_honoured(fake, tmp_path):
    client, clock = make_client(fake, tmp_path)
    fake.inject("esearch", "429", retry_after=7)
    client.esearch("melatonin")
    assert clock.sleeps == [7.0]
    assert client.stats.throttled == 1 and client.stats.seconds_waiting == 7.0
    assert client.stats.failures == ["esearch: HTTP 429 API rate limit exceeded"]


def test_tool_email_api_key_and_user_agent_are_sent(fake, tmp_path):
    pmids = add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    list(client.fetch(pmids))
    client.esearch("melatonin")
    assert len(fake.requests) == 2
    for seen in fake.requests:
        assert seen.params["tool"] == "withdrawal-lit"
        assert seen.params["email"] == "dev@example.org"
        assert seen.params["api_key"] == KEY
        assert seen.user_agent == f"withdrawal-lit/{__version__}"


def test_no_key_no_email_sends_neither_and_does_not_warn(fake, tmp_path):
    client, _ = make_client(fake, tmp_path, api_key=None, email=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.esearch("melatonin")
    (seen,) = fake.requests
    assert "api_key" not in seen.params and "email" not in seen.params
    assert seen.params["tool"] == "withdrawal-lit"


def test_long_requests_are_posted(fake, tmp_path):
    pmids = add_records(fake, 3)
    client, _ = make_client(fake, tmp_path, api_key=None)
    client.epost(pmids[:1])
    client.esearch(" OR ".join(f"melatonin{i}" for i in range(150)) + " OR melatonin")
    client.esearch("melatonin")
    assert [r.method for r in fake.requests] == ["POST", "POST", "GET"]


def test_every_request_carrying_the_key_is_posted_never_in_a_url(fake, tmp_path):
    pmids = add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    client.epost(pmids[:1])
    client.esearch("melatonin")
    list(client.fetch(pmids))
    assert {r.method for r in fake.requests} == {"POST"}
    assert all(r.params["api_key"] == KEY and KEY not in r.path for r in fake.requests)


# -- the API key -----------------------------------------------------------------------------
# Every path a request can take: retries after HTTP and NCBI-side failures, an expired WebEnv
# (searched again; posted again), ids fetched one by one, a search split by date.
KEYED_PATHS = [
    ("esearch", "503"),
    ("esearch", "error200"),
    ("esearch", "expire"),
    ("epost", "429"),
    ("epost", "error200"),
    ("efetch", "reset"),
    ("efetch", "error200"),
    ("efetch", "expire"),
    ("efetch", "short"),
]


@pytest.mark.parametrize(("utility", "kind"), KEYED_PATHS)
def test_no_request_carrying_the_key_is_a_get(fake, tmp_path, utility, kind, post_every_fetch):
    pmids = add_records(fake, 5)
    client, _ = make_client(fake, tmp_path)
    fake.inject(utility, kind)
    found = client.search_all("melatonin")
    assert fetched_pmids(client.fetch(found.ids, history=(found.webenv, found.query_key)))
    assert sorted(fetched_pmids(client.fetch(pmids, batch_size=2))) == sorted(pmids)
    assert client.stats.retries >= 1
    assert {seen.utility for seen in fake.requests} == {"esearch", "epost", "efetch"}
    for seen in fake.requests:
        assert seen.method == "POST", seen
        assert seen.params["api_key"] == KEY and KEY not in seen.path


def test_a_split_search_posts_every_window(tmp_path):
    with FakeEutils(today=TODAY, retstart_cap=4) as fake:
        add_records(fake, 12)
        client, _ = make_client(fake, tmp_path)
        assert len(client.search_all("melatonin").ids) == 12
        assert fake.count("esearch") > 2
        assert {seen.method for seen in fake.requests} == {"POST"}


def test_debug_logging_of_requests_and_urllib3_never_shows_the_key(fake, tmp_path, caplog):
    import logging

    pmids = add_records(fake, 3)
    client, _ = make_client(fake, tmp_path)
    fake.inject("esearch", "503")
    with caplog.at_level(logging.DEBUG):
        client.esearch("melatonin")
        list(client.fetch(pmids))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "esearch.fcgi" in logged and "efetch.fcgi" in logged  # urllib3 did log each one
    assert KEY not in logged


def assert_key_free(client: EntrezClient, exc: Exception) -> None:
    texts = [str(exc), repr(exc), exc.message, exc.hint or "", *client.stats.failures]
    assert not [t for t in texts if KEY in t]


@pytest.mark.parametrize("kind", ["400", "429", "reset"])
def test_api_key_never_appears_in_errors_or_stats(fake, tmp_path, kind):
    client, _ = make_client(fake, tmp_path, retries=1)
    fake.inject("esearch", kind, times=10)
    with pytest.raises((NcbiError, NetworkError)) as caught:
        client.esearch("melatonin")
    assert_key_free(client, caught.value)


def test_api_key_is_redacted_from_connection_failures(tmp_path):
    settings = resolve(
        env={},
        config=tmp_path / "none.toml",
        eutils_url="http://127.0.0.1:9/entrez/eutils/",  # closed port
        api_key=KEY,
        backoff=0,
        retries=1,
    )
    clock = FakeTime()
    client = EntrezClient(settings, sleep=clock.sleep, clock=clock.clock)
    with pytest.raises(NetworkError) as caught:
        client.esearch("melatonin")
    assert str(caught.value).startswith("NCBI did not answer after 2 tries: connection failed")
    assert_key_free(client, caught.value)


def test_rate_limited_answers_echoing_the_key_are_redacted(tmp_path):
    with FakeEutils(today=TODAY, rate_limit=1) as fake:
        client, _ = make_client(fake, tmp_path, retries=2)  # the fake clock does not wait
        client.esearch("melatonin")
        with pytest.raises(NetworkError) as caught:
            client.esearch("melatonin")
        assert '"api-key"' not in str(caught.value)
        assert_key_free(client, caught.value)
        assert client.stats.throttled == 3
