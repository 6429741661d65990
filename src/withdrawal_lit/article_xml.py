"""One PubmedArticle or PubmedBookArticle element of an efetch body as a ``records.Article``
(pure): authors, abstract sections, MeSH, dates, identifiers, comments and corrections."""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element

from withdrawal_lit.records import AbstractSection, Article, Author, CommentCorrection, MeshHeading
from withdrawal_lit.xml_text import child_text, flat_text, flat_texts, nested

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
YEAR_RE = re.compile(r"\b(\d{4})\b")


# -- dates -----------------------------------------------------------------------------------
def _month(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text[:3].lower())


def _date_parts(elem: Element | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from Year/Month/Day children (Month may be 'Jun' or '06');
    a MedlineDate such as '1998 Dec-1999 Jan' or '2000 Spring' gives its first year only."""
    if elem is None:
        return None, None, None
    year_text = child_text(elem, "Year")
    if year_text is None:
        match = YEAR_RE.search(child_text(elem, "MedlineDate") or "")
        return (int(match.group(1)) if match else None), None, None
    if not year_text.isdigit():
        return None, None, None
    month = _month(child_text(elem, "Month"))
    day_text = child_text(elem, "Day")
    day = int(day_text) if month and day_text and day_text.isdigit() else None
    if day is not None and not 1 <= day <= 31:
        day = None
    return int(year_text), month, day


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """'2019', '2019-03' or '2019-03-05', as precise as the parts allow."""
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date(elem: Element | None) -> str | None:
    return _iso(*_date_parts(elem))


def _history_date(history: Element | None, status: str) -> str | None:
    if history is None:
        return None
    for entry in history.findall("PubMedPubDate"):
        if entry.get("PubStatus") == status:
            return _date(entry)
    return None


def _publication_date(
    pub_date: Element | None, article_date: Element | None, entrez_date: str | None
) -> tuple[int | None, str | None]:
    """Year and date of publication: the issue's PubDate, else the electronic ArticleDate,
    else the year PubMed received the record."""
    for elem in (pub_date, article_date):
        year, month, day = _date_parts(elem)
        if year is not None:
            return year, _iso(year, month, day)
    if entrez_date:
        return int(entrez_date[:4]), entrez_date[:4]
    return None, None


# -- record pieces ---------------------------------------------------------------------------
def _authors(author_list: Element | None) -> tuple[Author, ...]:
    if author_list is None:
        return ()
    authors = []
    for elem in author_list.findall("Author"):
        if elem.get("ValidYN") == "N":  # a name NLM has marked as wrong; PubMed hides it
            continue
        orcid = next(
            (
                flat_text(ident)
                for ident in elem.findall("Identifier")
                if ident.get("Source") == "ORCID"
            ),
            None,
        )
        author = Author(
            last_name=child_text(elem, "LastName"),
            fore_name=child_text(elem, "ForeName"),
            initials=child_text(elem, "Initials"),
            collective_name=child_text(elem, "CollectiveName"),
            affiliations=flat_texts(nested(elem, "AffiliationInfo", "Affiliation")),
            orcid=orcid,
        )
        if author.last_name or author.collective_name:
            authors.append(author)
    return tuple(authors)


def _abstract(abstract: Element | None) -> tuple[AbstractSection, ...]:
    if abstract is None:
        return ()
    sections = []
    for elem in abstract.findall("AbstractText"):
        text = flat_text(elem) or ""
        label = elem.get("Label") or None
        if text or label:
            sections.append(AbstractSection(text, label, elem.get("NlmCategory") or None))
    return tuple(sections)


def _mesh(mesh_list: Element | None) -> tuple[MeshHeading, ...]:
    if mesh_list is None:
        return ()
    headings = []
    for elem in mesh_list.findall("MeshHeading"):
        descriptor = elem.find("DescriptorName")
        name = flat_text(descriptor)
        if descriptor is None or name is None:
            continue
        qualifiers = elem.findall("QualifierName")
        major = descriptor.get("MajorTopicYN") == "Y" or any(
            q.get("MajorTopicYN") == "Y" for q in qualifiers
        )
        headings.append(
            MeshHeading(
                descriptor=name,
                ui=descriptor.get("UI"),
                major=major,
                qualifiers=flat_texts(qualifiers),
            )
        )
    return tuple(headings)


def _comments_corrections(mc: Element | None) -> tuple[CommentCorrection, ...]:
    if mc is None:
        return ()
    return tuple(
        CommentCorrection(
            ref_type=elem.get("RefType", ""),
            pmid=child_text(elem, "PMID"),
            source=child_text(elem, "RefSource"),
        )
        for elem in nested(mc, "CommentsCorrectionsList", "CommentsCorrections")
    )


def _article_ids(id_lists: Iterable[Element | None]) -> dict[str, str]:
    """First id of each IdType ('doi', 'pmc', 'mid'...) across the given ArticleIdLists."""
    ids: dict[str, str] = {}
    for id_list in id_lists:
        if id_list is None:
            continue
        for elem in id_list.findall("ArticleId"):
            id_type = elem.get("IdType")
            value = flat_text(elem)
            if id_type and value and id_type not in ids:
                ids[id_type] = value
    return ids


def _elocation_doi(parent: Element | None) -> str | None:
    if parent is None:
        return None
    for elem in parent.findall("ELocationID"):
        if elem.get("EIdType") == "doi" and elem.get("ValidYN") != "N":
            return flat_text(elem)
    return None


def _pages(pagination: Element | None) -> str | None:
    if pagination is None:
        return None
    pages = child_text(pagination, "MedlinePgn")
    if pages:
        return pages
    start, end = child_text(pagination, "StartPage"), child_text(pagination, "EndPage")
    if start and end:
        return f"{start}-{end}"
    return start


# -- records ---------------------------------------------------------------------------------
def to_article(elem: Element) -> Article | None:
    """Convert one PubmedArticle / PubmedBookArticle; None for a record without a PMID, which
    could be neither cached nor cited."""
    if elem.tag == "PubmedBookArticle":
        return _book_article(elem)
    return _journal_article(elem)


def _journal_article(elem: Element) -> Article | None:
    mc = elem.find("MedlineCitation")
    pmid = child_text(mc, "PMID")
    if mc is None or pmid is None:
        return None
    art = mc.find("Article")
    data = elem.find("PubmedData")
    history = None if data is None else data.find("History")
    journal = None if art is None else art.find("Journal")
    issue = None if journal is None else journal.find("JournalIssue")
    entrez = _history_date(history, "entrez")
    year, pub_date = _publication_date(
        None if issue is None else issue.find("PubDate"),
        None if art is None else art.find("ArticleDate"),
        entrez,
    )
    ids = _article_ids([None if data is None else data.find("ArticleIdList")])
    return Article(
        pmid=pmid,
        title=child_text(art, "ArticleTitle") or "",
        abstract_sections=_abstract(None if art is None else art.find("Abstract")),
        authors=_authors(None if art is None else art.find("AuthorList")),
        journal=child_text(journal, "Title") or "",
        journal_iso=child_text(journal, "ISOAbbreviation"),
        volume=child_text(issue, "Volume"),
        issue=child_text(issue, "Issue"),
        pages=_pages(None if art is None else art.find("Pagination")),
        year=year,
        pub_date=pub_date,
        publication_types=flat_texts(nested(art, "PublicationTypeList")),
        mesh=_mesh(mc.find("MeshHeadingList")),
        keywords=flat_texts(nested(mc, "KeywordList", "Keyword")),
        doi=ids.get("doi") or _elocation_doi(art),
        pmcid=ids.get("pmc"),
        nihms_id=ids.get("mid"),
        languages=flat_texts(() if art is None else art.findall("Language")),
        entrez_date=entrez,
        created_date=_history_date(history, "pubmed") or entrez,
        revised_date=_date(mc.find("DateRevised")),
        comments_corrections=_comments_corrections(mc),
        status=mc.get("Status"),
        trial_ids=_trial_ids(art),
    )


def _trial_ids(art: Element | None) -> tuple[str, ...]:
    """ClinicalTrials.gov accession numbers of the DataBankList (other registers left out)."""
    if art is None:
        return ()
    found = []
    for bank in nested(art, "DataBankList", "DataBank"):
        if (child_text(bank, "DataBankName") or "").replace(
            " ", ""
        ).lower() == "clinicaltrials.gov":
            found.extend(flat_texts(nested(bank, "AccessionNumberList", "AccessionNumber")))
    return tuple(dict.fromkeys(n.strip().upper() for n in found))


def _book_article(elem: Element) -> Article | None:
    doc = elem.find("BookDocument")
    pmid = child_text(doc, "PMID")
    if doc is None or pmid is None:
        return None
    book = doc.find("Book")
    data = elem.find("PubmedBookData")
    history = None if data is None else data.find("History")
    entrez = _history_date(history, "entrez")
    year, pub_date = _publication_date(None if book is None else book.find("PubDate"), None, entrez)
    ids = _article_ids(
        [doc.find("ArticleIdList"), None if data is None else data.find("ArticleIdList")]
    )
    author_list = doc.find("AuthorList")
    if author_list is None and book is not None:
        # A whole-book record names its authors on the Book; its editors are not authors.
        author_list = next(
            (a for a in book.findall("AuthorList") if a.get("Type") != "editors"), None
        )
    book_title = child_text(book, "BookTitle") or ""
    return Article(
        pmid=pmid,
        title=child_text(doc, "ArticleTitle") or book_title,
        abstract_sections=_abstract(doc.find("Abstract")),
        authors=_authors(author_list),
        journal=book_title,
        volume=child_text(book, "Volume"),
        year=year,
        pub_date=pub_date,
        publication_types=flat_texts(doc.findall("PublicationType")),
        keywords=flat_texts(nested(doc, "KeywordList", "Keyword")),
        doi=ids.get("doi") or _elocation_doi(doc),
        pmcid=ids.get("pmc"),
        nihms_id=ids.get("mid"),
        languages=flat_texts(doc.findall("Language")),
        entrez_date=entrez,
        created_date=_history_date(history, "pubmed") or entrez,
        revised_date=_date(doc.find("DateRevised")),
        is_book=True,
        publisher=child_text(book, "Publisher/PublisherName"),
    )
