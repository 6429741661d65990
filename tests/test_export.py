"""Export formats: each written from ranked items, read back by a well-kept third-party parser
(csv, rispy, bibtexparser v2, Bio.Medline, json) and compared field by field with the record."""

from __future__ import annotations

import csv
import io
import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from Bio import Medline
from export_samples import (
    BOOK,
    KRATOM_RCT,
    MELATONIN_RATS,
    RETRACTED,
    SAME_KEY,
    SAME_KEY_TOO,
)

from withdrawal_lit import export
from withdrawal_lit.design import assess
from withdrawal_lit.export import bibtex, citation, medline, pubmed_csv, ris
from withdrawal_lit.paper import Paper
from withdrawal_lit.records import (
    AbstractSection,
    Article,
    Author,
    MeshHeading,
)
from withdrawal_lit.summarize import bottom_line

# The header line of a file saved from PubMed with "Save -> Format: CSV".
PUBMED_CSV_HEADER = (
    "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,"
    "NIHMS ID,DOI"
)
CONCEPTS = (("kratom", "mitragynine", "melatonin"), ("opioid withdrawal", "withdrawal"))

SAMPLE_ARTICLES = (KRATOM_RCT, MELATONIN_RATS, RETRACTED, BOOK, SAME_KEY, SAME_KEY_TOO)


def item(article: Article, rank: int = 1, query: str = "kratom-opioid-withdrawal") -> Paper:
    return Paper(
        article=article,
        assessment=assess(article),
        summary=bottom_line(article, CONCEPTS),
        query=query,
        rank=rank,
        score=round(1 / rank, 4),
        score_components={"relevance": 0.4, "evidence": 0.2},
    )


def items(*articles: Article) -> list[Paper]:
    return [item(a, rank) for rank, a in enumerate(articles or SAMPLE_ARTICLES, start=1)]


def write(fmt: str, batch: list[Paper], **options) -> str:
    out = io.StringIO(newline="")
    count = export.writer(fmt, **options)(batch, out)
    assert count == len({i.article.pmid for i in batch})
    return out.getvalue()


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(pubmed_csv.EXCEL_BOM), newline="")))


# -- shared pieces ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (KRATOM_RCT, f"Drug Alcohol Depend. 2019 Mar 1;196(2):1-8. doi: {KRATOM_RCT.doi}."),
        (MELATONIN_RATS, "Bioinformatics. 2006;22:616-7."),
        (RETRACTED, f"J Psychoactive Drugs. 2022 Jan 31:1-13. doi: {RETRACTED.doi}."),
        (SAME_KEY, "J Psychoactive Drugs. 2023."),
        (Article(pmid="1", journal="J", journal_iso="J", volume="7", pages="10"), "J. 7:10."),
        (BOOK, "StatPearls. StatPearls Publishing; 2023."),
    ],
)  # fmt: skip
def test_citation_reads_like_pubmeds(article, expected):
    assert citation.citation(article) == expected


@pytest.mark.parametrize(
    ("iso", "pubmed", "slashes", "ris_da"),
    [
        ("2019-03-05", "2019 Mar 5", "2019/03/05", "2019/03/05/"),
        ("2019-12", "2019 Dec", "2019/12", "2019/12//"),
        ("2006", "2006", "2006", "2006///"),
        (None, "", "", ""),
    ],
)
def test_dates(iso, pubmed, slashes, ris_da):
    assert citation.pubmed_date(iso) == pubmed
    assert citation.slash_date(iso) == slashes
    assert ris.ris_date(iso) == ris_da


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("296-302", ("296", "302")),
        ("616-7", ("616", "617")),
        ("1453-4", ("1453", "1454")),
        ("S12-9", ("S12", "S19")),
        ("e37086", ("e37086", None)),
        ("10", ("10", None)),
        ("112-9, 130", ("112", "119")),
        (None, (None, None)),
    ],
)
def test_page_range_writes_the_last_page_out(pages, expected):
    assert citation.page_range(pages) == expected


