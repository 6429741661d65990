"""The evidence report as one self-contained HTML page (pure: data in, string out).

People put this evidence into protocols, grants, guidelines and reviews, so the page shows what
a reader needs to check it: each question with its exact PubMed term, what the search found
(by study design and by year), retractions, the ranked papers with a link to PubMed for each,
and the search log. It has to work wherever it is opened or sent: inline CSS and inline SVG,
no scripts, no fonts or images from the network; readable on a phone and on paper; every chart
carries its numbers as text (aria-label and a visible table). Every piece of text that comes
from PubMed, a query file or the cache is escaped, so a title cannot inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from math import ceil

from withdrawal_lit.paper import Paper
from withdrawal_lit.timestamps import when

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
NO_RECORDS = '<p class="muted">The cache holds no records of this search that match.</p>'


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class Retraction:
    pmid: str
    title: str
    year: int | None
    journal: str | None


@dataclass(frozen=True)
class LogLine:
    at: str
    mode: str
    term_version: int
    count: int | None
    new: int
    revised: int
    gone: int
    version: str | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermVersion:
    number: int
    term: str
    first_used: str
    last_used: str
    runs: int


@dataclass
class Section:
    """One question and everything the cache knows about its search."""

    name: str
    title: str
    question: str
    term: str  # as sent to PubMed at the last search
    translation: str | None = None
    count: int | None = None  # PubMed's Count at the last full search
    last_searched: str | None = None
    records: int = 0  # cached records the query returns (after --since)
    designs: list[Bar] = field(default_factory=list)  # strongest design first
    years: dict[int, int] = field(default_factory=dict)
    unknown_year: int = 0
    retractions: list[Retraction] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)  # ranked (each has its rank)
    log: list[LogLine] = field(default_factory=list)  # newest first
    versions: list[TermVersion] = field(default_factory=list)
    term_changed: bool = False  # the query file's term differs from the one searched
    trials_html: str = ""  # the registered trials block (withdrawal_lit.trial_report)


@dataclass
class Report:
    generated_at: str  # UTC, ISO 8601
    version: str
    sections: list[Section]
    limit: int | None = None
    since: int | None = None
    ranking: str = ""  # how papers are ranked, one sentence
    title: str = "Evidence report: melatonin and kratom for opioid withdrawal"


def render(report: Report) -> str:
    """The whole page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="withdrawal-lit {_e(report.version)}">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#contents">Skip to contents</a>',
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="lede">{_header_text(report)}</p>',
        "</header>",
        "<main>",
        _toc(report),
        *(_section(s) for s in report.sections),
        _about(report),
        "</main>",
        "<footer>",
        f"<p>Generated {_e(when(report.generated_at))} by withdrawal-lit {_e(report.version)}. "
        f"Data: PubMed{_registers(report)}, U.S. National Library of Medicine.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# -- page parts ------------------------------------------------------------------------------
def _header_text(report: Report) -> str:
    papers = "all papers" if report.limit is None else f"the top {report.limit} papers"
    since = f" published in {report.since} or later" if report.since else ""
    return (
        f"{len(report.sections)} question{'s' if len(report.sections) != 1 else ''} searched in "
        f"PubMed; {papers}{since} per question, ranked by relevance and strength of evidence. "
        f"Generated {_e(when(report.generated_at))} by withdrawal-lit {_e(report.version)} "
        "from its local cache."
    )


