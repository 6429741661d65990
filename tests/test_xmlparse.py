"""Tests for the E-utilities XML parser: real NCBI responses, hand-written edge cases, hostile
documents, truncated bodies and a large generated body for memory use."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from withdrawal_lit import errors
from withdrawal_lit.records import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    MeshHeading,
    PostResult,
)
from withdrawal_lit.xmlparse import iter_articles, parse_epost, parse_esearch

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
XML_DATA = Path(__file__).resolve().parent / "data" / "xml"

PUBMED_DOCTYPE = (
    '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">'
)


# -- helpers ---------------------------------------------------------------------------------
def realdata(name: str) -> Path:
    path = REALDATA / name
    if not path.exists():
        pytest.skip(f"real NCBI responses not available ({path})")
    return path


def parse_file(path: Path) -> list[Article]:
    with path.open("rb") as stream:
        return list(iter_articles(stream))


def parse_text(xml: str) -> list[Article]:
    return list(iter_articles(io.BytesIO(xml.encode("utf-8"))))


def article_set(*articles: str) -> str:
    body = "".join(articles)
    return f'<?xml version="1.0" ?>\n{PUBMED_DOCTYPE}\n<PubmedArticleSet>{body}</PubmedArticleSet>'


def pubmed_article(
    pmid: str,
    *,
    title: str = "Melatonin for opioid withdrawal: a randomised trial.",
    pub_date: str = "<Year>2020</Year><Month>Mar</Month><Day>5</Day>",
    abstract: str = "<Abstract><AbstractText>Sleep improved.</AbstractText></Abstract>",
    authors: str = (
        "<AuthorList><Author><LastName>Smith</LastName><ForeName>Jane A</ForeName>"
        "<Initials>JA</Initials></Author></AuthorList>"
    ),
    article_extra: str = "",
    citation_extra: str = "",
    history: str = (
        '<PubMedPubDate PubStatus="pubmed"><Year>2020</Year><Month>3</Month><Day>6</Day>'
        '</PubMedPubDate><PubMedPubDate PubStatus="entrez"><Year>2020</Year><Month>3</Month>'
        "<Day>7</Day></PubMedPubDate>"
    ),
    ids: str = "",
) -> str:
    """One PubmedArticle in efetch's shape, with the pieces a test varies as arguments."""
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
        f'<PMID Version="1">{pmid}</PMID>'
        f'<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print">'
        f"<Volume>12</Volume><Issue>3</Issue><PubDate>{pub_date}</PubDate></JournalIssue>"
        f"<Title>Journal of Addiction Medicine</Title><ISOAbbreviation>J Addict Med"
        f"</ISOAbbreviation></Journal><ArticleTitle>{title}</ArticleTitle>"
        f"<Pagination><MedlinePgn>101-9</MedlinePgn></Pagination>{abstract}{authors}"
        f'<Language>eng</Language><PublicationTypeList><PublicationType UI="D016428">'
        f"Journal Article</PublicationType></PublicationTypeList>{article_extra}</Article>"
        f"{citation_extra}</MedlineCitation><PubmedData><History>{history}</History>"
        f"<PublicationStatus>ppublish</PublicationStatus><ArticleIdList>"
        f'<ArticleId IdType="pubmed">{pmid}</ArticleId>{ids}</ArticleIdList></PubmedData>'
        f"</PubmedArticle>"
    )


def one(xml: str) -> Article:
    (article,) = parse_text(article_set(xml))
    return article


# -- real NCBI efetch responses --------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "pmids"),
    [
        ("pubmed1.xml", ["12091962", "9997"]),
        ("pubmed2.xml", ["11748933", "11700088"]),
        ("pubmed4.xml", ["27797938"]),
        ("pubmed5.xml", ["28775130"]),
        ("pubmed6.xml", ["30108519"]),
        ("pubmed7.xml", ["29963580"]),
    ],
)
def test_real_pubmed_files_yield_their_records_in_order(name: str, pmids: list[str]) -> None:
    assert [a.pmid for a in parse_file(realdata(name))] == pmids


def test_every_real_pubmed_file_parses_into_clean_records() -> None:
    paths = sorted(realdata(".").glob("pubmed*.xml"))
    assert paths
    for path in paths:
        articles = parse_file(path)
        assert articles, path.name
        for article in articles:
            assert article.pmid.isdigit()
            assert article.title and article.title == " ".join(article.title.split())
            for text in (article.title, article.abstract):
                assert not any(tag in text for tag in ("<i>", "<sub>", "<sup>", "mml:"))
            assert article.journal and article.year and article.entrez_date