# -- CSV -------------------------------------------------------------------------------------
def test_csv_header_is_pubmeds_then_ours():
    text = write("csv", items())
    header = text.split("\r\n", 1)[0]
    assert header.startswith(PUBMED_CSV_HEADER + ",")
    assert next(csv.reader([header])) == list(
        pubmed_csv.PUBMED_CSV_COLUMNS + pubmed_csv.OUR_CSV_COLUMNS
    )


def test_csv_pubmed_columns_hold_what_pubmed_writes():
    row = read_csv(write("csv", items(KRATOM_RCT)))[0]
    assert {k: row[k] for k in pubmed_csv.PUBMED_CSV_COLUMNS} == {
        "PMID": "30566987",
        "Title": KRATOM_RCT.title,
        "Authors": "Müller J, Østergaard Å, Núñez JM, Kratom Withdrawal Study Group.",
        "Citation": "Drug Alcohol Depend. 2019 Mar 1;196(2):1-8. "
        "doi: 10.1016/j.drugalcdep.2018.11.029.",
        "First Author": "Müller J",
        "Journal/Book": "Drug Alcohol Depend",
        "Publication Year": "2019",
        "Create Date": "2019/03/05",
        "PMCID": "PMC6400001",
        "NIHMS ID": "NIHMS1012345",
        "DOI": "10.1016/j.drugalcdep.2018.11.029",
    }


def test_csv_our_columns_hold_the_ranking_and_assessment():
    batch = items(KRATOM_RCT, RETRACTED)
    rows = read_csv(write("csv", batch))
    for row, it in zip(rows, batch, strict=True):
        assert row["Query"] == "kratom-opioid-withdrawal"
        assert row["Rank"] == str(it.rank)
        assert float(row["Score"]) == it.score
        assert row["Design"] == it.assessment.design.label
        assert row["Evidence Level"] == str(it.assessment.design.level)
        assert row["Population"] == it.assessment.population
        assert row["Sample Size"] == str(it.assessment.sample_size or "")
        assert row["Bottom Line"] == it.summary.text
        assert row["PubMed URL"] == f"https://pubmed.ncbi.nlm.nih.gov/{it.article.pmid}/"
    assert [r["Retracted"] for r in rows] == ["No", "Yes"]
    assert rows[0]["Design"] == "Randomised controlled trial"
    assert rows[0]["Sample Size"] == "120"


def test_csv_rows_are_quoted_like_pubmeds_and_end_in_crlf():
    text = write("csv", items(KRATOM_RCT))
    lines = text.split("\r\n")
    assert lines[-1] == "" and len(lines) == 3
    assert lines[1].startswith('"30566987","Kratom (Mitragyna speciosa)')


