"""Real PubMed records (../shared/realdata/ontopic/) as the fake E-utilities server serves them.

The on-topic set is real efetch XML with graded judgments per question (qrels.tsv). This
module reads it by path (it is never copied into the repository) and turns each
<PubmedArticle> into a ``FakeRecord``: the XML efetch returns, and the fields esearch matches
(title, abstract, author keywords, publication types, languages, authors, journal, dates,
and, unless stripped, MeSH headings and the ChemicalList that [nm] searches).

``mesh=False`` gives each record as a new PubMed record looks before indexing: no
MeshHeadingList, no ChemicalList, status "In-Data-Review". That is what the nightly refresh
brings in, and what the recall benchmark and tests search.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from fake_eutils import MONTH_NAMES, FakeRecord

ONTOPIC = "ontopic"
RELEVANT = 2  # grade >= 2: relevant (the README's grades 2 and 3)
# qrels topic -> query file; every other topic shares its query's name.
TOPIC_QUERIES = {
    "kratom-for-opioid-withdrawal": "kratom-opioid-withdrawal",
    "melatonin-kratom-combined": "melatonin-kratom-natural",
}
INDEXING = ("MeshHeadingList", "ChemicalList", "SupplMeshList")


def query_name(topic: str) -> str:
    return TOPIC_QUERIES.get(topic, topic)


def load_records(realdata: Path, *, mesh: bool = True) -> list[FakeRecord]:
    """Every record of ontopic/records.xml, with or without NLM's indexing."""
    tree = ET.parse(realdata / ONTOPIC / "records.xml")
    return [_record(article, mesh) for article in tree.getroot().iter("PubmedArticle")]


def load_qrels(realdata: Path) -> dict[str, dict[str, int]]:
    """{query name: {pmid: grade}} from ontopic/qrels.tsv (topic names mapped to queries)."""
    grades: dict[str, dict[str, int]] = {}
    with open(realdata / ONTOPIC / "qrels.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            grades.setdefault(query_name(row["topic"]), {})[row["pmid"]] = int(row["grade"])
    return grades


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _record(article: ET.Element, mesh: bool) -> FakeRecord:
    citation = article.find("MedlineCitation")
    if not mesh:
        for tag in INDEXING:
            for found in citation.findall(tag):
                citation.remove(found)
        citation.set("Status", "In-Data-Review")
    pmid = citation.findtext("PMID").strip()
    art = citation.find("Article")
    abstract = " ".join(_text(part) for part in art.iterfind("Abstract/AbstractText"))
    authors = tuple(
        f"{a.findtext('LastName')} {a.findtext('Initials') or ''}".strip()
        for a in art.iterfind("AuthorList/Author")
        if a.findtext("LastName")
    )
    headings = tuple(
        (_text(d), d.get("MajorTopicYN") == "Y")
        for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")
    )
    pdat = _pub_date(art.find("Journal/JournalIssue/PubDate"))
    entrez = article.find("PubmedData/History/PubMedPubDate[@PubStatus='entrez']")
    edat = _date(entrez) if entrez is not None else pdat
    return FakeRecord(
        pmid=pmid,
        xml=ET.tostring(article, encoding="unicode"),
        edat=edat,
        mdat=edat,
        pdat=pdat,
        title=_text(art.find("ArticleTitle")),
        abstract=abstract,
        mesh=headings,
        pub_types=tuple(_text(p) for p in art.iterfind("PublicationTypeList/PublicationType")),
        languages=tuple(_text(x) for x in art.iterfind("Language")),
        authors=authors,
        journal=_text(art.find("Journal/Title")),
        keywords=tuple(_text(k) for k in citation.iterfind("KeywordList/Keyword")),
        substances=tuple(
            _text(s) for s in citation.iterfind("ChemicalList/Chemical/NameOfSubstance")
        ),
    )


def _month(text: str | None) -> int:
    if not text:
        return 1
    if text.isdigit():
        return int(text)
    return MONTH_NAMES.index(text[:3].title()) + 1 if text[:3].title() in MONTH_NAMES else 1


def _pub_date(element: ET.Element | None) -> date:
    if element is None or not (element.findtext("Year") or "").isdigit():
        return date(2000, 1, 1)
    day = element.findtext("Day")
    return date(
        int(element.findtext("Year")),
        _month(element.findtext("Month")),
        int(day) if day and day.isdigit() else 1,
    )


def _date(element: ET.Element) -> date:
    return _pub_date(element)
