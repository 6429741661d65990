"""The fake E-utilities server itself: its search language, NCBI's formats and its faults.

The client tests trust the fake, so it is checked on its own first: what each term finds,
that its answers have NCBI's shapes, and that each injected fault does what it says.
"""

from __future__ import annotations

import io
import json
import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from fake_eutils import (
    FakeEutils,
    FakeRecord,
    InvalidQuery,
    make_article_xml,
    parse_term,
    translate,
)

from withdrawal_lit.xmlparse import iter_articles, parse_epost, parse_esearch

TODAY = date(2025, 6, 1)
REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"


def five_articles(server) -> None:
    """Articles 1 to 5: the searches, summaries and dates below are about them."""
    server.add_article(
        "1",
        "Melatonin for sleep during opioid withdrawal",
        abstract="A randomized trial of melatonin during methadone taper.",
        mesh=(("Melatonin", True), ("Substance Withdrawal Syndrome", False), ("Humans", False)),
        pub_types=("Journal Article", "Randomized Controlled Trial"),
        authors=("Smith JA", "Lee K"),
        year=2019,
    )
    server.add_article(
        "2",
        "Kratom (Mitragyna speciosa) use to self-treat opioid withdrawal",
        abstract="A survey of mitragynine users.",
        mesh=(("Mitragyna", True), ("Opioid-Related Disorders", False)),
        keywords=("kratom",),
        chemicals=("mitragynine", "Plant Extracts"),
        year=2021,
    )
    server.add_article(
        "3",
        "Sleep disturbances in alcohol withdrawal",
        abstract="Melatonin levels were measured nightly.",
        mesh=(("Alcohol Withdrawal Delirium", True),),
        pub_types=("Review",),
        languages=("ger",),
        authors=("Muller K",),
        year=2015,
    )
    server.add_article(
        "4",
        "Mitragynine pharmacology",
        abstract="Alkaloids of kratom leaves.",
        pub_types=("Journal Article", "Review"),
        pub_date=date(2023, 3, 15),
        edat=date(2023, 5, 1),
        mdat=date(2024, 2, 1),
    )
    server.add_article(  # entered tomorrow: not in PubMed yet
        "5", "Future melatonin study", year=2025, edat=TODAY + timedelta(days=1)
    )


pytestmark = pytest.mark.fake(today=TODAY, corpus=False, config=None, load=five_articles)


SEARCHES = [
    ("melatonin", {"1", "3"}),
    ("Melatonin[All Fields]", {"1", "3"}),
    ("melatonin[ti]", {"1"}),
    ("melatonin[tiab]", {"1", "3"}),
    ("melatonin [Title/Abstract]", {"1", "3"}),
    ("melatonin[mh]", {"1"}),
    ('"Melatonin"[MeSH Terms]', {"1"}),
    ("melatonin[majr]", {"1"}),
    ("humans[mh]", {"1"}),
    ("humans[majr]", set()),
    ('"Opioid-Related Disorders"[mh]', {"2"}),
    ("opioid*[mh]", {"2"}),
    ("disorders[mh]", set()),
    ('"opioid withdrawal"', {"1", "2"}),
    ('"withdrawal opioid"', set()),
    ("withdraw*[tiab]", {"1", "2", "3"}),
    ("mitragyn*", {"2", "4"}),
    ('"opioid withdraw*"[tiab]', {"1", "2"}),
    ("kratom OR melatonin[ti]", {"1", "2", "4"}),
    ("kratom AND review[pt]", {"4"}),
    ("withdrawal NOT alcohol", {"1", "2"}),
    ("(melatonin OR kratom) AND withdrawal[ti]", {"1", "2", "3"}),
    ("melatonin OR kratom AND withdrawal[ti]", {"1", "2", "3"}),  # left to right, as PubMed
    ("melatonin OR (kratom AND withdrawal[ti])", {"1", "2", "3"}),
    ("kratom OR (melatonin AND alcohol)", {"2", "3", "4"}),
    ("(kratom OR mitragynine)[tiab]", {"2", "4"}),
    ("melatonin kratom", set()),  # adjacent terms are ANDed
    ("sleep withdrawal", {"1", "3"}),
    ('"Randomized Controlled Trial"[pt]', {"1"}),
    ("review[Publication Type]", {"3", "4"}),
    ("english[la]", {"1", "2", "4"}),
    ("ger[la]", {"3"}),
    ("smith j[au]", {"1"}),
    ("lee[au]", {"1"}),
    ("kratom[ot]", {"2"}),
    ('"mitragynine"[nm]', {"2"}),
    ("plant extracts[nm]", {"2"}),
    ("extracts[nm]", set()),
    ("2019[dp]", {"1"}),
    ("2015:2020[dp]", {"1", "3"}),
    ("2023/03[pdat]", {"4"}),
    ('"2023/05/01"[edat] : "2023/05/31"[edat]', {"4"}),
    ("2023/05/01:2023/05/31[edat]", {"4"}),
    ("2024[mdat]", {"4"}),
    ("2020:3000[dp] AND kratom", {"2", "4"}),
    ("hasabstract", {"1", "2", "3", "4"}),
    ("future", set()),  # record 5 is not entered yet
]