@pytest.mark.parametrize(
    "title",
    [
        '=HYPERLINK("http://evil.example/","click")',
        "-2+3",
        "+1",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        "=cmd|' /C calc'!A0",
        "\uff1d1+1",
    ],
)
def test_csv_cells_never_run_as_formulas(title):
    article = Article(pmid="1", title=title, authors=(Author(collective_name=title),))
    text = write("csv", [item(article)])
    row = read_csv(text)[0]
    expected = "'" + title.replace("\r", "\n")
    assert row["Title"] == expected
    assert row["First Author"] == expected
    assert row["Authors"] == expected + "."
    for value in row.values():
        assert not value.startswith(pubmed_csv.FORMULA_TRIGGERS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("-", "'-"),
        ("Kratom", "Kratom"),
        ("1-2", "1-2"),
        ("'=already quoted", "'=already quoted"),
        (" =1", " =1"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert pubmed_csv.neutralise(value) == expected


def test_csv_keeps_commas_quotes_and_newlines_inside_a_cell():
    title = 'Kratom, "ketum"\nand withdrawal;\r\nsecond line'
    article = Article(pmid="2", title=title)
    row = read_csv(write("csv", [item(article)]))[0]
    assert row["Title"] == title.replace("\r\n", "\n")


def test_csv_excel_starts_with_a_bom_and_keeps_names():
    text = write("csv", items(KRATOM_RCT), excel=True)
    assert text.startswith(pubmed_csv.EXCEL_BOM + "PMID,")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfPMID,")
    assert "Østergaard Å" in read_csv(text)[0]["Authors"]
    assert not write("csv", items(KRATOM_RCT)).startswith(pubmed_csv.EXCEL_BOM)


def test_csv_abstract_column_is_optional():
    assert "Abstract" not in read_csv(write("csv", items(KRATOM_RCT)))[0]
    row = read_csv(write("csv", items(KRATOM_RCT), abstract=True))[0]
    assert row["Abstract"].splitlines() == [
        f"{s.label}: {s.text}" for s in KRATOM_RCT.abstract_sections
    ]


def test_csv_writes_one_row_per_query_and_pmid():
    batch = [item(KRATOM_RCT, 1, "a"), item(KRATOM_RCT, 3, "b")]
    out = io.StringIO(newline="")
    assert pubmed_csv.write_csv(batch, out) == 2
    assert [(r["Query"], r["Rank"]) for r in read_csv(out.getvalue())] == [("a", "1"), ("b", "3")]


# -- RIS -------------------------------------------------------------------------------------
def test_ris_round_trips_through_rispy():
    batch = items()
    entries = rispy.loads(write("ris", batch))
    assert len(entries) == len(batch)
    for entry, it in zip(entries, batch, strict=True):
        a = it.article
        start, end = citation.page_range(a.pages)
        assert entry["type_of_reference"] == ("CHAP" if a.is_book else "JOUR")
        assert entry["title"] == a.title
        assert entry["authors"] == [ris.ris_author(au) for au in a.authors]
        assert entry["year"] == str(a.year)
        assert entry.get("volume") == a.volume
        assert entry.get("number") == a.issue
        assert entry.get("start_page") == start
        assert entry.get("end_page") == end
        assert entry.get("doi") == a.doi
        assert entry["accession_number"] == a.pmid
        assert entry["urls"] == [a.url]
        assert entry["name_of_database"] == "PubMed"
        assert entry["secondary_title"] == a.journal
        assert entry["journal_name"] == a.journal
        assert it.assessment.design.label in entry["notes"][0]
    first = entries[0]
    assert first["authors"][:3] == ["Müller, Jan", "Østergaard, Åse", "Núñez, José María"]
    assert first["authors"][3] == "Kratom Withdrawal Study Group"
    assert first["date"] == "2019/03/01/"
    assert first["alternate_title2"] == "Drug Alcohol Depend"
    assert first["keywords"] == ["kratom", "opioid withdrawal", "Humans", "Mitragyna",
                                 "Opioid-Related Disorders"]  # fmt: skip
    assert first["abstract"] == " ".join(
        f"{s.label}: {s.text}" for s in KRATOM_RCT.abstract_sections
    )
    assert "RETRACTED" in entries[2]["notes"][0]
    assert entries[3]["publisher"] == "StatPearls Publishing"


def test_ris_lines_are_single_line_tags():
    text = write("ris", items(Article(pmid="3", title="One\ntwo\r\nthree", journal="J")))
    assert "TI  - One two three\n" in text
    for line in text.splitlines():
        assert line == "" or (line[2:6] == "  - " and line[:2].isalnum())


# -- BibTeX ----------------------------------------------------------------------------------
def parse_bibtex(text: str):
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.LatexDecodingMiddleware(keep_math_mode=False)]
    )
    assert library.failed_blocks == []
    return library