REAL_FIELDS: list[tuple[str, int, str, object]] = [
    # pubmed1: Year + Season, MedlinePgn, KIE keywords, no DOI, no abstract
    (
        "pubmed1.xml",
        0,
        "title",
        "The treatment of AIDS behind the walls of correctional facilities.",
    ),
    ("pubmed1.xml", 0, "year", 1990),
    ("pubmed1.xml", 0, "pub_date", "1990"),
    ("pubmed1.xml", 0, "pages", "113-25"),
    ("pubmed1.xml", 0, "keywords", ("Health Care and Public Health", "Legal Approach")),
    ("pubmed1.xml", 0, "publication_types", ("Journal Article", "Review")),
    ("pubmed1.xml", 0, "abstract_sections", ()),
    ("pubmed1.xml", 0, "doi", None),
    ("pubmed1.xml", 0, "entrez_date", "1990-04-01"),
    ("pubmed1.xml", 0, "created_date", "1990-04-01"),
    ("pubmed1.xml", 0, "revised_date", "2007-11-15"),
    ("pubmed1.xml", 0, "authors", (Author("Olivero", "J Michael", "JM"),)),
    ("pubmed1.xml", 0, "mesh.18", MeshHeading("United States", "D014481", False)),
    (
        "pubmed1.xml",
        0,
        "mesh.1",
        MeshHeading("Acquired Immunodeficiency Syndrome", "D000163", True),
    ),
    # pubmed1 #2: month name "Sep", DOI, a major topic through a qualifier only
    ("pubmed1.xml", 1, "pub_date", "1976-09-28"),
    ("pubmed1.xml", 1, "doi", "10.1016/0005-2795(76)90109-4"),
    ("pubmed1.xml", 1, "journal", "Biochimica et biophysica acta"),
    ("pubmed1.xml", 1, "journal_iso", "Biochim Biophys Acta"),
    ("pubmed1.xml", 1, "volume", "446"),
    ("pubmed1.xml", 1, "issue", "1"),
    ("pubmed1.xml", 1, "mesh.1", MeshHeading("Chromatium", "D002844", True, ("enzymology",))),
    ("pubmed1.xml", 1, "mesh.2", MeshHeading("Cytochrome c Group", "D003574", True)),
    ("pubmed1.xml", 1, "mesh.7", MeshHeading("Iron", "D007501", False, ("analysis",))),
    ("pubmed1.xml", 1, "abstract_sections.0.label", None),
    # pubmed2: a character reference in an affiliation; a PubMed-not-MEDLINE record
    (
        "pubmed2.xml",
        0,
        "authors.0.affiliations",
        (
            "Dipartimento di Scienze Ambientali, Università degli Studi della Tuscia, "
            "01100 Viterbo, Italy.",
        ),
    ),
    ("pubmed2.xml", 0, "pub_date", "2001-06"),
    (
        "pubmed2.xml",
        0,
        "mesh.7",
        MeshHeading("Sea Bream", "D021541", True, ("anatomy & histology", "physiology")),
    ),
    ("pubmed2.xml", 1, "status", "PubMed-not-MEDLINE"),
    ("pubmed2.xml", 1, "mesh", ()),
    ("pubmed2.xml", 1, "doi", "10.1006/jmre.2001.2429"),
    ("pubmed2.xml", 1, "authors.5.display", "De Luca F"),
    # pubmed4: inline markup, structured abstract without NlmCategory, PMC and NIHMS ids
    (
        "pubmed4.xml",
        0,
        "title",
        "Leucocyte telomere length, genetic variants at the TERT gene region and risk of "
        "pancreatic cancer.",
    ),
    (
        "pubmed4.xml",
        0,
        "abstract_sections.3",
        AbstractSection(
            "Prediagnostic leucocyte telomere length and genetic variants at the TERT gene "
            "region were associated with risk of pancreatic cancer.",
            "CONCLUSIONS",
        ),
    ),
    ("pubmed4.xml", 0, "doi", "10.1136/gutjnl-2016-312510"),
    ("pubmed4.xml", 0, "pmcid", "PMC5442267"),
    ("pubmed4.xml", 0, "nihms_id", "NIHMS857349"),
    ("pubmed4.xml", 0, "pub_date", "2017-06"),
    ("pubmed4.xml", 0, "pages", "1116-1122"),
    (
        "pubmed4.xml",
        0,
        "authors.2.affiliations",
        (
            "Department of Epidemiology, Harvard T.H. Chan School of Public Health, Boston, "
            "Massachusetts, USA.",
            "Department of Medical Oncology, Dana-Farber Cancer Institute, Boston, "
            "Massachusetts, USA.",
        ),
    ),
    (
        "pubmed4.xml",
        0,
        "comments_corrections.0",
        CommentCorrection("CommentIn", "27920200", "Gut. 2017 Jun;66(6):1"),
    ),
    (
        "pubmed4.xml",
        0,
        "comments_corrections.48",
        CommentCorrection("Cites", "12000852", "Nucleic Acids Res. 2002 May 15;30(10):e47"),
    ),
    ("pubmed4.xml", 0, "retracted", False),
    ("pubmed4.xml", 0, "has_erratum", False),
    (
        "pubmed4.xml",
        0,
        "mesh.0",
        MeshHeading("Adenocarcinoma", "D000230", True, ("epidemiology", "genetics")),
    ),
    ("pubmed4.xml", 0, "mesh.1", MeshHeading("Adult", "D000328", False)),
    ("pubmed4.xml", 0, "mesh.19", MeshHeading("Telomere Shortening", "D059506", True)),
    ("pubmed4.xml", 0, "publication_types.1", "Observational Study"),
    ("pubmed4.xml", 0, "keywords", ("PANCREATIC CANCER",)),
    ("pubmed4.xml", 0, "entrez_date", "2016-11-01"),
    ("pubmed4.xml", 0, "revised_date", "2018-04-17"),
    # pubmed5: In-Data-Review without MeSH, Label + NlmCategory
    ("pubmed5.xml", 0, "status", "In-Data-Review"),
    ("pubmed5.xml", 0, "mesh", ()),
    ("pubmed5.xml", 0, "abstract_sections.0.label", "OBJECTIVES"),
    ("pubmed5.xml", 0, "abstract_sections.0.category", "OBJECTIVE"),
    (
        "pubmed5.xml",
        0,
        "abstract_sections.3",
        AbstractSection(
            "Our results suggest that long-term exposure to aldrin, pendimethalin and methyl "
            "bromide may alter thyroid function among male pesticide applicators.",
            "CONCLUSIONS",
            "CONCLUSIONS",
        ),
    ),
    (
        "pubmed5.xml",
        0,
        "keywords",
        (
            "agriculture",
            "hypothyroidism",
            "pesticides",
            "thyroid disease",
            "thyroid stimulating hormone",
        ),
    ),
    ("pubmed5.xml", 0, "doi", "10.1136/oemed-2017-104431"),
    ("pubmed5.xml", 0, "pmcid", "PMC5771820"),
    ("pubmed5.xml", 0, "nihms_id", "NIHMS932407"),
    ("pubmed5.xml", 0, "pub_date", "2018-02"),
    ("pubmed5.xml", 0, "pages", "79-89"),
    ("pubmed5.xml", 0, "created_date", "2017-08-05"),
    ("pubmed5.xml", 0, "revised_date", "2018-04-25"),
    ("pubmed5.xml", 0, "authors.0.display", "Lerro CC"),
    # pubmed6: quotes around inline markup, year-only PubDate, no Issue
    (
        "pubmed6.xml",
        0,
        "title",
        'A "Blood Relationship" Between the Overlooked Minimum Lactate Equivalent and Maximal '
        "Lactate Steady State in Trained Runners. Back to the Old Days?",
    ),
    ("pubmed6.xml", 0, "year", 2018),
    ("pubmed6.xml", 0, "pub_date", "2018"),
    ("pubmed6.xml", 0, "issue", None),
    ("pubmed6.xml", 0, "doi", "10.3389/fphys.2018.01034"),
    ("pubmed6.xml", 0, "pmcid", "PMC6079548"),
    ("pubmed6.xml", 0, "nihms_id", None),
    ("pubmed6.xml", 0, "status", "PubMed-not-MEDLINE"),
    ("pubmed6.xml", 0, "revised_date", "2018-08-17"),
    ("pubmed6.xml", 0, "entrez_date", "2018-08-16"),
    ("pubmed6.xml", 0, "keywords.0", "Owles' point"),
    # pubmed7: CollectiveName, ORCID, a ReferenceList whose ids are not the article's
    (
        "pubmed7.xml",
        0,
        "authors.8",
        Author(collective_name="Canadian Respiratory Research Network"),
    ),
    ("pubmed7.xml", 0, "authors.8.display", "Canadian Respiratory Research Network"),
    ("pubmed7.xml", 0, "authors.1.display", "Capaldi D"),
    ("pubmed7.xml", 0, "authors.1.orcid", "https://orcid.org/0000-0002-4590-7461"),
    ("pubmed7.xml", 0, "authors.0.orcid", None),
    ("pubmed7.xml", 0, "doi", "10.1117/1.JMI.5.2.026002"),
    ("pubmed7.xml", 0, "pmcid", "PMC6022861"),
    ("pubmed7.xml", 0, "pub_date", "2018-04"),
    ("pubmed7.xml", 0, "pages", "026002"),
    ("pubmed7.xml", 0, "journal_iso", "J Med Imaging (Bellingham)"),
    ("pubmed7.xml", 0, "comments_corrections", ()),
    ("pubmed7.xml", 0, "revised_date", "2018-11-14"),
]


