"""The registered-trials part of a question's HTML report (pure: returns HTML text).

A question's trials: the register and search expression, counts, a chart of trials by start
year and status (each year's bar split by status, with its data table), and the list of
trials with their status, phase, enrollment, dates, results and linked PMIDs. Unreported
trials carry their flag and its reason. Every value is escaped; no scripts.
"""

from __future__ import annotations

from collections import Counter

from withdrawal_lit.report.html_text import esc
from withdrawal_lit.trial_view import TrialView

# Status order in charts and tables, and a fill per status (a muted palette; the numbers are
# always in the table and in each segment's title as well).
STATUS_ORDER = (
    "RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING",
    "COMPLETED", "TERMINATED", "SUSPENDED", "WITHDRAWN", "UNKNOWN",
)  # fmt: skip
FILLS = ("#2e7d32", "#00838f", "#558b2f", "#1565c0", "#37474f", "#c62828", "#ef6c00",
         "#ad1457", "#9e9e9e", "#6d4c41")  # fmt: skip
NO_YEAR = "no date"


def status_by_year(by_year: Counter) -> tuple[list[str], list[str], Counter]:
    """(years, statuses, counts[(year, status)]) from counts keyed by (start year or None,
    status): years oldest first, 'no date' last."""
    counts: Counter = Counter()
    for (year, status), n in by_year.items():
        counts[(year or NO_YEAR, status)] += n
    years = sorted({y for y, _ in counts if y != NO_YEAR})
    if any(y == NO_YEAR for y, _ in counts):
        years.append(NO_YEAR)
    present = {s for _, s in counts}
    statuses = [s for s in STATUS_ORDER if s in present] + sorted(present - set(STATUS_ORDER))
    return years, statuses, counts


def chart(by_year: Counter, chart_id: str) -> str:
    """Horizontal stacked bars: one per start year, one segment per status."""
    years, statuses, counts = status_by_year(by_year)
    if not years:
        return ""
    fill = {s: FILLS[i % len(FILLS)] for i, s in enumerate(statuses)}
    row, left, width = 22, 56, 360
    top = max(sum(counts[(y, s)] for s in statuses) for y in years) or 1
    span = width - left - 30
    shapes = []
    for i, year in enumerate(years):
        y = i * row + 4
        x = float(left)
        shapes.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" '
                      f'font-size="11">{esc(year)}</text>')  # fmt: skip
        total = 0
        for status in statuses:
            n = counts[(year, status)]
            if not n:
                continue
            w = n / top * span
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="16" fill="{fill[status]}">'
                f"<title>{esc(year)}, {esc(status)}: {n}</title></rect>"
            )
            x += w
            total += n
        shapes.append(f'<text x="{x + 4:.1f}" y="{y + 13}" font-size="11">{total}</text>')
    legend_y = len(years) * row + 14
    for i, status in enumerate(statuses):
        lx = left + (i % 3) * 110
        ly = legend_y + (i // 3) * 16
        shapes.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{fill[status]}"/>'
            f'<text x="{lx + 14}" y="{ly}" font-size="10">{esc(status)}</text>'
        )
    height = legend_y + ((len(statuses) + 2) // 3) * 16 + 4
    label = "Registered trials by start year and status: " + "; ".join(
        f"{y} " + ", ".join(f"{s} {counts[(y, s)]}" for s in statuses if counts[(y, s)])
        for y in years
    )
    return (
        f'<svg id="{chart_id}" class="chart" role="img" aria-label="{esc(label)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{esc(label)}</title>{''.join(shapes)}</svg>"
    )


def table(by_year: Counter, caption_id: str) -> str:
    years, statuses, counts = status_by_year(by_year)
    head = "".join(f'<th scope="col" class="num">{esc(s)}</th>' for s in statuses)
    rows = "".join(
        f'<tr><th scope="row">{esc(y)}</th>'
        + "".join(f'<td class="num">{counts[(y, s)]}</td>' for s in statuses)
        + "</tr>"
        for y in years
    )
    return (
        f'<div class="data" role="region" aria-labelledby="{caption_id}" tabindex="0">'
        f'<table><caption id="{caption_id}">Registered trials by start year (rows) and '
        f'status (columns): data of the chart</caption><thead><tr><th scope="col">Start year'
        f"</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def trials_list(views: list[TrialView]) -> str:
    items = []
    for view in views:
        t = view.trial
        n = "?" if t.enrollment is None else f"{t.enrollment}"
        if t.enrollment_type == "ESTIMATED":
            n += " (anticipated)"
        pmids = ", ".join(
            f'<a href="https://pubmed.ncbi.nlm.nih.gov/{esc(p)}/">PMID {esc(p)}</a>'
            for p in view.linked_pmids
        )
        flag = (
            f'<p class="flag"><strong>No results reported:</strong> {esc(view.verdict.reason)}</p>'
            if view.unreported
            else ""
        )
        items.append(
            f'<li><a href="{esc(t.url)}">{esc(t.nct_id)}</a> {esc(t.brief_title)}'
            f'<br><span class="muted">{esc(t.status or "?")} · {esc(t.phase_label or "no phase")}'
            f" · n = {esc(n)} · start {esc(t.start_date or '?')} · primary completion "
            f"{esc(t.primary_completion_date or '?')} · results "
            f"{'posted' if t.has_results else 'not posted'}"
            f"{' · papers: ' if pmids else ''}</span>{pmids}{flag}</li>"
        )
    return f"<ol>{''.join(items)}</ol>"


def section_html(sid: str, section, updated: str | None) -> str:
    """The whole block for one question (``section``: a services.trials.QuestionTrials)."""
    head = f'<h3 id="{sid}-trials">Registered trials (ClinicalTrials.gov)</h3>'
    facts = [
        ("Register", "ClinicalTrials.gov (API v2)"),
        ("Search expression", section.query.registry_term or ""),
        ("Last searched", (updated or "never")[:10]),
        ("Registered trials", str(section.total)),
        ("No results reported", str(len(section.unreported))),
    ]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
    parts = [head, f"<dl>{dl}</dl>"]
    if section.missing:
        parts.append(f'<p class="muted">{esc(section.missing)}</p>')
    if section.total:
        parts.append(
            f'<div class="figure">{chart(section.by_year, f"{sid}-trials-chart")}'
            f"{table(section.by_year, f'{sid}-trials-cap')}</div>"
        )
    shown = {v.trial.nct_id for v in section.views}
    listed = section.views + [v for v in section.unreported if v.trial.nct_id not in shown]
    if listed:
        parts.append(trials_list(listed))
    if section.total > len(listed):
        parts.append(
            f'<p class="muted">{section.total - len(listed)} more registered trials are not '
            "listed here (newest start first; every unreported trial is listed); "
            f"<code>withdrawal-lit export --trials {esc(section.query.name)}</code> lists "
            "them all.</p>"
        )
    return "\n".join(parts)