def test_bibtex_round_trips_through_bibtexparser():
    batch = items()
    library = parse_bibtex(write("bibtex", batch))
    entries = library.entries
    assert [e.key for e in entries] == [
        "muller2019kratom",
        "deluca2006melatonin",
        "smith2022hyperlink",
        "smith2023kratom",
        "smith2023kratom-36000002",
        "smith2023kratom-36000003",
    ]
    for entry, it in zip(entries, batch, strict=True):
        a = it.article
        fields = entry.fields_dict
        # pylatexenc reads \textasciicircum as U+02C6, the modifier letter, rather than '^'.
        assert fields["title"].value.replace("\u02c6", "^") == a.title
        assert fields["pmid"].value == a.pmid
        assert fields["url"].value == a.url
        assert fields["year"].value == str(a.year)
        venue = fields["booktitle" if "booktitle" in fields else "journal"].value
        assert venue == a.journal
        if a.doi:
            assert fields["doi"].value == a.doi
    assert entries[0].entry_type == "article"
    assert entries[3].entry_type == "incollection"
    first = entries[0].fields_dict
    assert first["author"].value == (
        "Müller, Jan and Østergaard, Åse and Núñez, José María and Kratom Withdrawal Study Group"
    )
    assert first["pages"].value == "1\u20138"  # "1--8", an en dash once decoded
    assert first["abstract"].value.endswith("(p < 0.05) & 50% stayed abstinent. "
                                            "CONCLUSIONS: Kratom reduced opioid withdrawal "
                                            "symptoms compared with placebo.")  # fmt: skip
    assert entries[1].fields_dict["pages"].value == "616\u2013617"


def test_bibtex_authors_split_where_bibtex_splits_them():
    library = bibtexparser.parse_string(
        write("bibtex", items(KRATOM_RCT, MELATONIN_RATS)),
        append_middleware=[middlewares.SeparateCoAuthors()],
    )
    first, second = (e.fields_dict["author"].value for e in library.entries)
    assert first == ["Müller, Jan", "Østergaard, Åse", "Núñez, José María",
                     "{Kratom Withdrawal Study Group}"]  # fmt: skip
    assert second == ["De Luca, Francesca", "O'Brien, Seán"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5-HT_{1A} & 100% of $3 #1", r"5-HT\_\{1A\} \& 100\% of \$3 \#1"),
        ("a~b^c\\d", r"a\textasciitilde{}b\textasciicircum{}c\textbackslash{}d"),
        ("p < 0.05 > q", r"p $<$ 0.05 $>$ q"),
        ("Müller, Østergaard, β-endorphin", "Müller, Østergaard, β-endorphin"),
        ("two\nlines", "two lines"),
    ],
)
def test_latex_escape(text, expected):
    assert bibtex.latex_escape(text) == expected


@pytest.mark.parametrize(
    ("article", "key"),
    [
        (KRATOM_RCT, "muller2019kratom"),
        (MELATONIN_RATS, "deluca2006melatonin"),
        (SAME_KEY, "smith2023kratom"),
        (Article("9", "Østrogen and sleep", authors=(Author("Ødegård"),)), "odegardndostrogen"),
        (Article("9", "", authors=(Author(collective_name="WHO Group"),), year=2001), "who2001"),
        (Article(pmid="9", title="The a of"), "anonnd"),
    ],
)  # fmt: skip
def test_bibtex_key_base(article, key):
    assert bibtex.bibtex_key_base(article) == key


def test_bibtex_protects_and_in_names():
    author = Author("Anders and Sons", "Jan", "J")
    assert bibtex.bibtex_author(author) == "{Anders and Sons}, Jan"
    assert bibtex.bibtex_author(Author("Anand", "Ravi", "R")) == "Anand, Ravi"