def field(article: Article, path: str) -> object:
    """``authors.1.orcid`` -> article.authors[1].orcid."""
    value: object = article
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    return value


@pytest.mark.parametrize(
    ("name", "index", "path", "expected"),
    REAL_FIELDS,
    ids=[f"{name}[{index}].{path}" for name, index, path, _ in REAL_FIELDS],
)
def test_real_pubmed_fields(name: str, index: int, path: str, expected: object) -> None:
    assert field(parse_file(realdata(name))[index], path) == expected


@pytest.mark.parametrize(
    ("name", "index", "counted", "expected"),
    [
        ("pubmed1.xml", 0, "mesh", 19),
        ("pubmed2.xml", 0, "authors", 8),
        ("pubmed4.xml", 0, "authors", 22),
        ("pubmed4.xml", 0, "mesh", 21),
        ("pubmed4.xml", 0, "comments_corrections", 49),
        ("pubmed4.xml", 0, "abstract_sections", 4),
        ("pubmed5.xml", 0, "authors", 12),
        ("pubmed5.xml", 0, "comments_corrections", 40),
        ("pubmed6.xml", 0, "comments_corrections", 53),
        ("pubmed7.xml", 0, "authors", 9),
        ("pubmed7.xml", 0, "authors.0.affiliations", 3),
    ],
)
def test_real_pubmed_counts(name: str, index: int, counted: str, expected: int) -> None:
    assert len(field(parse_file(realdata(name))[index], counted)) == expected


@pytest.mark.parametrize(
    ("name", "index", "snippet"),
    [
        # character references and &lt; come through as text
        ("pubmed2.xml", 0, "in the fresh sample (P < 0.001)."),
        # <i>, <sub>, <sup> flattened in place
        ("pubmed4.xml", 0, "reverse transcriptase (TERT) gene region"),
        ("pubmed4.xml", 0, "95% CI 1.07 to 2.78; ptrend=0.048)"),
        ("pubmed4.xml", 0, "(linkage disequilibrium r2<0.25)"),
        ("pubmed5.xml", 0, "compared with normal TSH (0.4-<4.5 mIU/L)"),
        ("pubmed5.xml", 0, "(ORQ3=4.15, 95% CI 1.56 to 11.01, ORQ4=4.76,"),
        ("pubmed6.xml", 0, '"Minimum Lactate Equivalent" (LEmin), first described'),
        # MathML keeps its tokens together
        ("pubmed6.xml", 0, "maximal oxygen uptake ( V.O2max ) 67.6 ± 4.1 ml·kg-1·min-1]"),
        ("pubmed7.xml", 0, "(1) inhaled He3/Xe129 MRI ventilation"),
        ("pubmed7.xml", 0, "(3) ultrashort echo-time H1 MRI proton density"),
    ],
)
def test_real_abstract_text_is_flattened(name: str, index: int, snippet: str) -> None:
    assert snippet in parse_file(realdata(name))[index].abstract


