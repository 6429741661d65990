"""The HTML evidence report: escaping, structure, accessibility, numbers, atomic writing, browser.

The charts' numbers are read back out of the page (data tables, aria-labels, bar titles) and
compared with SQL counts over the cache, first from our own HTML and then from the DOM a real
headless Chromium builds, which also proves that no injected markup became an element.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from provenance_cache import (
    KRATOM,
    MELATONIN,
    SHIPPED,
    XSS_ABSTRACT,
    XSS_TITLE,
)

from withdrawal_lit import report
from withdrawal_lit.design import DESIGNS, assess
from withdrawal_lit.errors import OutputError
from withdrawal_lit.paper import Paper
from withdrawal_lit.pubmed_term import term_hash
from withdrawal_lit.records import Article
from withdrawal_lit.report.charts import vbar_chart, year_bars
from withdrawal_lit.report.page import NO_RECORDS
from withdrawal_lit.report.style import CSS
from withdrawal_lit.services import report as report_service
from withdrawal_lit.store import Store
from withdrawal_lit.summarize import Summary

GENERATED = "2025-01-04T08:00:00Z"
HASHES = {q.name: term_hash(q.term) for q in SHIPPED.values()}


class Page(HTMLParser):
    """What the tests read from a page: element counts, ids, links, headings, tables, charts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []  # src= attributes (there must be none)
        self.headings: list[tuple[int, str]] = []
        self.tables: dict[str, list[list[tuple[str, str | None, str]]]] = {}  # by caption id
        self.charts: dict[str, dict] = {}  # by svg id: aria-label, role, bar titles
        self._rect = False
        self._table: list | None = None
        self._caption: str | None = None
        self._cell: list | None = None
        self._heading: list | None = None
        self._chart: str | None = None
        self._title: list | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "rect":
            self._rect = True
        if "id" in a:
            self.ids.append(a["id"])
        if "src" in a:
            self.sources.append(a["src"])
        if tag == "a":
            self.links.append(a.get("href", ""))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "table":
            self._table, self._caption = [], None
        elif tag == "caption":
            self._caption = a.get("id", "")
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("th", "td") and self._table is not None:
            self._cell = [tag, a.get("scope"), ""]
        elif tag == "svg":
            self._chart = a.get("id", "")
            self.charts[self._chart] = {
                "label": a.get("aria-label"),
                "role": a.get("role"),
                "bars": [],
            }
        elif tag == "title" and self._chart is not None:
            self._title = [""]

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] += 1

    def handle_endtag(self, tag):
        if tag == "rect":
            self._rect = False
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        elif tag in ("th", "td") and self._cell is not None:
            self._table[-1].append((self._cell[0], self._cell[1], " ".join(self._cell[2].split())))
            self._cell = None
        elif tag == "table" and self._table is not None:
            self.tables[self._caption or f"table{len(self.tables)}"] = self._table
            self._table = None
        elif tag == "title" and self._title is not None:
            if self._rect:
                self.charts[self._chart]["bars"].append(self._title[0])
            self._title = None
        elif tag == "svg":
            self._chart = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._cell is not None:
            self._cell[2] += data
        if self._title is not None:
            self._title[0] += data

    def rows(self, caption_id: str) -> dict[str, str]:
        """A two-or-more-column data table as {row header: first value}, body rows only."""
        out = {}
        for row in self.tables[caption_id]:
            if row and row[0][0] == "th" and row[0][1] == "row" and row[0][2] != "Total":
                out[row[0][2]] = row[1][2]
        return out


# -- SQL the page must agree with ----------------------------------------------------------
def sql_designs(store: Store, query: str, since: int | None = None) -> dict[str, int]:
    rows = store.conn.execute(
        "SELECT r.design, count(*) FROM records r WHERE r.pmid IN "
        "(SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL) AND coalesce(r.year, 0) "
        ">= ? GROUP BY r.design",
        (query, since or 0),
    )
    return {DESIGNS[slug].label: n for slug, n in rows}


def sql_years(store: Store, query: str, since: int | None = None) -> dict[str, int]:
    rows = store.conn.execute(
        "SELECT r.year, count(*) FROM records r WHERE r.pmid IN "
        "(SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL) AND coalesce(r.year, 0) "
        ">= ? GROUP BY r.year",
        (query, since or 0),
    )
    return {str(year) if year else "Unknown": n for year, n in rows}


def label_values(label: str) -> dict[str, int]:
    """'Records by study design: Animal study 1; Case report 2' -> {'Animal study': 1, ...}."""
    body = label.split(": ", 1)[1]
    return {m[1]: int(m[2]) for m in (re.fullmatch(r"(.+) (\d+)", p) for p in body.split("; "))}


