"""NCBI's date, for the high-water marks of incremental refreshes."""

from __future__ import annotations

import email.utils
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

NCBI_OFFSET = timedelta(hours=-5)  # NCBI dates records in US Eastern time; EST is never ahead


class NcbiClock:
    """NCBI's date for the high-water marks: read from the Date header of the first answer of
    the run (so a wrong local clock does not matter), seen as US Eastern standard time, which
    is never ahead of NCBI's own date; from the local clock the same way until NCBI answers."""

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self._now = now
        self._first: datetime | None = None

    def observe(self, response, *args, **kwargs) -> None:
        """A requests response hook."""
        if self._first is None:
            self._first = _http_date(response.headers.get("Date"))

    def today(self) -> date:
        return ((self._first or self._now()) + NCBI_OFFSET).date()


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