def test_real_abstract_excludes_copyright_notices() -> None:
    (article,) = parse_file(realdata("pubmed4.xml"))
    assert "BMJ Publishing Group" not in article.abstract


# -- real esearch / epost responses ----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "count", "n_ids", "first_id", "webenv", "query_key", "translation", "errs", "warns"),
    [
        ("esearch1.xml", 63, 20, "41282813", None, None, '"biopython"[All Fields]', (), ()),
        (
            "esearch2.xml",
            42249,
            100,
            "41297076",
            "MCID_6927d6e7fee3e90f880ec190",
            "1",
            '("cancer s"[All Fields] OR "cancerated"[All Fields] OR "canceration"[All Fields] '
            'OR "cancerization"[All Fields] OR "cancerized"[All Fields] OR "cancerous"[All Fields]'
            ' OR "neoplasms"[MeSH Terms] OR "neoplasms"[All Fields] OR "cancer"[All Fields] OR '
            '"cancers"[All Fields]) AND 2025/09/27:2025/11/26[Date - Entry]',
            (),
            (),
        ),
        (
            "esearch3.xml",
            2651,
            6,
            "11121077",
            None,
            None,
            '"proc natl acad sci u s a"[Journal] AND "97"[Volume]',
            (),
            (),
        ),
        (
            "esearch5.xml",
            5,
            5,
            "6540636",
            None,
            None,
            '("stem cells"[MeSH Terms] OR ("stem"[All Fields] AND "cells"[All Fields]) OR '
            '"stem cells"[All Fields]) AND hasabstract[All Fields]',
            (),
            (),
        ),
        (
            "esearch8.xml",
            0,
            0,
            None,
            None,
            None,
            "(abcXYZ[All Fields])",
            ("PhraseNotFound: abcXYZ",),
            ("OutputMessage: No items found.",),
        ),
    ],
)
def test_real_esearch(
    name, count, n_ids, first_id, webenv, query_key, translation, errs, warns
) -> None:
    result = parse_esearch(realdata(name).read_bytes())
    assert result.count == count
    assert len(result.ids) == n_ids
    assert (result.ids[0] if result.ids else None) == first_id
    assert (result.webenv, result.query_key) == (webenv, query_key)
    assert result.query_translation == translation
    assert (result.errors, result.warnings) == (errs, warns)


def test_esearch_reads_a_stream_as_well_as_bytes() -> None:
    path = realdata("esearch2.xml")
    with path.open("rb") as stream:
        assert parse_esearch(stream) == parse_esearch(path.read_bytes())


def test_real_epost() -> None:
    assert parse_epost(realdata("epost1.xml").read_bytes()) == PostResult(
        webenv="MCID_692851c130aec64bed0a8c2a", query_key="1"
    )
    with realdata("epost1.xml").open("rb") as stream:
        assert parse_epost(stream).query_key == "1"


@pytest.mark.parametrize(
    ("name", "messages"),
    [
        ("epost2.xml", ["Invalid db name specified: nothing"]),
        (
            "epost3.xml",
            [
                "Empty ID list; Nothing to store",
                "Some IDs have invalid value and were omitted.",
            ],
        ),
    ],
)
def test_real_epost_errors(name: str, messages: list[str]) -> None:
    with pytest.raises(errors.NcbiError) as caught:
        parse_epost(realdata(name).read_bytes())
    assert not isinstance(caught.value, errors.HistoryExpired | errors.UnsafeXml)
    for message in messages:
        assert message in caught.value.message
    assert caught.value.exit_code == errors.EXIT_NCBI


# -- books -----------------------------------------------------------------------------------
def test_book_chapter() -> None:
    chapter, _ = parse_file(XML_DATA / "book_articles.xml")
    assert chapter == Article(
        pmid="90000001",
        title="Kratom (Mitragyna speciosa)",
        abstract_sections=(
            AbstractSection(
                "Kratom is an herbal product whose alkaloids (mitragynine and "
                "7-hydroxymitragynine) act on μ-opioid receptors.",
                "OVERVIEW",
                "BACKGROUND",
            ),
            AbstractSection(
                "Cases of cholestatic liver injury have been reported.",
                "HEPATOTOXICITY",
                "RESULTS",
            ),
        ),
        authors=(
            Author(
                "Müller",
                "Anna",
                "A",
                affiliations=("Liver Disease Research Branch, Bethesda, MD, USA.",),
            ),
        ),
        journal="LiverTox: Clinical and Research Information on Drug-Induced Liver Injury",
        year=2012,
        pub_date="2012",
        publication_types=("Review",),
        keywords=("kratom", "drug-induced liver injury"),
        languages=("eng",),
        entrez_date="2019-04-04",
        created_date="2019-04-05",
        revised_date="2024-03-02",
        is_book=True,
        publisher="National Institute of Diabetes and Digestive and Kidney Diseases",
    )


def test_whole_book_takes_its_title_and_authors_not_its_editors() -> None:
    _, book = parse_file(XML_DATA / "book_articles.xml")
    assert (book.pmid, book.title, book.journal) == (
        "90000002",
        "Managing Opioid Withdrawal",
        "Managing Opioid Withdrawal",
    )
    assert [a.display for a in book.authors] == ["Writer W"]
    assert (book.year, book.pub_date, book.volume) == (2023, "2023-09", "2")
    assert (book.doi, book.publisher, book.is_book) == (
        "10.17226/900002",
        "StatPearls Publishing",
        True,
    )
    assert (book.entrez_date, book.created_date, book.status) == ("2023-10-02", "2023-10-02", None)