def check_numbers(page: Page, store: Store, query: str, since: int | None = None) -> None:
    sid = f"q-{query}"
    designs = sql_designs(store, query, since)
    assert {k: int(v) for k, v in page.rows(f"{sid}-designs-cap").items()} == designs
    assert label_values(page.charts[f"{sid}-designs-chart"]["label"]) == designs
    bars = dict(b.rsplit(": ", 1) for b in page.charts[f"{sid}-designs-chart"]["bars"])
    assert {k: int(v) for k, v in bars.items()} == designs

    years = sql_years(store, query, since)
    assert {k: int(v) for k, v in page.rows(f"{sid}-years-cap").items()} == years
    charted = label_values(page.charts[f"{sid}-years-chart"]["label"])
    unknown = charted.pop("year unknown", 0)
    assert unknown == years.get("Unknown", 0)
    assert {y: n for y, n in charted.items() if n} == {
        y: n for y, n in years.items() if y != "Unknown"
    }
    year_bars = dict(b.rsplit(": ", 1) for b in page.charts[f"{sid}-years-chart"]["bars"])
    assert {k: int(v) for k, v in year_bars.items()} == charted
    known = [int(y) for y in years if y != "Unknown"]
    assert list(charted) == [str(y) for y in range(min(known), max(known) + 1)]  # no gaps


# -- fixtures -----------------------------------------------------------------------------
@pytest.fixture
def html(logged_store) -> str:
    data = report_service.gather(
        logged_store, [KRATOM, MELATONIN], limit=20, current_hashes=HASHES, generated_at=GENERATED
    )
    return report.render(data)


# -- what the page says ---------------------------------------------------------------------
def test_chart_numbers_match_the_cache(html, logged_store):
    page = Page(html)
    for query in (KRATOM.name, MELATONIN.name):
        check_numbers(page, logged_store, query)


@pytest.mark.parametrize("since", [2019, 2023])
def test_since_filters_counts_and_papers_alike(logged_store, since):
    data = report_service.gather(
        logged_store, [KRATOM], limit=None, since=since, generated_at=GENERATED
    )
    page = Page(report.render(data))
    check_numbers(page, logged_store, KRATOM.name, since)
    section = data.sections[0]
    assert all(p.year is not None and p.year >= since for p in section.papers)
    assert len(section.papers) == section.records


def test_every_paper_links_to_pubmed_and_retractions_are_flagged(html, logged_store):
    page = Page(html)
    current = {
        str(r[0])
        for r in logged_store.conn.execute(
            "SELECT pmid FROM hits WHERE query = ? AND gone_since IS NULL", (KRATOM.name,)
        )
    }
    for pmid in current:
        assert f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" in page.links
    kratom = html.split('id="q-melatonin-opioid-withdrawal"')[0]
    assert kratom.count('class="flag">RETRACTED</span>') == 2  # in the list and in the ranking
    assert re.search(r'<li value="8" class="paper retracted">', kratom)  # ranked last


def test_limit_caps_the_ranked_list_not_the_counts(logged_store):
    data = report_service.gather(logged_store, [KRATOM], limit=3, generated_at=GENERATED)
    section = data.sections[0]
    assert [p.rank for p in section.papers] == [1, 2, 3]
    assert section.records == 8
    assert "The top 3 of 8 records" in report.render(data)


def test_the_search_log_and_term_versions_are_shown(html, logged_store):
    page = Page(html)
    logged = logged_store.conn.execute(
        "SELECT count(*) FROM search_log WHERE query = ?", (KRATOM.name,)
    ).fetchone()[0]
    rows = page.tables[f"q-{KRATOM.name}-log-cap"]
    assert len(rows) - 1 == logged  # less the header row
    assert rows[1][0][2] == "2025-01-03 03:00"  # newest first
    assert "Every version of the term, oldest first" in html
    assert "kratom[tiab] AND withdrawal[tiab]" in html  # the first version is kept
    assert "The query file’s term has changed" in html.split(f'id="q-{MELATONIN.name}"')[1]


def test_header_and_footer_say_when_and_with_which_version(html):
    assert "Generated 2025-01-04 08:00 UTC by withdrawal-lit 0.1.0" in html
    assert '<meta name="generator" content="withdrawal-lit 0.1.0">' in html


# -- safety and accessibility ------------------------------------------------------------------
def test_record_text_cannot_inject_markup(html):
    page = Page(html)
    assert page.tags["script"] == 0
    assert page.tags["img"] == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert XSS_TITLE not in html and XSS_ABSTRACT not in html


HOSTILE = '<b onmouseover="x()">&amp;</b>"\''


def hostile_paper(title: str, journal: str, bottom_line: str) -> Paper:
    article = Article(pmid="1", title=title, journal=journal, year=2020)
    return Paper(article, assess(article), Summary((bottom_line,), "conclusions"), rank=1)