@pytest.mark.parametrize(("term", "expected"), SEARCHES)
def test_search_language(fake, term, expected):
    assert set(fake.search(term).ids) == expected


@pytest.mark.parametrize(
    "term", ["(melatonin", "melatonin)", 'melatonin"', "melatonin AND", "AND", "[tiab]", "a[ti"]
)
def test_malformed_terms_are_invalid(term):
    with pytest.raises(InvalidQuery):
        parse_term(term)


@pytest.mark.parametrize(
    ("term", "translation"),
    [
        ("a OR b OR c", "a[All Fields] OR b[All Fields] OR c[All Fields]"),
        ("(a OR b) AND c[ti]", "(a[All Fields] OR b[All Fields]) AND c[Title]"),
        (
            'a NOT ("b c"[mh] OR d*[tiab])',
            'a[All Fields] NOT ("b c"[MeSH Terms] OR d*[Title/Abstract])',
        ),
        ("foo[xyz]", "foo[xyz]"),
    ],
)
def test_query_translation(term, translation):
    assert translate(parse_term(term)) == translation


def test_default_order_is_newest_entry_first(fake):
    assert fake.search("withdrawal OR mitragynine").ids == ["4", "2", "1", "3"]
    assert fake.search("withdrawal OR mitragynine", {"sort": "pub_date"}).ids[0] == "4"


def get(fake, utility, **params):
    response = requests.get(fake.url + f"{utility}.fcgi", params=params, timeout=5)
    return response