# -- hand-written records --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pub_date", "article_date", "year", "expected"),
    [
        ("<Year>2019</Year><Month>Jun</Month><Day>3</Day>", "", 2019, "2019-06-03"),
        ("<Year>2019</Year><Month>06</Month>", "", 2019, "2019-06"),
        ("<Year>2019</Year><Month>Sept</Month>", "", 2019, "2019-09"),
        ("<Year>2019</Year><Month>Winter</Month>", "", 2019, "2019"),
        ("<Year>2019</Year><Season>Spring</Season>", "", 2019, "2019"),
        ("<Year>2019</Year><Day>3</Day>", "", 2019, "2019"),
        ("<MedlineDate>1998 Dec-1999 Jan</MedlineDate>", "", 1998, "1998"),
        ("<MedlineDate>2000 Spring</MedlineDate>", "", 2000, "2000"),
        ("<MedlineDate>Winter 2001-2002</MedlineDate>", "", 2001, "2001"),
        ("<MedlineDate>2003 Jul 7-14</MedlineDate>", "", 2003, "2003"),
        (
            "",
            '<ArticleDate DateType="Electronic"><Year>2021</Year><Month>02</Month>'
            "<Day>14</Day></ArticleDate>",
            2021,
            "2021-02-14",
        ),
        ("<MedlineDate>undated</MedlineDate>", "", 2020, "2020"),  # entrez date's year
        ("", "", 2020, "2020"),
    ],
)
def test_publication_date(pub_date: str, article_date: str, year: int, expected: str) -> None:
    article = one(pubmed_article("1", pub_date=pub_date, article_extra=article_date))
    assert (article.year, article.pub_date) == (year, expected)


def test_no_date_anywhere_leaves_year_unset() -> None:
    article = one(pubmed_article("1", pub_date="", history=""))
    assert (article.year, article.pub_date, article.entrez_date, article.created_date) == (
        None,
        None,
        None,
        None,
    )


def test_created_date_falls_back_to_entrez() -> None:
    history = (
        '<PubMedPubDate PubStatus="entrez"><Year>2022</Year><Month>1</Month><Day>9</Day>'
        "</PubMedPubDate>"
    )
    article = one(pubmed_article("1", history=history))
    assert (article.entrez_date, article.created_date) == ("2022-01-09", "2022-01-09")


def test_retracted_publication() -> None:
    article = one(
        pubmed_article(
            "30000001",
            title="Retracted: Kratom tapering in opioid use disorder.",
            article_extra=(
                '<PublicationTypeList><PublicationType UI="D016441">Retracted Publication'
                "</PublicationType></PublicationTypeList>"
            ),
            citation_extra=(
                '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn">'
                "<RefSource>J Addict Med. 2021;15(2):170</RefSource>"
                '<PMID Version="1">30000099</PMID></CommentsCorrections>'
                "</CommentsCorrectionsList>"
            ),
        )
    )
    assert "Retracted Publication" in article.publication_types
    assert article.comments_corrections == (
        CommentCorrection("RetractionIn", "30000099", "J Addict Med. 2021;15(2):170"),
    )
    assert article.retracted


@pytest.mark.parametrize(
    ("ref_type", "retracted", "erratum", "concern"),
    [
        ("RetractionIn", True, False, False),
        ("ErratumIn", False, True, False),
        ("ExpressionOfConcernIn", False, False, True),
        ("CommentIn", False, False, False),
    ],
)
def test_comments_corrections_flags(ref_type, retracted, erratum, concern) -> None:
    article = one(
        pubmed_article(
            "1",
            citation_extra=(
                f'<CommentsCorrectionsList><CommentsCorrections RefType="{ref_type}">'
                "<RefSource>Sleep. 2020;43(1):zsz001</RefSource></CommentsCorrections>"
                "</CommentsCorrectionsList>"
            ),
        )
    )
    assert article.comments_corrections == (
        CommentCorrection(ref_type, None, "Sleep. 2020;43(1):zsz001"),
    )
    assert (article.retracted, article.has_erratum, article.expression_of_concern) == (
        retracted,
        erratum,
        concern,
    )


def test_retraction_publication_type_alone_marks_retracted() -> None:
    article = one(
        pubmed_article(
            "1",
            article_extra=(
                "<PublicationTypeList><PublicationType>Retracted Publication</PublicationType>"
                "</PublicationTypeList>"
            ),
        )
    )
    assert article.retracted and not article.has_erratum


@pytest.mark.parametrize("encode_as_references", [False, True])
def test_unicode_text(encode_as_references: bool) -> None:
    title = "Pharmacology of α-7-hydroxymitragynine and mitragynine in µ-opioid tolerance"
    last_name = "Müller"
    if encode_as_references:
        title = title.replace("α", "&#x3b1;").replace("µ", "&#181;")
        last_name = last_name.replace("ü", "&#xfc;")
    article = one(
        pubmed_article(
            "1",
            title=title,
            authors=(
                f"<AuthorList><Author><LastName>{last_name}</LastName><ForeName>Jürgen</ForeName>"
                "<Initials>J</Initials></Author></AuthorList>"
            ),
        )
    )
    assert article.title == (
        "Pharmacology of α-7-hydroxymitragynine and mitragynine in µ-opioid tolerance"
    )
    assert article.authors[0].display == "Müller J"
    assert article.authors[0].fore_name == "Jürgen"


def test_inline_markup_and_whitespace_are_flattened() -> None:
    article = one(
        pubmed_article(
            "1",
            title=(
                "\n   Effects of <i>Mitragyna speciosa</i> on CO<sub>2</sub> and\n"
                "   Ca<sup>2+</sup> in <b>rats</b>: <u>a</u> study.   "
            ),
        )
    )
    assert article.title == "Effects of Mitragyna speciosa on CO2 and Ca2+ in rats: a study."


