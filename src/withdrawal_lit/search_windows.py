"""The publication-date windows a search is split into when it matches more than ESearch
returns (9,999 ids): reading esearch's date limits, writing them back, and where to split."""

from __future__ import annotations

import re
from datetime import date, timedelta

from withdrawal_lit.errors import NcbiError

SPLIT_DATETYPE = "pdat"
EARLIEST = date(1000, 1, 1)
LATEST = date(3000, 12, 31)  # PubMed's own "open end" year
OLD_RECORDS = date(1800, 1, 1)  # almost nothing in PubMed is older: split there first


def parse_date(text: str, *, end: bool) -> date:
    """'2020', '2020/03' or '2020/03/05' (as esearch takes them) as the first or last day."""
    try:
        parts = [int(p) for p in re.split(r"[/-]", text.strip())]
        year, month, day = (parts + [0, 0])[:3]
        if day:
            return date(year, month, day)
        if month:
            first = date(year, month, 1)
            if not end:
                return first
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise NcbiError(
            f"date {text!r} is not YYYY, YYYY/MM or YYYY/MM/DD", hint="fix the date limits"
        ) from None


def format_date(day: date) -> str:
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def split_point(start: date, end: date) -> date:
    """Last day of the first half: split off the far past and the far future before halving
    (they hold next to nothing), then halve."""
    future = date.today() + timedelta(days=366)
    for pivot in (future, OLD_RECORDS):
        if start < pivot <= end:
            return pivot - timedelta(days=1)
    return start + (end - start) // 2