# -- MEDLINE (.nbib) -------------------------------------------------------------------------
def test_medline_round_trips_through_bio_medline():
    batch = items()
    records = list(Medline.parse(io.StringIO(write("medline", batch))))
    assert len(records) == len(batch)
    for record, it in zip(records, batch, strict=True):
        a = it.article
        assert record["PMID"] == a.pmid
        assert record["TI"] == a.title
        assert record.get("AU", []) == [au.display for au in a.authors if not au.collective_name]
        assert record.get("CN", []) == [
            au.collective_name for au in a.authors if au.collective_name
        ]
        assert record["TA"] == citation.journal_abbreviation(a)
        assert record["JT"] == a.journal
        assert record.get("DP") == (citation.publication_date(a) or None)
        assert record["SO"] == citation.citation(a)
        assert record.get("PT", []) == list(a.publication_types)
        assert record.get("PG") == a.pages
    first = records[0]
    assert first["FAU"] == ["Müller, Jan", "Østergaard, Åse", "Núñez, José María"]
    assert first["AB"] == " ".join(f"{s.label}: {s.text}" for s in KRATOM_RCT.abstract_sections)
    assert first["AD"] == ["Universität Wien, Vienna, Austria."]
    assert first["MH"] == ["Humans", "*Mitragyna", "*Opioid-Related Disorders/drug therapy"]
    assert first["OT"] == ["kratom", "opioid withdrawal"]
    assert first["LID"] == "10.1016/j.drugalcdep.2018.11.029 [doi]"
    assert first["AID"] == ["10.1016/j.drugalcdep.2018.11.029 [doi]"]
    assert (first["PMC"], first["MID"], first["STAT"]) == (
        "PMC6400001",
        ["NIHMS1012345"],
        "MEDLINE",
    )


def test_medline_lines_have_pubmeds_layout():
    text = write("medline", items())
    assert text.startswith("\nPMID- 30566987\n")
    wrapped = 0
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith(" "):
            wrapped += 1
            assert line[:6] == " " * 6 and line[6] != " "
        else:
            assert line[4:6] == "- " and line[:4].rstrip().isalpha()
        assert len(line) <= 6 + medline.MEDLINE_WIDTH or " " not in line[6:]
    assert wrapped >= 2  # the long abstracts are wrapped onto continuation lines


def medline_article(record: Medline.Record) -> Article:
    """An Article holding what a PubMed MEDLINE record says, for writing it back out."""
    names = [n for n in record.get("FAU", [])]
    authors = tuple(
        Author(
            last_name=full.split(", ")[0],
            fore_name=full.split(", ", 1)[1] if ", " in full else None,
            initials=short.split(" ")[-1],
            affiliations=tuple(record.get("AD", [])) if i == 0 else (),
        )
        for i, (full, short) in enumerate(zip(names, record.get("AU", []), strict=True))
    )
    months = {m: i for i, m in enumerate(citation.MONTHS, start=1)}
    dp = record["DP"].split()
    pub_date = dp[0] + (f"-{months[dp[1]]:02d}" if len(dp) > 1 else "")
    pub_date += f"-{int(dp[2]):02d}" if len(dp) > 2 else ""
    doi = next((x[: -len(" [doi]")] for x in record.get("AID", []) if x.endswith("[doi]")), None)
    mesh = []
    for heading in record.get("MH", []):
        descriptor, *qualifiers = heading.replace("*", "").split("/")
        mesh.append(MeshHeading(descriptor, major="*" in heading, qualifiers=tuple(qualifiers)))
    return Article(
        pmid=record["PMID"],
        title=record["TI"],
        abstract_sections=(AbstractSection(record["AB"]),) if "AB" in record else (),
        authors=authors,
        journal=record["JT"],
        journal_iso=record["TA"],
        volume=record.get("VI"),
        issue=record.get("IP"),
        pages=record.get("PG"),
        year=int(dp[0]),
        pub_date=pub_date,
        publication_types=tuple(record.get("PT", [])),
        mesh=tuple(mesh),
        doi=doi,
        pmcid=record.get("PMC"),
        languages=tuple(record.get("LA", [])),
        status=record.get("STAT"),
    )