def test_minimal_record_keeps_defaults() -> None:
    minimal = (
        '<PubmedArticle><MedlineCitation><PMID Version="1">42</PMID></MedlineCitation>'
        "</PubmedArticle>"
    )
    assert one(minimal) == Article(pmid="42")


def test_record_without_pmid_is_skipped() -> None:
    no_pmid = "<PubmedArticle><MedlineCitation/></PubmedArticle>"
    articles = parse_text(article_set(no_pmid, pubmed_article("7")))
    assert [a.pmid for a in articles] == ["7"]


@pytest.mark.parametrize(
    ("pagination", "expected"),
    [
        ("<Pagination><MedlinePgn>e123</MedlinePgn></Pagination>", "e123"),
        ("<Pagination><StartPage>45</StartPage><EndPage>52</EndPage></Pagination>", "45-52"),
        ("<Pagination><StartPage>45</StartPage></Pagination>", "45"),
        ("<Pagination><MedlinePgn/></Pagination>", None),
        ("", None),
    ],
)
def test_pages(pagination: str, expected: str | None) -> None:
    xml = pubmed_article("1").replace(
        "<Pagination><MedlinePgn>101-9</MedlinePgn></Pagination>", pagination
    )
    assert one(xml).pages == expected


@pytest.mark.parametrize(
    ("elocation", "ids", "expected"),
    [
        ('<ELocationID EIdType="doi" ValidYN="Y">10.1/eloc</ELocationID>', "", "10.1/eloc"),
        (
            '<ELocationID EIdType="doi" ValidYN="Y">10.1/eloc</ELocationID>',
            '<ArticleId IdType="doi">10.1/listed</ArticleId>',
            "10.1/listed",
        ),
        ('<ELocationID EIdType="pii" ValidYN="Y">S0140-6736</ELocationID>', "", None),
        ('<ELocationID EIdType="doi" ValidYN="N">10.1/wrong</ELocationID>', "", None),
    ],
)
def test_doi_sources(elocation: str, ids: str, expected: str | None) -> None:
    assert one(pubmed_article("1", article_extra=elocation, ids=ids)).doi == expected


def test_reference_list_ids_are_not_the_articles() -> None:
    xml = pubmed_article("1").replace(
        "</PubmedData>",
        "<ReferenceList><Reference><Citation>Other. 2001;1:1</Citation><ArticleIdList>"
        '<ArticleId IdType="doi">10.9/other</ArticleId><ArticleId IdType="pmc">PMC1</ArticleId>'
        "</ArticleIdList></Reference></ReferenceList></PubmedData>",
    )
    article = one(xml)
    assert (article.doi, article.pmcid) == (None, None)


def test_authors() -> None:
    authors = (
        "<AuthorList>"
        '<Author ValidYN="Y"><LastName>Lee</LastName><ForeName>Min</ForeName><Initials>M</Initials>'
        '<Identifier Source="ISNI">0000000000000001</Identifier>'
        '<Identifier Source="ORCID">0000-0002-1825-0097</Identifier>'
        "<AffiliationInfo><Affiliation>Dept of <i>Psychiatry</i>, Seoul.</Affiliation>"
        "</AffiliationInfo><AffiliationInfo><Affiliation>Clinic B.</Affiliation></AffiliationInfo>"
        "</Author>"
        '<Author ValidYN="N"><LastName>Leee</LastName><Initials>M</Initials></Author>'
        "<Author><CollectiveName>Kratom Study Group</CollectiveName></Author>"
        "<Author><LastName>Oneword</LastName></Author>"
        "</AuthorList>"
    )
    article = one(pubmed_article("1", authors=authors))
    assert article.authors == (
        Author(
            "Lee",
            "Min",
            "M",
            affiliations=("Dept of Psychiatry, Seoul.", "Clinic B."),
            orcid="0000-0002-1825-0097",
        ),
        Author(collective_name="Kratom Study Group"),
        Author(last_name="Oneword"),
    )
    assert article.first_author == "Lee M"


def test_abstract_sections_skip_other_abstract() -> None:
    abstract = (
        "<Abstract><AbstractText>Plain unlabelled abstract.</AbstractText>"
        "<CopyrightInformation>© 2020 The Authors.</CopyrightInformation></Abstract>"
    )
    other = (
        '<OtherAbstract Type="Publisher" Language="spa"><AbstractText>Resumen.</AbstractText>'
        "</OtherAbstract>"
    )
    article = one(pubmed_article("1", abstract=abstract, citation_extra=other))
    assert article.abstract_sections == (AbstractSection("Plain unlabelled abstract."),)
    assert article.abstract == "Plain unlabelled abstract."


def test_keywords_from_every_list_and_mesh_majors() -> None:
    extra = (
        '<MeshHeadingList><MeshHeading><DescriptorName UI="D008550" MajorTopicYN="N">Melatonin'
        '</DescriptorName><QualifierName UI="Q000627" MajorTopicYN="N">therapeutic use'
        '</QualifierName><QualifierName UI="Q000494" MajorTopicYN="Y">pharmacology'
        '</QualifierName></MeshHeading><MeshHeading><DescriptorName UI="D013375" '
        'MajorTopicYN="Y">Substance Withdrawal Syndrome</DescriptorName></MeshHeading>'
        "</MeshHeadingList>"
        '<KeywordList Owner="NOTNLM"><Keyword>kratom</Keyword><Keyword>sleep</Keyword>'
        '</KeywordList><KeywordList Owner="NASA"><Keyword><i>Mitragyna</i> speciosa</Keyword>'
        "</KeywordList>"
    )
    article = one(pubmed_article("1", citation_extra=extra))
    assert article.keywords == ("kratom", "sleep", "Mitragyna speciosa")
    assert article.mesh == (
        MeshHeading("Melatonin", "D008550", True, ("therapeutic use", "pharmacology")),
        MeshHeading("Substance Withdrawal Syndrome", "D013375", True),
    )
    assert article.mesh_terms == ("Melatonin", "Substance Withdrawal Syndrome")


