"""The report's charts as inline SVG (pure): horizontal bars (designs), vertical bars over
years; each carries its numbers as text (aria-label, a title per bar)."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from withdrawal_lit.report.html_text import esc
from withdrawal_lit.report.model import Bar


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
            f'<text x="{left}" y="{y + 14}" class="lbl">{esc(b.label)}</text>'
            f'<rect x="{left}" y="{y + 19}" width="{w:.1f}" height="{bar_h}" class="bar">'
            f"<title>{esc(b.label)}: {b.value}</title></rect>"
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
            f'height="{h:.1f}" class="bar"><title>{esc(b.label)}: {b.value}</title></rect>'
        )
        if i % step == 0:
            shapes.append(
                f'<text x="{x + slot * 0.4:.1f}" y="{height - 8}" class="tick mid">'
                f"{esc(b.label)}</text>"
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
        f'<svg id="{chart_id}" class="chart" role="img" aria-label="{esc(label)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{esc(label)}</title>{body}</svg>"
    )