def _toc(report: Report) -> str:
    items = []
    for s in report.sections:
        retracted = f", {len(s.retractions)} retracted" if s.retractions else ""
        items.append(
            f'<li><a href="#{_id(s.name)}">{_e(s.title)}</a> '
            f'<span class="muted">({s.records} record{"s" if s.records != 1 else ""}'
            f"{retracted})</span></li>"
        )
    items.append('<li><a href="#about">About this report</a></li>')
    return (
        '<nav id="contents" aria-labelledby="contents-h">'
        '<h2 id="contents-h">Contents</h2>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


def _section(s: Section) -> str:
    sid = _id(s.name)
    return "\n".join(
        [
            f'<section id="{sid}" aria-labelledby="{sid}-h">',
            f'<h2 id="{sid}-h">{_e(s.title)}</h2>',
            f'<p class="muted">Query <code>{_e(s.name)}</code></p>',
            f'<p class="question"><strong>Question:</strong> {_e(s.question)}</p>'
            if s.question
            else "",
            _search_block(s, sid),
            _designs_block(s, sid),
            _years_block(s, sid),
            _retractions_block(s, sid),
            _papers_block(s, sid),
            s.trials_html,
            _log_block(s, sid),
            "</section>",
        ]
    )


def _search_block(s: Section, sid: str) -> str:
    facts = [
        ("Database", "PubMed/MEDLINE (NCBI E-utilities)"),
        ("Last searched", when(s.last_searched) if s.last_searched else "never"),
        ("PubMed results", "" if s.count is None else f"{s.count} (at the last full search)"),
        ("Records in this report", str(s.records)),
    ]
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts if v)
    out = [
        f'<h3 id="{sid}-search">PubMed search</h3>',
        f'<pre class="term" aria-label="Exact PubMed term">{_e(s.term)}</pre>',
        f'<dl class="facts">{rows}</dl>',
    ]
    if s.term_changed:
        out.append(
            '<p class="note">The query file’s term has changed since this search; the numbers '
            "below are for the term shown, the one last sent to PubMed.</p>"
        )
    if s.translation:
        out.append(
            "<p><strong>How PubMed read it</strong> (query translation):</p>"
            f'<pre class="term translation">{_e(s.translation)}</pre>'
        )
    if len(s.versions) > 1:
        items = "".join(
            f"<li><p><strong>Version {v.number}</strong> "
            f'<span class="muted">used {_e(v.first_used[:10])} to {_e(v.last_used[:10])}, '
            f"{v.runs} run{'s' if v.runs != 1 else ''}</span></p>"
            f'<pre class="term old">{_e(v.term)}</pre></li>'
            for v in s.versions
        )
        out.append(
            f'<h4 id="{sid}-versions">Every version of the term, oldest first</h4>'
            f'<ol class="versions">{items}</ol>'
        )
    return "\n".join(out)


def _designs_block(s: Section, sid: str) -> str:
    head = f'<h3 id="{sid}-designs">Study designs</h3>'
    if not s.designs:
        return head + NO_RECORDS
    total = sum(b.value for b in s.designs)
    rows = "".join(
        f'<tr><th scope="row">{_e(b.label)}</th><td class="num">{b.value}</td>'
        f'<td class="num">{_percent(b.value, total)}</td></tr>'
        for b in s.designs
    )
    table = (
        f'<div class="data" role="region" aria-labelledby="{sid}-designs-cap" tabindex="0">'
        f'<table class="designs"><caption id="{sid}-designs-cap">Records by study design '
        "(data of the chart)</caption>"
        '<thead><tr><th scope="col">Design</th><th scope="col" class="num">Records</th>'
        '<th scope="col" class="num">Share</th></tr></thead>'
        f'<tbody>{rows}</tbody><tfoot><tr><th scope="row">Total</th>'
        f'<td class="num">{total}</td><td class="num">100%</td></tr></tfoot></table></div>'
    )
    label = "Records by study design: " + "; ".join(f"{b.label} {b.value}" for b in s.designs)
    chart = hbar_chart(s.designs, label, f"{sid}-designs-chart")
    return f'{head}<div class="figure">{chart}{table}</div>'


def _years_block(s: Section, sid: str) -> str:
    head = f'<h3 id="{sid}-years">Publication years</h3>'
    if not s.years and not s.unknown_year:
        return head + NO_RECORDS
    rows = "".join(
        f'<tr><th scope="row">{year}</th><td class="num">{n}</td></tr>'
        for year, n in sorted(s.years.items(), reverse=True)
    )
    if s.unknown_year:
        rows += f'<tr><th scope="row">Unknown</th><td class="num">{s.unknown_year}</td></tr>'
    table = (
        f'<div class="data" role="region" aria-labelledby="{sid}-years-cap" tabindex="0">'
        f'<table class="years"><caption id="{sid}-years-cap">Records by publication year, '
        "newest first (data of the chart)</caption>"
        '<thead><tr><th scope="col">Year</th><th scope="col" class="num">Records</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></div>"
    )
    bars = year_bars(s.years)
    label = "Records by publication year: " + "; ".join(f"{b.label} {b.value}" for b in bars)
    if s.unknown_year:
        label += f"; year unknown {s.unknown_year}"
    chart = vbar_chart(bars, label, f"{sid}-years-chart") if bars else ""
    return f'{head}<div class="figure">{chart}{table}</div>'


