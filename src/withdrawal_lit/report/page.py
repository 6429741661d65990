"""The report page (pure: data in, HTML string out): header, contents, a section per question
(search, designs, years, retractions, ranked papers, registered trials, log) and the notes."""

from __future__ import annotations

from withdrawal_lit.paper import Paper
from withdrawal_lit.report.charts import hbar_chart, vbar_chart, year_bars
from withdrawal_lit.report.html_text import (
    digits,
    esc,
    fragment_id,
    journal_year,
    percent,
    pubmed_link,
)
from withdrawal_lit.report.model import Report, Section
from withdrawal_lit.report.style import CSS
from withdrawal_lit.timestamps import when

NO_RECORDS = '<p class="muted">The cache holds no records of this search that match.</p>'


def render(report: Report) -> str:
    """The whole page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="withdrawal-lit {esc(report.version)}">',
        f"<title>{esc(report.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#contents">Skip to contents</a>',
        "<header>",
        f"<h1>{esc(report.title)}</h1>",
        f'<p class="lede">{_header_text(report)}</p>',
        "</header>",
        "<main>",
        _toc(report),
        *(_section(s) for s in report.sections),
        _about(report),
        "</main>",
        "<footer>",
        f"<p>Generated {esc(when(report.generated_at))} by withdrawal-lit {esc(report.version)}. "
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
        f"Generated {esc(when(report.generated_at))} by withdrawal-lit {esc(report.version)} "
        "from its local cache."
    )


def _toc(report: Report) -> str:
    items = []
    for s in report.sections:
        retracted = f", {len(s.retractions)} retracted" if s.retractions else ""
        items.append(
            f'<li><a href="#{fragment_id(s.name)}">{esc(s.title)}</a> '
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
    sid = fragment_id(s.name)
    return "\n".join(
        [
            f'<section id="{sid}" aria-labelledby="{sid}-h">',
            f'<h2 id="{sid}-h">{esc(s.title)}</h2>',
            f'<p class="muted">Query <code>{esc(s.name)}</code></p>',
            f'<p class="question"><strong>Question:</strong> {esc(s.question)}</p>'
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
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts if v)
    out = [
        f'<h3 id="{sid}-search">PubMed search</h3>',
        f'<pre class="term" aria-label="Exact PubMed term">{esc(s.term)}</pre>',
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
            f'<pre class="term translation">{esc(s.translation)}</pre>'
        )
    if len(s.versions) > 1:
        items = "".join(
            f"<li><p><strong>Version {v.number}</strong> "
            f'<span class="muted">used {esc(v.first_used[:10])} to {esc(v.last_used[:10])}, '
            f"{v.runs} run{'s' if v.runs != 1 else ''}</span></p>"
            f'<pre class="term old">{esc(v.term)}</pre></li>'
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
        f'<tr><th scope="row">{esc(b.label)}</th><td class="num">{b.value}</td>'
        f'<td class="num">{percent(b.value, total)}</td></tr>'
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
        f'<li><span class="flag">RETRACTED</span> '
        f'<a href="{pubmed_link(r.pmid)}">{esc(r.title)}</a> '
        f'<span class="muted">{esc(journal_year(r.journal, r.year))} · '
        f"PMID {esc(r.pmid)}</span></li>"
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
    pid = f"{sid}-pmid-{digits(a.pmid)}"
    level = d.design.level if d.design.level is not None else 6
    flags = ""
    if d.retracted:
        flags += ' <span class="flag">RETRACTED</span>'
    if d.expression_of_concern:
        flags += ' <span class="flag concern">EXPRESSION OF CONCERN</span>'
    facts = [p.venue or "", f"n = {d.sample_size}" if d.sample_size else ""]
    if d.population and d.population not in ("human", "unknown"):
        facts.append(d.population)
    meta = " · ".join(esc(f) for f in facts if f)
    return (
        f'<li value="{p.rank}" class="paper{" retracted" if d.retracted else ""}">'
        f'<article aria-labelledby="{pid}">'
        f'<p class="tags"><span class="rank">#{p.rank}</span> '
        f'<span class="badge l{level}">{esc(d.design.label)}'
        f'<span class="level"> · level {level}</span></span> '
        f'<span class="year">{esc(str(a.year or "year unknown"))}</span>{flags}</p>'
        f'<h4 id="{pid}"><a href="{pubmed_link(a.pmid)}">{esc(a.title or "(no title)")}</a></h4>'
        f'<p class="meta">{meta}{" · " if meta else ""}'
        f'<a href="{pubmed_link(a.pmid)}" aria-label="PubMed record {esc(a.pmid)}">'
        f"PMID {esc(a.pmid)}</a>"
        "</p>"
        f'<p class="bottom"><strong>Bottom line:</strong> {esc(p.bottom_line)}</p>'
        "</article></li>"
    )


def _log_block(s: Section, sid: str) -> str:
    head = f'<h3 id="{sid}-log">Search log</h3>'
    if not s.log:
        return head + '<p class="muted">This query has not been searched yet.</p>'
    rows = "".join(
        f'<tr><th scope="row" class="nowrap">{esc(when(e.at, utc=False))}</th>'
        f'<td data-label="Mode">{esc(e.mode)}</td>'
        f'<td class="num" data-label="Term version">{e.term_version}</td>'
        f'<td class="num" data-label="Count">{"" if e.count is None else e.count}</td>'
        f'<td class="num" data-label="New">{e.new}</td>'
        f'<td class="num" data-label="Revised">{e.revised}</td>'
        f'<td class="num" data-label="Gone">{e.gone}</td>'
        f'<td data-label="Tool version">{esc(e.version or "")}</td>'
        f'<td data-label="NCBI warnings">{esc("; ".join(e.warnings))}</td></tr>'
        for e in s.log
    )
    return (
        f"{head}<p>Every run of this query, newest first: PubMed’s count, records new to the "
        "query, revised by PubMed, and no longer returned.</p>"
        f'<div class="scroll data" role="region" aria-labelledby="{sid}-log-cap" tabindex="0">'
        f'<table class="log"><caption id="{sid}-log-cap">Search log of {esc(s.name)}</caption>'
        '<thead><tr><th scope="col">When (UTC)</th><th scope="col">Mode</th>'
        '<th scope="col" class="num">Term version</th><th scope="col" class="num">Count</th>'
        '<th scope="col" class="num">New</th><th scope="col" class="num">Revised</th>'
        '<th scope="col" class="num">Gone</th><th scope="col">Tool version</th>'
        '<th scope="col">NCBI warnings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _about(report: Report) -> str:
    ranking = f"<p>{esc(report.ranking)}</p>" if report.ranking else ""
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


def _registers(report: Report) -> str:
    return " and ClinicalTrials.gov" if any(s.trials_html for s in report.sections) else ""