def xml_of(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_esearch_answers_in_ncbi_format_with_history(fake):
    first = get(fake, "esearch", db="pubmed", term="melatonin", usehistory="y")
    assert first.text.startswith('<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult')
    root = xml_of(first)
    assert root.findtext("Count") == "2"
    assert [e.text for e in root.iterfind("IdList/Id")] == ["1", "3"]
    webenv = root.findtext("WebEnv")
    assert webenv.startswith("MCID_") and root.findtext("QueryKey") == "1"
    assert root.findtext("QueryTranslation") == "melatonin[All Fields]"
    again = xml_of(get(fake, "esearch", term="kratom", usehistory="y", WebEnv=webenv))
    assert (again.findtext("WebEnv"), again.findtext("QueryKey")) == (webenv, "2")
    combined = xml_of(get(fake, "esearch", term="#1 OR #2", usehistory="y", WebEnv=webenv))
    assert {e.text for e in combined.iterfind("IdList/Id")} == {"1", "2", "3", "4"}


def test_answers_read_like_ncbis_own(fake):
    """The fake's no-hits esearch and its epost parse as NCBI's saved answers do."""
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is not beside this checkout")
    real = parse_esearch((REALDATA / "esearch8.xml").read_bytes())
    ours = parse_esearch(get(fake, "esearch", term="abcXYZ").content)
    assert (ours.count, ours.ids, ours.errors, ours.warnings) == (
        real.count,
        real.ids,
        real.errors,
        real.warnings,
    )
    assert parse_epost((REALDATA / "epost1.xml").read_bytes()).query_key == "1"
    posted = requests.post(fake.url + "epost.fcgi", data={"id": "1"}, timeout=5).content
    assert parse_epost(posted).query_key == "1"
    real_header = (REALDATA / "pubmed1.xml").read_text().splitlines()[:2]
    assert get(fake, "efetch", id="1").text.splitlines()[:2] == real_header


def test_esearch_unknown_field_is_field_not_found(fake):
    root = xml_of(get(fake, "esearch", term="melatonin[xyz] OR kratom"))
    assert root.findtext("Count") == "0"
    assert root.findtext("ErrorList/FieldNotFound") == "xyz"
    assert root.findtext("WarningList/OutputMessage") == "No items found."


def test_esearch_unmatched_phrase_is_reported_not_fatal(fake):
    root = xml_of(get(fake, "esearch", term="melatonin OR abcxyz"))
    assert root.findtext("Count") == "2"
    assert root.findtext("ErrorList/PhraseNotFound") == "abcxyz"
    none = xml_of(get(fake, "esearch", term='"no such phrase"'))
    assert none.findtext("WarningList/QuotedPhraseNotFound") == '"no such phrase"'
    assert none.find("IdList") is not None and not list(none.find("IdList"))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"term": "(melatonin"}, "Invalid query"),
        ({"term": ""}, "Empty term and query_key - nothing todo"),
        ({"term": "melatonin", "db": "nothing"}, "Invalid db name specified: nothing"),
        ({"term": "melatonin", "retstart": "9999"}, "'retstart' cannot be larger than 9998"),
    ],
)
def test_esearch_errors_are_200_with_error(fake, params, message):
    root = xml_of(get(fake, "esearch", **params))
    assert root.tag == "eSearchResult"
    assert message in root.findtext("ERROR")


def test_esearch_caps_what_one_search_returns(fake):
    with FakeEutils(today=TODAY, retstart_cap=2) as small:
        for pmid in "123456":
            small.add_article(pmid, "melatonin", year=2020)
        root = xml_of(get(small, "esearch", term="melatonin", retmax="10000"))
        assert root.findtext("Count") == "6" and len(root.findall("IdList/Id")) == 3
        error = xml_of(get(small, "esearch", term="melatonin", retstart="3")).findtext("ERROR")
        assert "first 3 records" in error


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"datetype": "pdat", "mindate": "2019", "maxdate": "2021"}, {"1", "2"}),
        ({"mindate": "2019/01/01", "maxdate": "2021/12/31"}, {"1", "2"}),  # pdat by default
        ({"datetype": "edat", "mindate": "2023/04", "maxdate": "2023/05"}, {"4"}),
        ({"datetype": "mdat", "reldate": "500"}, {"4"}),
        ({"datetype": "edat", "reldate": "30"}, set()),
    ],
)
def test_esearch_date_limits(fake, params, expected):
    root = xml_of(get(fake, "esearch", term="withdrawal OR mitragynine", **params))
    assert {e.text for e in root.iterfind("IdList/Id")} == expected


def test_today_bounds_what_is_entered(fake):
    assert fake.search("melatonin[ti]").ids == ["1"]
    fake.today += timedelta(days=1)
    assert fake.search("melatonin[ti]").ids == ["5", "1"]


def test_revise_bumps_modification_date_and_content(fake):
    fake.today = date(2025, 7, 1)
    fake.revise("2", title="Kratom withdrawal: a retraction notice")
    record = fake.records["2"]
    assert record.mdat == date(2025, 7, 1)
    assert fake.search("retraction[ti]").ids == ["2"]
    assert fake.search("2025/07/01[mdat]").ids == ["2"]
    article = next(iter_articles(io.BytesIO(get(fake, "efetch", id="2").content)))
    assert article.revised_date == "2025-07-01" and article.title.startswith("Kratom withdrawal")