def _retractions_block(s: Section, sid: str) -> str:
    head = f'<h3 id="{sid}-retractions">Retractions</h3>'
    if not s.records:
        return head + NO_RECORDS
    if not s.retractions:
        return (
            f"{head}<p>None of the {s.records} record{'s' if s.records != 1 else ''} is "
            "flagged as retracted in PubMed.</p>"
        )
    items = "".join(
        f'<li><span class="flag">RETRACTED</span> <a href="{_url(r.pmid)}">{_e(r.title)}</a> '
        f'<span class="muted">{_e(_join(r.journal, r.year))} · PMID {_e(r.pmid)}</span></li>'
        for r in s.retractions
    )
    n = len(s.retractions)
    return (
        f"{head}<p>{n} of the {s.records} records {'is' if n == 1 else 'are'} flagged as "
        f"retracted in PubMed. Do not cite {'it' if n == 1 else 'them'} as evidence; the ranked "
        f"list puts {'it' if n == 1 else 'them'} last.</p>"
        f'<ul class="retractions">{items}</ul>'
    )


def _papers_block(s: Section, sid: str) -> str:
    head = f'<h3 id="{sid}-papers">Ranked papers</h3>'
    if not s.papers:
        return head + NO_RECORDS
    shown = f"The top {len(s.papers)} of {s.records}" if len(s.papers) < s.records else "All"
    intro = (
        f"<p>{shown} records, ranked by relevance to the question and strength of evidence "
        '(see <a href="#about">About this report</a>).</p>'
    )
    return f'{head}{intro}<ol class="papers">{"".join(_paper(p, sid) for p in s.papers)}</ol>'


def _paper(p: Paper, sid: str) -> str:
    a, d = p.article, p.assessment
    pid = f"{sid}-pmid-{_digits(a.pmid)}"
    level = d.design.level if d.design.level is not None else 6
    flags = ""
    if d.retracted:
        flags += ' <span class="flag">RETRACTED</span>'
    if d.expression_of_concern:
        flags += ' <span class="flag concern">EXPRESSION OF CONCERN</span>'
    facts = [p.venue or "", f"n = {d.sample_size}" if d.sample_size else ""]
    if d.population and d.population not in ("human", "unknown"):
        facts.append(d.population)
    meta = " · ".join(_e(f) for f in facts if f)
    return (
        f'<li value="{p.rank}" class="paper{" retracted" if d.retracted else ""}">'
        f'<article aria-labelledby="{pid}">'
        f'<p class="tags"><span class="rank">#{p.rank}</span> '
        f'<span class="badge l{level}">{_e(d.design.label)}'
        f'<span class="level"> · level {level}</span></span> '
        f'<span class="year">{_e(str(a.year or "year unknown"))}</span>{flags}</p>'
        f'<h4 id="{pid}"><a href="{_url(a.pmid)}">{_e(a.title or "(no title)")}</a></h4>'
        f'<p class="meta">{meta}{" · " if meta else ""}'
        f'<a href="{_url(a.pmid)}" aria-label="PubMed record {_e(a.pmid)}">PMID {_e(a.pmid)}</a>'
        "</p>"
        f'<p class="bottom"><strong>Bottom line:</strong> {_e(p.bottom_line)}</p>'
        "</article></li>"
    )