@pytest.mark.parametrize(
    "field",
    ["title", "question", "term", "translation", "name", "paper_title", "journal", "bottom_line"],
)
def test_every_text_field_is_escaped(field):
    paper = dict(title="t", journal="j", bottom_line="b")
    section = dict(name="q", title="T", question="Q?", term="a AND b", translation="a AND b")
    if field in ("paper_title", "journal", "bottom_line"):
        paper["title" if field == "paper_title" else field] = HOSTILE
    else:
        section[field] = HOSTILE
    data = report.Report(
        generated_at=GENERATED,
        version="0.1.0",
        sections=[
            report.Section(
                **section,
                records=1,
                designs=[report.Bar(HOSTILE, 1)],
                years={2020: 1},
                papers=[hostile_paper(**paper)],
                retractions=[report.Retraction("1", HOSTILE, 2020, HOSTILE)],
                log=[report.LogLine(GENERATED, "full", 1, 1, 1, 0, 0, "0.1.0", (HOSTILE,))],
            )
        ],
    )
    page = Page(report.render(data))
    assert page.tags["b"] == 0
    assert "onmouseover=" not in report.render(data).replace("onmouseover=&quot;", "")


def test_page_is_self_contained_responsive_and_printable(html):
    page = Page(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "@media (max-width:40rem)" in html
    assert page.sources == [] and page.tags["link"] == 0 and page.tags["script"] == 0
    assert "url(" not in html and "@import" not in html
    external = [h for h in page.links if not h.startswith("#")]
    assert external and all(h.startswith("https://pubmed.ncbi.nlm.nih.gov/") for h in external)
    assert all(h[1:] in page.ids for h in page.links if h.startswith("#"))


def test_page_is_accessible(html):
    page = Page(html)
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))  # no skipped level
    assert len(page.ids) == len(set(page.ids))
    for rows in page.tables.values():
        for row in rows:
            assert all(scope in ("col", "row") for tag, scope, _ in row if tag == "th")
    for chart in page.charts.values():
        assert chart["role"] == "img" and chart["label"].startswith("Records by ")


def test_year_axis_has_no_gaps_and_few_labels():
    bars = year_bars({1990: 2, 2024: 1})
    assert [b.label for b in bars][:2] == ["1990", "1991"] and len(bars) == 35
    svg = vbar_chart(bars, "Records by publication year", "c")
    assert len(re.findall(r'class="tick mid">\d{4}<', svg)) <= 8


# -- writing ------------------------------------------------------------------------------------
def test_build_replaces_the_file_atomically(logged_store, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old report")
    outcome = report_service.build(logged_store, [KRATOM], out, limit=5)
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert (outcome.sections, outcome.papers, outcome.records, outcome.retracted) == (1, 5, 8, 1)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_render_leaves_the_previous_report(logged_store, tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    out.write_text("old report")

    def broken(data):
        raise RuntimeError("render failed")

    monkeypatch.setattr(report, "render", broken)
    with pytest.raises(RuntimeError):
        report_service.build(logged_store, [KRATOM], out)
    assert out.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_unwritable_target_is_refused_before_any_work(logged_store, tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        report_service.build(logged_store, [KRATOM], tmp_path)


# -- a real browser -------------------------------------------------------------------------------
BROWSER = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="no chromium installed")
def test_report_renders_in_a_headless_browser(logged_store, tmp_path):
    out = tmp_path / "report.html"
    report_service.build(logged_store, [KRATOM, MELATONIN], out, current_hashes=HASHES)
    url = out.resolve().as_uri()

    dom = browser(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-500:]
    page = Page(dom.stdout)
    assert page.tags["script"] == 0 and page.tags["img"] == 0  # nothing injected became markup
    for query in (KRATOM.name, MELATONIN.name):
        check_numbers(page, logged_store, query)

    for width in (1200, 400):
        shot = tmp_path / f"shot{width}.png"
        result = browser(tmp_path, f"--screenshot={shot}", f"--window-size={width},2000", url)
        assert result.returncode == 0, result.stderr[-500:]
        assert png_size(shot) == (width, 2000)

    pdf = tmp_path / "report.pdf"
    result = browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
    assert result.returncode == 0, result.stderr[-500:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 3


def test_a_question_with_no_matching_records_still_renders(logged_store):
    data = report_service.gather(logged_store, [KRATOM], since=2025, generated_at=GENERATED)
    html = report.render(data)
    assert data.sections[0].records == 0
    assert html.count(NO_RECORDS) == 4  # designs, years, retractions, papers
    assert Page(html).charts == {}
    assert "Search log of" in html  # the provenance is shown all the same


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


COLOURS = dict(re.findall(r"--([a-z-]+):(#[0-9a-f]{6})", CSS))
BADGES = re.findall(r"\.badge\.l\d\{background:(#[0-9a-f]{6})", CSS)


@pytest.mark.parametrize(
    ("text", "background", "minimum"),
    [
        ("ink", "#ffffff", 4.5),
        ("muted", "#ffffff", 4.5),
        ("muted", "soft", 4.5),
        ("muted", "bad-soft", 4.5),
        ("accent", "#ffffff", 4.5),
        ("#ffffff", "bad", 4.5),
        ("bar", "#ffffff", 3.0),  # a graphical object (WCAG 1.4.11)
        *(("muted", badge, 4.5) for badge in BADGES),
    ],
)
def test_colours_have_enough_contrast(text, background, minimum):
    fg, bg = COLOURS.get(text, text), COLOURS.get(background, background)
    assert _contrast(fg, bg) >= minimum