def test_epost_then_efetch_pages_through_history(fake):
    posted = requests.post(fake.url + "epost.fcgi", data={"db": "pubmed", "id": "3,1,2"}, timeout=5)
    root = xml_of(posted)
    webenv, key = root.findtext("WebEnv"), root.findtext("QueryKey")
    page = get(fake, "efetch", WebEnv=webenv, query_key=key, retstart="1", retmax="5")
    assert page.text.startswith('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC')
    assert [a.pmid for a in iter_articles(io.BytesIO(page.content))] == ["1", "2"]
    assert [r.method for r in fake.requests] == ["POST", "GET"]
    assert fake.count("epost") == 1 and fake.count() == 2


def test_efetch_by_id_get_or_post_skips_unknown_and_unentered(fake):
    for response in (
        get(fake, "efetch", id="4,999,5,1", retmode="xml"),
        requests.post(fake.url + "efetch.fcgi", data={"id": "4,999,5,1"}, timeout=5),
    ):
        assert [a.pmid for a in iter_articles(io.BytesIO(response.content))] == ["4", "1"]


def test_efetch_unknown_webenv_cannot_obtain_query(fake):
    root = xml_of(get(fake, "efetch", WebEnv="MCID_gone", query_key="1"))
    assert root.tag == "eFetchResult"
    assert root.findtext("ERROR") == "Unable to obtain query #1"


def test_epost_without_ids_is_an_error(fake):
    root = xml_of(requests.post(fake.url + "epost.fcgi", data={"id": ""}, timeout=5))
    assert root.findtext("ERROR") == "Empty ID list; Nothing to store"