def _log_block(s: Section, sid: str) -> str:
    head = f'<h3 id="{sid}-log">Search log</h3>'
    if not s.log:
        return head + '<p class="muted">This query has not been searched yet.</p>'
    rows = "".join(
        f'<tr><th scope="row" class="nowrap">{_e(when(e.at, utc=False))}</th>'
        f'<td data-label="Mode">{_e(e.mode)}</td>'
        f'<td class="num" data-label="Term version">{e.term_version}</td>'
        f'<td class="num" data-label="Count">{"" if e.count is None else e.count}</td>'
        f'<td class="num" data-label="New">{e.new}</td>'
        f'<td class="num" data-label="Revised">{e.revised}</td>'
        f'<td class="num" data-label="Gone">{e.gone}</td>'
        f'<td data-label="Tool version">{_e(e.version or "")}</td>'
        f'<td data-label="NCBI warnings">{_e("; ".join(e.warnings))}</td></tr>'
        for e in s.log
    )
    return (
        f"{head}<p>Every run of this query, newest first: PubMed’s count, records new to the "
        "query, revised by PubMed, and no longer returned.</p>"
        f'<div class="scroll data" role="region" aria-labelledby="{sid}-log-cap" tabindex="0">'
        f'<table class="log"><caption id="{sid}-log-cap">Search log of {_e(s.name)}</caption>'
        '<thead><tr><th scope="col">When (UTC)</th><th scope="col">Mode</th>'
        '<th scope="col" class="num">Term version</th><th scope="col" class="num">Count</th>'
        '<th scope="col" class="num">New</th><th scope="col" class="num">Revised</th>'
        '<th scope="col" class="num">Gone</th><th scope="col">Tool version</th>'
        '<th scope="col">NCBI warnings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _about(report: Report) -> str:
    ranking = f"<p>{_e(report.ranking)}</p>" if report.ranking else ""
    return (
        '<section id="about" aria-labelledby="about-h"><h2 id="about-h">About this report</h2>'
        "<p>Each question is a curated PubMed search run through NCBI’s E-utilities; every "
        "record it returned is kept in a local cache, and every run is logged with the exact "
        "term sent, PubMed’s count and its query translation. Study designs are classified "
        "from PubMed publication types, MeSH and the abstract; bottom lines are sentences "
        "taken from the abstract, not appraisals. Check each paper before relying on it.</p>"
        f"{ranking}"
        "<p>This page is self-contained: it loads nothing from the network. Links go to "
        "PubMed.</p></section>"
    )


# -- charts ---------------------------------------------------------------------------------
def hbar_chart(bars: Sequence[Bar], label: str, chart_id: str) -> str:
    """Horizontal bars, each labelled above and valued at its end: long labels need no room."""
    width, row, bar_h, left = 340, 38, 14, 2
    height = row * len(bars) + 2
    top = max((b.value for b in bars), default=0) or 1
    span = width - left - 48
    shapes = []
    for i, b in enumerate(bars):
        y = i * row
        w = max(b.value / top * span, 1 if b.value else 0)
        shapes.append(
            f'<text x="{left}" y="{y + 14}" class="lbl">{_e(b.label)}</text>'
            f'<rect x="{left}" y="{y + 19}" width="{w:.1f}" height="{bar_h}" class="bar">'
            f"<title>{_e(b.label)}: {b.value}</title></rect>"
            f'<text x="{left + w + 5:.1f}" y="{y + 31}" class="val">{b.value}</text>'
        )
    return _svg(chart_id, label, width, height, "".join(shapes))


def vbar_chart(bars: Sequence[Bar], label: str, chart_id: str) -> str:
    """Vertical bars over consecutive years, with a zero line and a labelled maximum."""
    width, height = 360, 190
    left, right, top_pad, bottom = 30, 6, 14, 24
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((b.value for b in bars), default=0) or 1
    slot = plot_w / len(bars)
    step = _label_step(len(bars))
    shapes = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" '
        f'y2="{top_pad + plot_h}" class="axis"/>',
        f'<line x1="{left}" y1="{top_pad}" x2="{width - right}" y2="{top_pad}" class="grid"/>',
        f'<text x="{left - 4}" y="{top_pad + 4}" class="tick end">{top}</text>',
        f'<text x="{left - 4}" y="{top_pad + plot_h + 4}" class="tick end">0</text>',
    ]
    for i, b in enumerate(bars):
        h = b.value / top * plot_h
        x = left + i * slot + slot * 0.1
        shapes.append(
            f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{slot * 0.8:.1f}" '
            f'height="{h:.1f}" class="bar"><title>{_e(b.label)}: {b.value}</title></rect>'
        )
        if i % step == 0:
            shapes.append(
                f'<text x="{x + slot * 0.4:.1f}" y="{height - 8}" class="tick mid">'
                f"{_e(b.label)}</text>"
            )
        if len(bars) <= 16 and b.value:
            shapes.append(
                f'<text x="{x + slot * 0.4:.1f}" y="{top_pad + plot_h - h - 3:.1f}" '
                f'class="tick mid">{b.value}</text>'
            )
    return _svg(chart_id, label, width, height, "".join(shapes))


def year_bars(years: dict[int, int]) -> list[Bar]:
    """One bar per year from the first to the last, empty years included (an honest axis)."""
    if not years:
        return []
    first, last = min(years), max(years)
    return [Bar(str(y), years.get(y, 0)) for y in range(first, last + 1)]


def _label_step(n: int) -> int:
    """Label every year, or every 2nd/5th/10th..., so at most about 8 labels fit."""
    for step in (1, 2, 5, 10, 20, 50):
        if ceil(n / step) <= 8:
            return step
    return 100


def _svg(chart_id: str, label: str, width: int, height: int, body: str) -> str:
    return (
        f'<svg id="{chart_id}" class="chart" role="img" aria-label="{_e(label)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{_e(label)}</title>{body}</svg>"
    )


# -- helpers --------------------------------------------------------------------------------
def _registers(report: Report) -> str:
    return " and ClinicalTrials.gov" if any(s.trials_html for s in report.sections) else ""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _id(text: str) -> str:
    """A safe fragment id made of the name (query names are already [a-z0-9-])."""
    return "q-" + (re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "x")


def _digits(pmid: str) -> str:
    return re.sub(r"\D", "", pmid)


def _url(pmid: str) -> str:
    return _e(PUBMED_URL.format(pmid=_digits(pmid)))


def _join(journal: str | None, year: int | None) -> str:
    return ", ".join(str(x) for x in (journal, year) if x)


