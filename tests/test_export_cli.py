"""`withdrawal-lit export` end to end over a cache filled in the test (never the network)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys

import bibtexparser
import pytest
import rispy
from Bio import Medline
from cli_run import run
from export_samples import BOOK, KRATOM_RCT, MELATONIN_RATS, RETRACTED, SAME_KEY, SAME_KEY_TOO

from withdrawal_lit import export as formats
from withdrawal_lit.errors import EXIT_CACHE, EXIT_NOT_FOUND, EXIT_USAGE, CacheError
from withdrawal_lit.export import bibtex, pubmed_csv
from withdrawal_lit.pubmed_term import term_hash
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.records import AbstractSection, Article, Author
from withdrawal_lit.services import export as service
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.settings import builtin_queries_dir
from withdrawal_lit.store import Store

KRATOM = "kratom-opioid-withdrawal"
MELATONIN = "melatonin-opioid-withdrawal"
SEEN_AT = "2024-05-01T12:00:00Z"
# More than `search`'s default of 10 per query: export takes every cached paper by default.
SURVEYS = tuple(
    Article(
        pmid=str(40000001 + i),
        title=f"Kratom use to self-treat opioid withdrawal: survey wave {i + 1}",
        abstract_sections=(
            AbstractSection(f"In a survey of {200 + i} adults, kratom eased opioid withdrawal."),
        ),
        authors=(Author("Grundmann", "Oliver", "O"),),
        journal="Journal of psychoactive drugs",
        journal_iso="J Psychoactive Drugs",
        year=2015 + i % 8,
        pub_date=f"{2015 + i % 8}-06",
        publication_types=("Journal Article",),
        created_date=f"{2015 + i % 8}-06-15",
        entrez_date=f"{2015 + i % 8}-06-15",
    )
    for i in range(12)
)
HITS = {
    KRATOM: (KRATOM_RCT, RETRACTED, BOOK, SAME_KEY, SAME_KEY_TOO, *SURVEYS),
    MELATONIN: (MELATONIN_RATS, KRATOM_RCT),
}


def fill(db, hits=HITS) -> None:
    queries = load_queries([builtin_queries_dir()])
    articles = {a.pmid: a for found in hits.values() for a in found}
    with Store.open(db) as store, store.transaction():
        store.upsert(((a, derive(a)) for a in articles.values()), SEEN_AT)
        for name, found in hits.items():
            query = queries[name]
            store.record_hits(name, [a.pmid for a in found], SEEN_AT)
            store.save_query_state(
                name,
                title=query.title,
                term=query.term,
                term_hash=term_hash(query.term),
                count=len(found),
                translation=None,
                success_at=SEEN_AT,
            )


@pytest.fixture
def db(isolated):
    path = isolated / "cache.sqlite3"
    fill(path)
    return path


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(pubmed_csv.EXCEL_BOM), newline="")))


def cached(db, pmid: str) -> Article:
    with Store.open(db, readonly=True) as store:
        return store.get(pmid)


# -- what is written -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "filters",
    [
        [],
        ["--since", "2019"],
        ["--design", "rct,other"],
        ["--sort", "date"],
        ["--sort", "evidence", "--show-retracted-in-place"],
        ["--limit", "3"],
    ],
)
def test_csv_has_search_order_and_filters(db, filters):
    result = run("export", *filters)
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout)
    limit = [] if "--limit" in filters else ["--limit", "1000"]
    shown = run("search", "--offline", "--json", *limit, *filters)
    assert shown.exit_code == 0, shown.stderr
    expected = [(r["query"], r["pmid"], str(r["rank"])) for r in json.loads(shown.stdout)]
    assert [(r["Query"], r["PMID"], r["Rank"]) for r in rows] == expected
    assert rows, "the filters leave something to export"


def test_every_cached_paper_by_default(db):
    rows = csv_rows(run("export", KRATOM).stdout)
    assert len(rows) == len(HITS[KRATOM]) > 10
    assert {r["Query"] for r in rows} == {KRATOM}


def test_names_choose_queries_in_the_order_given(db):
    rows = csv_rows(run("export", MELATONIN, KRATOM).stdout)
    queries = [r["Query"] for r in rows]
    assert queries == [MELATONIN] * 2 + [KRATOM] * len(HITS[KRATOM])


def test_one_row_per_query_and_pmid_or_deduped(db):
    rows = csv_rows(run("export").stdout)
    both = [r for r in rows if r["PMID"] == KRATOM_RCT.pmid]
    assert [r["Query"] for r in both] == [KRATOM, MELATONIN]
    deduped = csv_rows(run("export", "--dedupe").stdout)
    once = [r for r in deduped if r["PMID"] == KRATOM_RCT.pmid]
    assert len(once) == 1
    assert once[0]["Query"] == f"{KRATOM}; {MELATONIN}"
    assert once[0]["Rank"] == both[0]["Rank"]  # the first occurrence's rank
    assert len(deduped) == len({r["PMID"] for r in rows})


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_each_format_to_a_file_matches_the_cache(db, tmp_path, fmt):
    out = tmp_path / f"library{formats.EXTENSIONS[fmt]}"
    result = run("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    unique = {a.pmid for found in HITS.values() for a in found}
    if fmt == "csv":
        records = [(r["PMID"], r["Title"], r["DOI"] or None) for r in csv_rows(text)]
    elif fmt == "ris":
        records = [(e["accession_number"], e["title"], e.get("doi")) for e in rispy.loads(text)]
    elif fmt == "bibtex":
        library = bibtexparser.parse_string(text)
        assert library.failed_blocks == []
        records = []
        for entry in library.entries:
            f = entry.fields_dict
            pmid = f["pmid"].value
            assert f["title"].value == "{" + bibtex.latex_escape(cached(db, pmid).title) + "}"
            records.append((pmid, cached(db, pmid).title, f["doi"].value if "doi" in f else None))
    elif fmt == "medline":
        records = [(r["PMID"], r["TI"], None) for r in Medline.parse(io.StringIO(text))]
        records = [(p, t, cached(db, p).doi) for p, t, _ in records]
    else:
        lines = [json.loads(line) for line in text.splitlines()]
        assert all(Article.from_dict(r) == cached(db, r["pmid"]) for r in lines)
        records = [(r["pmid"], r["title"], r["doi"]) for r in lines]
    for pmid, title, doi in records:
        article = cached(db, pmid)
        expected_title = "'" + article.title if article.title.startswith("=") else article.title
        assert title == (expected_title if fmt == "csv" else article.title)
        assert doi == article.doi
    pmids = [r[0] for r in records]
    if fmt in formats.REFERENCE_FORMATS:
        assert sorted(pmids) == sorted(unique)  # one record per PMID
    else:
        assert len(pmids) == sum(len(found) for found in HITS.values())
    shipped = len(load_queries([builtin_queries_dir()]))
    assert f"Wrote {len(pmids)} records ({fmt}, {shipped} queries) to {out}" in " ".join(
        result.stderr.split()
    )


def test_excel_file_starts_with_a_bom_and_keeps_names(db, tmp_path):
    out = tmp_path / "excel.csv"
    assert run("export", "--excel", "--abstract", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfPMID,Title,Authors,Citation,")
    assert "Müller J, Østergaard Å, Núñez JM".encode() in raw
    rows = csv_rows(raw.decode("utf-8"))
    assert rows[0]["Abstract"]


def test_bibtex_keys_are_stable_across_processes(db):
    """Two separate processes, with different hash seeds, give the same file: the same keys,
    the clashing ones (SAME_KEY, SAME_KEY_TOO) told apart the same way."""
    files = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "withdrawal_lit", "export", "--format", "bibtex"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        files.append(done.stdout)
    keys = re.findall(r"^@\w+\{([^,]+),", files[0], re.M)
    assert len(keys) == len(set(keys)) >= 5
    assert files[0] == files[1]


def test_retracted_titles_cannot_run_as_formulas(db):
    rows = csv_rows(run("export", KRATOM).stdout)
    retracted = next(r for r in rows if r["PMID"] == RETRACTED.pmid)
    assert retracted["Title"] == "'" + RETRACTED.title
    assert retracted["Retracted"] == "Yes"
    assert rows[-1]["PMID"] == RETRACTED.pmid  # retracted papers go last, as in `search`


def test_no_network_is_touched(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("export reached for the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert run("export", "--format", "ris").exit_code == 0


def test_filters_that_match_nothing_give_an_empty_export(db, tmp_path):
    out = tmp_path / "none.csv"
    result = run("export", MELATONIN, "--design", "guideline", "-o", str(out))
    assert result.exit_code == 0
    assert "no cached papers match" in result.stderr
    assert out.read_bytes() == (",".join(pubmed_csv.csv_header()) + "\r\n").encode()


# -- bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "xls"], EXIT_USAGE, "'xls' is not one of"),
        (["no-such-query"], EXIT_USAGE, "unknown query 'no-such-query'"),
        (["-o", "{tmp}/missing/out.csv"], EXIT_USAGE, "folder {tmp}/missing does not exist"),
        (["-o", "{tmp}"], EXIT_USAGE, "output path {tmp} is a folder"),
        (["-o", "{tmp}/plain.txt/out.csv"], EXIT_USAGE, "{tmp}/plain.txt is not a folder"),
        (["--format", "ris", "--excel"], EXIT_USAGE, "--excel applies to --format csv"),
        (["--since", "2999"], EXIT_USAGE, "2999 is in the future"),
        (["--design", "anecdote"], EXIT_USAGE, "unknown design 'anecdote'"),
    ],
)
def test_bad_input_is_one_line(db, tmp_path, args, code, message):
    (tmp_path / "plain.txt").write_text("not a folder")
    result = run("export", *(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == code
    assert message.format(tmp=tmp_path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder(db, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run("export", "-o", str(locked / "out.csv"))
    finally:
        locked.chmod(0o700)
    assert result.exit_code == EXIT_USAGE
    assert "permission denied" in result.stderr


def test_a_folder_without_write_access_is_refused_before_any_work(db, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: path != locked and access(path, mode))
    result = run("export", "-o", str(locked / "out.csv"))
    assert result.exit_code == EXIT_USAGE
    assert f"cannot write to folder {locked}: permission denied" in result.stderr


def test_a_refused_write_is_one_line(db, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(service.os, "open", refuse)
    result = run("export", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == EXIT_USAGE
    assert f"cannot write {tmp_path / 'out.csv'}: permission denied" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("fill_with", "names", "message"),
    [
        (None, [], "no cache at"),
        ({}, [], "holds no records yet. run `withdrawal-lit search`"),
        ({KRATOM: (KRATOM_RCT,)}, [MELATONIN], f"run `withdrawal-lit search {MELATONIN}`"),
    ],
)
def test_empty_cache_says_how_to_fill_it(isolated, fill_with, names, message):
    if fill_with is not None:
        fill(isolated / "cache.sqlite3", fill_with)
    out = isolated / "out.csv"
    result = run("export", *names, "-o", str(out))
    assert result.exit_code == EXIT_NOT_FOUND
    assert message.lower() in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert not out.exists()  # nothing is written when there is nothing to export


# -- atomic replacement ----------------------------------------------------------------------
def test_a_failure_mid_write_keeps_the_old_file(db, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "kratom.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    real = service.load_items

    def failing(store, query, ranked, chunk=500, **how):
        for count, item in enumerate(real(store, query, ranked, chunk, **how)):
            if count == 3:
                raise CacheError("cache read failed mid-export")
            yield item

    monkeypatch.setattr(service, "load_items", failing)
    result = run("export", "-o", str(out))
    assert result.exit_code == EXIT_CACHE
    assert "cache read failed mid-export" in result.stderr
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert os.listdir(folder) == ["kratom.csv"]  # no temporary file left behind


def test_an_interrupted_export_keeps_the_old_file(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "library.ris"
    out.write_text("ER  - \n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), service.atomic_output(out) as stream:
        stream.write("TY  - JOUR\n" * 1000)
        raise KeyboardInterrupt
    assert out.read_text(encoding="utf-8") == "ER  - \n"
    assert os.listdir(folder) == ["library.ris"]


def test_an_existing_file_is_replaced_keeping_its_permissions(db, tmp_path):
    out = tmp_path / "shared.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert run("export", MELATONIN, "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert {r["PMID"] for r in rows} == {MELATONIN_RATS.pmid, KRATOM_RCT.pmid}


def test_dash_means_stdout(db):
    result = run("export", MELATONIN, "--format", "jsonl", "-o", "-")
    assert result.exit_code == 0
    assert {json.loads(line)["pmid"] for line in result.stdout.splitlines()} == {
        MELATONIN_RATS.pmid,
        KRATOM_RCT.pmid,
    }


def test_bibtex_keys_are_unique_and_suffixed_in_export_order(db):
    library = bibtexparser.parse_string(run("export", "--format", "bibtex").stdout)
    keys = {e.fields_dict["pmid"].value: e.key for e in library.entries}
    assert len(set(keys.values())) == len(keys)
    order = [r["PMID"] for r in csv_rows(run("export", "--dedupe").stdout)]
    first, second = sorted((SAME_KEY.pmid, SAME_KEY_TOO.pmid), key=order.index)
    assert keys[first] == "smith2023kratom"
    assert keys[second] == f"smith2023kratom-{second}"
    assert keys[KRATOM_RCT.pmid] == "muller2019kratom"