def test_rate_limit_answers_429_with_ncbi_json():
    with FakeEutils(today=TODAY, rate_limit=2) as limited:
        answers = [get(limited, "esearch", term="x", api_key="KEY1") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[2].json() == {
            "error": "API rate limit exceeded",
            "api-key": "KEY1",
            "count": "3",
            "limit": "2",
        }
        assert get(limited, "esearch", term="x", api_key="KEY2").status_code == 200


@pytest.mark.parametrize(("kind", "status"), [("429", 429), ("500", 500), ("502", 502)])
def test_http_faults_then_recovery(fake, kind, status):
    fake.inject("esearch", kind, times=2, retry_after=3)
    answers = [get(fake, "esearch", term="melatonin") for _ in range(3)]
    assert [a.status_code for a in answers] == [status, status, 200]
    assert answers[0].headers["Retry-After"] == "3"
    if kind == "429":
        assert json.loads(answers[0].content)["error"] == "API rate limit exceeded"


def test_body_faults(fake):
    fake.inject("efetch", "short")
    fake.inject("efetch", "truncate")
    fake.inject("efetch", "expire")
    fake.inject("efetch", "error200")
    ids = {"id": "1,2,3"}
    short = list(iter_articles(io.BytesIO(get(fake, "efetch", **ids).content)))
    assert [a.pmid for a in short] == ["1", "2"]
    truncated = get(fake, "efetch", **ids).content
    with pytest.raises(ET.ParseError):
        ET.fromstring(truncated)
    assert xml_of(get(fake, "efetch", **ids)).findtext("ERROR") == "Unable to obtain query #1"
    assert "Search Backend failed" in xml_of(get(fake, "efetch", **ids)).findtext("ERROR")
    assert len(list(iter_articles(io.BytesIO(get(fake, "efetch", **ids).content)))) == 3


def test_reset_drops_the_connection_mid_body(fake):
    fake.inject("efetch", "reset")
    with pytest.raises(requests.exceptions.RequestException):
        get(fake, "efetch", id="1,2,3").content  # noqa: B018 - reading the body is the test


def test_slow_outlasts_a_short_timeout():
    with FakeEutils(today=TODAY, slow_seconds=0.5) as slow:
        slow.inject(None, "slow")
        with pytest.raises(requests.exceptions.Timeout):
            requests.get(slow.url + "esearch.fcgi", params={"term": "x"}, timeout=0.1)
        assert requests.get(slow.url + "esearch.fcgi", params={"term": "x"}, timeout=5).ok


def test_inject_rejects_unknown_faults(fake):
    with pytest.raises(ValueError):
        fake.inject("efetch", "explode")
    with pytest.raises(ValueError):
        fake.inject("esearch", "short")


def test_requests_record_etiquette_params(fake):
    get(fake, "esearch", term="x", tool="withdrawal-lit", email="a@b.org", api_key="K")
    (seen,) = fake.requests
    utility, params = seen
    assert utility == "esearch" and seen.method == "GET"
    assert (params["tool"], params["email"], params["api_key"]) == (
        "withdrawal-lit",
        "a@b.org",
        "K",
    )


def test_article_xml_reads_back_as_the_record_it_describes():
    xml = make_article_xml(
        "42",
        "Melatonin & kratom <review>",
        abstract_sections=(("BACKGROUND", "BACKGROUND", "Why."), ("RESULTS", "RESULTS", "What.")),
        pub_date=date(2022, 3, 5),
        journal="Addiction Biology",
        journal_iso="Addict Biol",
        authors=("Smith JA", "Kratom Study Group"),
        pub_types=("Journal Article", "Retracted Publication"),
        mesh=(("Melatonin", True), ("Humans", False)),
        keywords=("kratom",),
        doi="10.1000/xyz",
        pmcid="PMC123",
        comments=(("RetractionIn", "43"),),
        edat=date(2022, 3, 1),
        mdat=date(2023, 1, 2),
    )
    body = f'<?xml version="1.0" ?>\n<PubmedArticleSet>{xml}</PubmedArticleSet>'
    (article,) = iter_articles(io.BytesIO(body.encode()))
    assert article.title == "Melatonin & kratom <review>"
    assert [(s.label, s.text) for s in article.abstract_sections] == [
        ("BACKGROUND", "Why."),
        ("RESULTS", "What."),
    ]
    assert (article.pub_date, article.year, article.journal_iso) == (
        "2022-03-05",
        2022,
        "Addict Biol",
    )
    assert [a.display for a in article.authors] == ["Smith JA", "Kratom Study Group"]
    assert [(m.descriptor, m.major) for m in article.mesh] == [
        ("Melatonin", True),
        ("Humans", False),
    ]
    assert (article.doi, article.pmcid, article.keywords) == ("10.1000/xyz", "PMC123", ("kratom",))
    assert (article.entrez_date, article.revised_date) == ("2022-03-01", "2023-01-02")
    assert article.retracted and article.status == "MEDLINE"


def test_a_record_given_as_raw_xml_is_searched_by_its_text():
    record = FakeRecord(
        pmid="7",
        xml=make_article_xml("7", "Raw"),
        edat=date(2020, 1, 1),
        mdat=date(2020, 1, 1),
        pdat=date(2020, 1, 1),
        text="Kratom withdrawal case",
    )
    with FakeEutils(today=TODAY) as server:
        server.add(record)
        assert server.search("kratom[tiab] AND case").ids == ["7"]
        server.revise("7", text="Melatonin")
        assert server.search("melatonin").ids == ["7"]
        assert server.records["7"].mdat == TODAY


def test_latency_settings_slow_answers_down_for_benchmarks(fake):
    fake.latency_per_request = 0.05
    fake.latency_per_record = 0.02
    started = time.monotonic()
    get(fake, "esearch", term="melatonin")
    searched = time.monotonic()
    get(fake, "efetch", id="1,2,3,4")
    assert searched - started >= 0.05
    assert time.monotonic() - searched >= 0.05 + 4 * 0.02