def _percent(value: int, total: int) -> str:
    return f"{round(100 * value / total)}%" if total else "0%"


CSS = """
:root{--ink:#1b1f24;--muted:#4d5661;--line:#c9d1d9;--soft:#f3f5f7;--accent:#0a4f8f;
--bar:#2c5d8a;--bad:#a3001b;--bad-soft:#fff4f5}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:62rem;padding:1rem 1rem 3rem;color:var(--ink);background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.35rem;line-height:1.3;margin:2.5rem 0 .5rem;padding-top:.75rem;
border-top:3px solid var(--accent)}
h3{font-size:1.1rem;margin:1.75rem 0 .5rem}
h4{font-size:1rem;line-height:1.35;margin:.2rem 0}
a{color:var(--accent);text-underline-offset:.15em}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid #b36b00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.lede{color:var(--muted);margin:.25rem 0 1rem}
.muted{color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre.term{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0;padding:.6rem .75rem;
background:var(--soft);border-left:4px solid var(--accent);font-size:.85rem;line-height:1.45;
font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.translation{border-left-color:var(--line);font-size:.78rem}
pre.old{border-left-color:var(--line)}
ol.versions{list-style:none;padding:0}ol.versions p{margin:.5rem 0 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.note{background:#fff8e1;border-left:4px solid #b36b00;padding:.5rem .75rem}
nav ol{padding-left:1.5rem}nav li{margin:.2rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0;color:var(--muted);font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
thead th{border-bottom:2px solid var(--ink)}
tfoot th,tfoot td{border-top:2px solid var(--line);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}
.scroll{overflow-x:auto}
.figure{display:grid;grid-template-columns:1fr;gap:.75rem 1.5rem;align-items:start}
svg.chart{display:block;width:100%;max-width:26rem;height:auto;font-family:inherit}
svg .bar{fill:var(--bar)}svg .axis{stroke:var(--ink);stroke-width:1}
svg .grid{stroke:var(--line);stroke-dasharray:3 3}
svg .lbl{font-size:13px;fill:var(--ink)}svg .val{font-size:13px;font-weight:600;fill:var(--ink)}
svg .tick{font-size:12px;fill:var(--muted)}svg .mid{text-anchor:middle}svg .end{text-anchor:end}
ol.papers{list-style:none;padding:0;margin:0}
ol.papers>li{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
ol.papers>li.retracted{border:2px solid var(--bad);background:var(--bad-soft)}
.tags{margin:0;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.rank{font-weight:700}
.badge{padding:.05rem .45rem;border-radius:3px;border:1px solid var(--line)}
.badge.l1{background:#dcefdc;border-color:#6fa36f}.badge.l2{background:#e6f3e0;border-color:#8ab88a}
.badge.l3{background:#fff3c4;border-color:#c9a400}.badge.l4{background:#fde4cf;border-color:#d08a4c}
.badge.l5{background:#efe3f5;border-color:#a57bbf}.badge.l6{background:#eceff1}
.level{color:var(--muted)}
.flag{background:var(--bad);color:#fff;font-weight:700;font-size:.78rem;letter-spacing:.04em;
padding:.05rem .4rem;border-radius:3px}
.flag.concern{background:#7a3e00}
.meta{margin:.15rem 0;font-size:.88rem;color:var(--muted)}
.bottom{margin:.35rem 0 0}
ul.retractions{padding-left:1.2rem}ul.retractions li{margin:.3rem 0}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:40rem){
table.log thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.log,table.log tbody,table.log tr,table.log th,table.log td{display:block}
table.log tr{border-bottom:1px solid var(--line);padding:.35rem 0}
table.log th,table.log td{border:0;padding:.05rem .25rem;text-align:left}
table.log td{display:flex;gap:.5rem}
table.log td::before{content:attr(data-label);min-width:7.5rem;color:var(--muted)}
table.log td:empty{display:none}
table.log caption{display:block}
}
@media (min-width:48rem){
body{padding:1.5rem 2rem 3rem}
.data{max-height:24rem;overflow:auto}
h1{font-size:2rem}
.figure{grid-template-columns:minmax(0,3fr) minmax(13rem,2fr)}
}
@media print{
@page{margin:15mm}
body{max-width:none;padding:0;font-size:10pt}
.skip{display:none}
a{color:inherit}
.data,.scroll{max-height:none;overflow:visible}
.figure{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}
section{break-before:page}
h2,h3,h4{break-after:avoid}
ol.papers>li,tr,.figure,svg{break-inside:avoid}
ol.papers>li.retracted{background:none}
.flag{border:1px solid #000}
}
"""