def test_a_book_and_journal_articles_keep_document_order() -> None:
    chapter = (XML_DATA / "book_articles.xml").read_text(encoding="utf-8")
    start = chapter.index("<PubmedBookArticle>")
    end = chapter.index("</PubmedBookArticle>") + len("</PubmedBookArticle>")
    articles = parse_text(article_set(pubmed_article("1"), chapter[start:end], pubmed_article("2")))
    assert [(a.pmid, a.is_book) for a in articles] == [
        ("1", False),
        ("90000001", True),
        ("2", False),
    ]


# -- empty, truncated, hostile and error documents -------------------------------------------
@pytest.mark.parametrize(
    "xml",
    [
        article_set(),
        "<PubmedArticleSet/>",
        "<PubmedArticleSet>\n</PubmedArticleSet>",
        "<eFetchResult><ERROR/></eFetchResult>",
    ],
)
def test_empty_set_yields_nothing(xml: str) -> None:
    assert parse_text(xml) == []


def test_truncated_body_yields_complete_records_then_raises() -> None:
    body = article_set(*(pubmed_article(str(n)) for n in range(1, 11))).encode()
    half = body[: len(body) // 2]
    complete = half.count(b"</PubmedArticle>")
    assert 0 < complete < 10
    seen: list[str] = []
    with pytest.raises(errors.TruncatedResponse) as caught:
        for article in iter_articles(io.BytesIO(half)):
            seen.append(article.pmid)
    assert seen == [str(n) for n in range(1, complete + 1)]
    assert f"ended mid-record after {complete} records" in caught.value.message
    assert caught.value.exit_code == errors.EXIT_NETWORK


def test_real_body_cut_after_its_first_record() -> None:
    body = realdata("pubmed1.xml").read_bytes()
    cut = body[: body.index(b"</PubmedArticle>") + len(b"</PubmedArticle>") + 200]
    stream = iter_articles(io.BytesIO(cut))
    assert next(stream).pmid == "12091962"
    with pytest.raises(errors.TruncatedResponse, match="ended mid-record after 1 record "):
        next(stream)


@pytest.mark.parametrize(
    "body",
    [b"", b"<?xml version='1.0'?>", b"<PubmedArticleSet><PubmedArticle>", b"not xml at all"],
)
def test_body_with_no_complete_record_is_truncated(body: bytes) -> None:
    with pytest.raises(errors.TruncatedResponse, match="after 0 records"):
        list(iter_articles(io.BytesIO(body)))


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
    ' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\n'
    "]>\n<{root}><Count>&lol4;</Count></{root}>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    "<{root}><Count>&xxe;</Count></{root}>"
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY % dtd SYSTEM "http://127.0.0.1/x.dtd">\n'
    " %dtd;\n]>\n<{root}/>"
)
UNSAFE = {"billion-laughs": BILLION_LAUGHS, "xxe": EXTERNAL_ENTITY, "param": PARAMETER_ENTITY}


def _efetch(data: bytes) -> object:
    return list(iter_articles(io.BytesIO(data)))


@pytest.mark.parametrize("template", UNSAFE.values(), ids=UNSAFE.keys())
@pytest.mark.parametrize(
    ("parse", "root"),
    [(_efetch, "PubmedArticleSet"), (parse_esearch, "eSearchResult"), (parse_epost, "ePostResult")],
    ids=["efetch", "esearch", "epost"],
)
def test_entity_declarations_are_refused(parse, root: str, template: str) -> None:
    with pytest.raises(errors.UnsafeXml, match="Refused the .* response unparsed") as caught:
        parse(template.replace("{root}", root).encode())
    assert "declares the entity" in caught.value.message


def test_external_entity_message_names_its_target() -> None:
    with pytest.raises(errors.UnsafeXml, match="file:///etc/passwd"):
        _efetch(EXTERNAL_ENTITY.replace("{root}", "PubmedArticleSet").encode())


@pytest.mark.parametrize(
    "xml",
    [
        "<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>",
        "<ERROR>Unable to obtain query #1</ERROR>",
        '<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>Unable to obtain '
        "query #1</ERROR>\n</eFetchResult>",
    ],
)
def test_expired_history_in_efetch(xml: str) -> None:
    with pytest.raises(errors.HistoryExpired, match="Unable to obtain query #1"):
        parse_text(xml)


@pytest.mark.parametrize(
    "xml",
    [
        "<eFetchResult><ERROR>Cannot retrieve records: id list too long</ERROR></eFetchResult>",
        "<ERROR>Cannot retrieve records: id list too long</ERROR>",
    ],
)
def test_other_efetch_errors(xml: str) -> None:
    with pytest.raises(errors.NcbiError) as caught:
        parse_text(xml)
    assert not isinstance(caught.value, errors.HistoryExpired)
    assert caught.value.message == "Cannot retrieve records: id list too long"


def test_unexpected_document_is_an_ncbi_error() -> None:
    with pytest.raises(errors.NcbiError, match="<html> document"):
        parse_text("<html><body><h1>Service unavailable</h1></body></html>")


