"""A cache with a search history to read back: two predefined queries, one edited between
nights, logged runs and records (for the provenance, log and report tests)."""

from __future__ import annotations

from pathlib import Path

from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.records import AbstractSection, Article, CommentCorrection, MeshHeading, Query
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.store import Store

SHIPPED = load_queries([Path(__file__).resolve().parents[1] / "queries"])
KRATOM = SHIPPED["kratom-opioid-withdrawal"]
MELATONIN = SHIPPED["melatonin-opioid-withdrawal"]
KRATOM_OLD_TERM = "kratom[tiab] AND withdrawal[tiab]"
MELATONIN_TERM = 'melatonin[tiab] AND ("opioid withdrawal"[tiab] OR opioid*[tiab])'
XSS_TITLE = "<script>alert(1)</script> Kratom for opioid withdrawal"
XSS_ABSTRACT = '"><img src=x onerror=alert(1)> Kratom eased opioid withdrawal in most patients.'
NIGHTS = ("2025-01-01T03:00:00Z", "2025-01-02T03:00:00Z", "2025-01-03T03:00:00Z")


def paper(
    pmid: int,
    year: int | None,
    types: tuple[str, ...] = ("Journal Article",),
    *,
    title: str | None = None,
    conclusion: str = "Kratom and melatonin changed opioid withdrawal scores.",
    mesh: tuple[str, ...] = ("Humans",),
    retracted: bool = False,
    journal: str = "Journal of Addiction & Sleep",
) -> Article:
    corrections = (CommentCorrection("RetractionIn", str(pmid + 9000), "J Test. 2024"),)
    return Article(
        pmid=str(pmid),
        title=title or f"Study {pmid} of kratom, melatonin and opioid withdrawal",
        abstract_sections=(
            AbstractSection("We studied people withdrawing from opioids.", "METHODS", "METHODS"),
            AbstractSection(conclusion, "CONCLUSIONS", "CONCLUSIONS"),
        ),
        journal=journal,
        year=year,
        pub_date=str(year) if year else None,
        publication_types=types + (("Retracted Publication",) if retracted else ()),
        mesh=tuple(MeshHeading(m) for m in mesh),
        entrez_date=f"{year or 2000}-03-01",
        comments_corrections=corrections if retracted else (),
    )


ARTICLES = [
    paper(101, 2024, ("Randomized Controlled Trial",)),
    paper(102, 2022, ("Systematic Review",)),
    paper(103, 2019, ("Case Reports",)),
    paper(104, 2019, ("Randomized Controlled Trial",), retracted=True),
    paper(105, 2015, ("Review",)),
    paper(106, 2016, mesh=("Animals", "Rats"), title="Mitragynine in morphine-withdrawn rats"),
    paper(107, None, ("Case Reports",)),
    paper(108, 2023, ("Randomized Controlled Trial",), title=XSS_TITLE, conclusion=XSS_ABSTRACT),
    paper(109, 2021, ("Randomized Controlled Trial",)),
    paper(110, 2020, ("Systematic Review",)),
    paper(111, 2018, ("Case Reports",)),
]


def log(store: Store, run_id: int, query: str, term: str, at: str, mode: str, count: int, **kw):
    store.log_search(
        run_id=run_id,
        query=query,
        term=normalise_term(term),
        term_hash=term_hash(term),
        at=at,
        mode=mode,
        count=count,
        new=kw.get("new", 0),
        revised=kw.get("revised", 0),
        gone=kw.get("gone", 0),
        translation=kw.get("translation", f"translated({query})"),
        warnings=kw.get("warnings", ()),
        version="0.1.0",
    )


def save_state(store: Store, query: Query, term: str, count: int, at: str) -> None:
    store.save_query_state(
        query.name,
        title=query.title,
        term=normalise_term(term),
        term_hash=term_hash(term),
        count=count,
        translation=f"translated({query.name})",
        success_at=at,
    )


def build_cache(path: Path) -> Path:
    """Three nights of searches of two shipped queries (one edited), plus one ad-hoc search.

    kratom-opioid-withdrawal: night 1 an older term finds 101-107; night 2 the shipped term
    also finds 108; night 3 an incremental refresh revises one record.
    melatonin-opioid-withdrawal: night 2 finds 105-111; night 3 111 is no longer returned.
    Current hits: kratom 8, melatonin 6, shared 105-108, so 10 unique (104 retracted).
    """
    one, two, three = NIGHTS
    with Store.open(path) as store:
        run = store.start_run("search", [KRATOM.name], "0.1.0")
        with store.transaction():
            store.upsert(((a, derive(a)) for a in ARTICLES), one)
            store.record_hits(KRATOM.name, [str(p) for p in range(101, 108)], one)
            save_state(store, KRATOM, KRATOM_OLD_TERM, 7, one)
            log(store, run, KRATOM.name, KRATOM_OLD_TERM, one, "full", 7, new=7)
        store.finish_run(run, status="ok", new=7)

        run = store.start_run("search", [KRATOM.name, MELATONIN.name], "0.1.0")
        with store.transaction():
            kratom = [str(p) for p in range(101, 109)]
            store.record_hits(KRATOM.name, kratom, two)
            save_state(store, KRATOM, KRATOM.term, 8, two)
            log(store, run, KRATOM.name, KRATOM.term, two, "full", 8, new=1)
            melatonin = [str(p) for p in range(105, 112)]
            store.record_hits(MELATONIN.name, melatonin, two)
            save_state(store, MELATONIN, MELATONIN_TERM, 7, two)
            log(
                store,
                run,
                MELATONIN.name,
                MELATONIN_TERM,
                two,
                "full",
                7,
                new=7,
                warnings=("OutputMessage: Quoted phrase not found.",),
            )
        store.finish_run(run, status="ok", new=1)

        run = store.start_run("refresh", [KRATOM.name, MELATONIN.name], "0.1.0")
        with store.transaction():
            log(store, run, KRATOM.name, KRATOM.term, three, "incremental", 8, revised=1)
            current = [str(p) for p in range(105, 111)]
            store.record_hits(MELATONIN.name, current, three)
            gone = store.mark_gone(MELATONIN.name, current, three)
            save_state(store, MELATONIN, MELATONIN_TERM, 6, three)
            log(store, run, MELATONIN.name, MELATONIN_TERM, three, "full", 6, gone=gone)
            adhoc_term = "kratom AND sleep"
            store.record_hits("adhoc-1a2b3c4d", ["101"], three)
            log(store, None, "adhoc-1a2b3c4d", adhoc_term, three, "full", 1, new=1)
        store.finish_run(run, status="ok", revised=1)
    return path