def test_medline_matches_pubmeds_own_records(realdata):
    """PubMed's MEDLINE files, read into records and written back: every tag we write holds
    what PubMed wrote (MeSH stars aside: the cache keeps one major flag per heading)."""
    originals = []
    for path in sorted(realdata.glob("medline_pubmed_result*.txt")):
        with path.open(encoding="utf-8") as handle:
            originals += list(Medline.parse(handle))
    assert len(originals) >= 5
    batch = [item(medline_article(r), rank) for rank, r in enumerate(originals, start=1)]
    ours = list(Medline.parse(io.StringIO(write("medline", batch))))
    for mine, theirs in zip(ours, originals, strict=True):
        for tag in ("PMID", "STAT", "VI", "IP", "DP", "TI", "PG", "AB", "FAU", "AU", "AD",
                    "LA", "PT", "TA", "JT", "PMC"):  # fmt: skip
            assert mine.get(tag) == theirs.get(tag), tag
        assert [m.replace("*", "") for m in mine.get("MH", [])] == [
            m.replace("*", "") for m in theirs.get("MH", [])
        ]
        # PubMed cites the electronic date when the issue has only a year, and adds the e-pub
        # date; the cache keeps one publication date, so the date part is left out here.
        their_source = without_date(theirs["SO"].split(" Epub ")[0])
        doi = medline_article(theirs).doi
        if doi and "doi:" not in their_source:  # older PubMed lines leave the DOI to AID
            their_source += f" doi: {doi}."
        assert without_date(mine["SO"]) == their_source


def without_date(source: str) -> str:
    return re.sub(r"^(.*?\.) \d{4}[^;:.]*", r"\1 ", source)


# -- JSON Lines ------------------------------------------------------------------------------
def test_jsonl_carries_the_whole_record_and_the_ranking():
    batch = items()
    lines = write("jsonl", batch).splitlines()
    assert len(lines) == len(batch)
    for line, it in zip(lines, batch, strict=True):
        record = json.loads(line)
        assert Article.from_dict(record) == it.article
        d = it.assessment
        assert record["query"] == it.query and record["rank"] == it.rank
        assert record["score"] == it.score
        assert record["score_components"] == it.score_components
        assert (record["design"], record["design_label"], record["evidence_level"]) == (
            d.design.slug,
            d.design.label,
            d.design.level,
        )
        assert record["population"] == d.population
        assert record["sample_size"] == d.sample_size
        assert record["retracted"] == d.retracted
        assert record["interventions"] == list(d.interventions)
        assert record["bottom_line"] == it.summary.text
        assert record["bottom_line_source"] == it.summary.source
        assert record["url"] == it.article.url
    assert "Østergaard" in lines[0]  # UTF-8, not \u-escaped


# -- every format ----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(export.REFERENCE_FORMATS))
def test_reference_formats_write_each_pmid_once(fmt):
    batch = [item(KRATOM_RCT, 1, "a"), item(MELATONIN_RATS, 2, "a"), item(KRATOM_RCT, 1, "b")]
    out = io.StringIO(newline="")
    assert export.writer(fmt)(batch, out) == 2
    starts = {"ris": "TY  - ", "bibtex": "@article{", "medline": "PMID- "}
    assert out.getvalue().count(starts[fmt]) == 2


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_writers_stream_records_as_they_arrive(fmt):
    """Records before a failure are already on the stream: nothing is collected first."""

    def source():
        yield item(KRATOM_RCT, 1)
        yield item(MELATONIN_RATS, 2)
        raise RuntimeError("cache went away")

    out = io.StringIO(newline="")
    with pytest.raises(RuntimeError):
        export.writer(fmt)(source(), out)
    assert "30566987" in out.getvalue() and "16377612" in out.getvalue()


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_empty_input_writes_an_empty_export(fmt):
    out = io.StringIO(newline="")
    assert export.writer(fmt)([], out) == 0
    assert out.getvalue() == ("" if fmt != "csv" else ",".join(pubmed_csv.csv_header()) + "\r\n")


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format 'xls'"):
        export.writer("xls")