# -- hand-written esearch / epost ------------------------------------------------------------
@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<eSearchResult><ERROR>Invalid query</ERROR></eSearchResult>", "Invalid query"),
        (
            "<ERROR>Search Backend failed: Couldn't resolve #exec, address table is empty.</ERROR>",
            "Search Backend failed: Couldn't resolve #exec, address table is empty.",
        ),
        (
            "<eSearchResult><ERROR>Search Backend failed: Exception:\n'retstart' cannot be larger"
            " than 9998. For PubMed, ESearch can only retrieve the first 9,999 records matching "
            "the query. To obtain more than 9,999 PubMed records, consider using EDirect"
            "</ERROR></eSearchResult>",
            "Search Backend failed: Exception: 'retstart' cannot be larger than 9998.",
        ),
    ],
)
def test_esearch_errors(xml: str, message: str) -> None:
    with pytest.raises(errors.NcbiError) as caught:
        parse_esearch(xml.encode())
    assert message in caught.value.message
    assert not isinstance(caught.value, errors.HistoryExpired)


def test_esearch_expired_history() -> None:
    with pytest.raises(errors.HistoryExpired):
        parse_esearch(b"<eSearchResult><ERROR>Unable to obtain query #3</ERROR></eSearchResult>")


def test_esearch_lists_every_error_and_warning() -> None:
    xml = (
        "<eSearchResult><Count>3</Count><RetMax>3</RetMax><RetStart>0</RetStart><IdList>"
        "<Id>1</Id><Id>2</Id><Id>3</Id></IdList><TranslationSet/><QueryTranslation>"
        "melatonin[All Fields]</QueryTranslation><ErrorList><PhraseNotFound>xyzzy"
        "</PhraseNotFound><FieldNotFound>badfield</FieldNotFound><QuotedPhraseNotFound>"
        '"kratom tea bags"</QuotedPhraseNotFound><PhraseIgnored>the</PhraseIgnored></ErrorList>'
        '<WarningList><PhraseIgnored>and</PhraseIgnored><QuotedPhraseNotFound>"a b"'
        "</QuotedPhraseNotFound><OutputMessage>Quoted phrase not found.</OutputMessage>"
        "</WarningList><ERROR/></eSearchResult>"
    )
    result = parse_esearch(xml.encode())
    assert (result.count, result.ids, result.query_translation) == (
        3,
        ("1", "2", "3"),
        "melatonin[All Fields]",
    )
    assert result.errors == (
        "PhraseNotFound: xyzzy",
        "FieldNotFound: badfield",
        'QuotedPhraseNotFound: "kratom tea bags"',
        "PhraseIgnored: the",
    )
    assert result.warnings == (
        "PhraseIgnored: and",
        'QuotedPhraseNotFound: "a b"',
        "OutputMessage: Quoted phrase not found.",
    )


@pytest.mark.parametrize(
    "xml",
    [
        "<eSearchResult><RetMax>0</RetMax></eSearchResult>",
        "<eSearchResult><Count>many</Count></eSearchResult>",
        "<eSummaryResult><DocSum/></eSummaryResult>",
    ],
)
def test_esearch_without_a_count_is_an_ncbi_error(xml: str) -> None:
    with pytest.raises(errors.NcbiError):
        parse_esearch(xml.encode())


@pytest.mark.parametrize("parse", [parse_esearch, parse_epost])
@pytest.mark.parametrize("body", [b"", b"<eSearchResult><Count>4", b"<ePostResult><QueryKey>"])
def test_truncated_esearch_and_epost(parse, body: bytes) -> None:
    with pytest.raises(errors.TruncatedResponse):
        parse(body)
    with pytest.raises(errors.TruncatedResponse):
        parse(io.BytesIO(body))


def test_epost_without_history_handle_is_an_ncbi_error() -> None:
    with pytest.raises(errors.NcbiError, match="without WebEnv and QueryKey"):
        parse_epost(b"<ePostResult><QueryKey>1</QueryKey></ePostResult>")


# -- memory ----------------------------------------------------------------------------------
class GeneratedStream(io.RawIOBase):
    """A binary stream produced chunk by chunk, so the whole body never exists at once."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._pending:
            self._pending = next(self._chunks, b"")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def synthetic_body(count: int) -> Iterator[bytes]:
    """A PubmedArticleSet of ``count`` small records, generated as it is read."""
    yield f'<?xml version="1.0" ?>\n{PUBMED_DOCTYPE}\n<PubmedArticleSet>\n'.encode()
    for n in range(1, count + 1):
        yield (
            f'<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">{n}</PMID>'
            f"<Article><ArticleTitle>Melatonin and <i>kratom</i> in opioid withdrawal, part {n}."
            f"</ArticleTitle><Abstract><AbstractText>Sleep improved in {n} patients."
            "</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>\n"
        ).encode()
    yield b"</PubmedArticleSet>\n"


def _parse_peak(count: int) -> int:
    """Peak traced memory while streaming a body of ``count`` records."""
    stream = GeneratedStream(synthetic_body(count))
    tracemalloc.start()
    try:
        seen = 0
        last = None
        for article in iter_articles(stream):
            seen += 1
            last = article
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert last is not None and last.pmid == str(count)
    assert last.title == f"Melatonin and kratom in opioid withdrawal, part {count}."
    return peak


def test_memory_stays_flat_over_a_large_body() -> None:
    """Each record's elements are freed once it is converted; what stays until the body ends
    is the record's empty element, under 100 bytes (keeping the converted elements would
    take about 1.7 kB a record, 35 MB here). NCBI sends at most 10,000 records a request."""
    small, large = _parse_peak(5_000), _parse_peak(20_000)
    assert large < 2.5 * 1024 * 1024, f"peak traced memory {large / 1e6:.2f} MB"
    assert (large - small) / 15_000 < 100, f"{(large - small) / 15_000:.0f} bytes a record"
