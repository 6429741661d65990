"""How records are fetched: which history set to read them from, and how many per efetch.

Pure: no I/O. ``efetch`` asks ``BatchSizer`` how large its next batch may be, and the services
ask ``history_for`` whether a search's own result set on NCBI's history server can serve the
records they lack without an epost.

Batch size. NCBI's efetch returns up to 10,000 records a request (``EFETCH_MAX``). A batch is
sized so that its response stays near ``TARGET_BYTES``, from the bytes per record measured on
the responses so far (before the first, ``FIRST_GUESS``: real PubMed XML with reference lists
runs 5-10 kB a record). The size bounds the bytes a failed response costs again, not memory:
records are handed over while the response streams in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EFETCH_MAX = 10_000  # NCBI: "retmax ... up to a maximum of 10,000" records per efetch
MIN_BATCH = 500  # never fewer a request, whatever the measured size (unless fewer are left)
TARGET_BYTES = 32 * 2**20  # about this much XML per response
FIRST_GUESS = 8_000  # bytes per record before any response has been measured
BY_ID_MAX = 200  # NCBI: more ids than about 200 go by POST; up to this many, efetch by id
MAX_EXTRA_SHARE = 0.25  # a history span may carry this share of records already cached


class BatchSizer:
    """Records per efetch: ``fixed`` when configured, else from measured response sizes."""

    def __init__(self, fixed: int | None = None):
        self.fixed = fixed
        self.bytes = 0
        self.records = 0

    def observe(self, nbytes: int, records: int) -> None:
        """One response (or the part of it read before a failure): its size and records."""
        if records > 0 and nbytes > 0:
            self.bytes += nbytes
            self.records += records

    @property
    def per_record(self) -> float:
        return self.bytes / self.records if self.records else FIRST_GUESS

    def size(self) -> int:
        """The batch size the measurements so far call for."""
        if self.fixed:
            return min(self.fixed, EFETCH_MAX)
        return max(MIN_BATCH, min(EFETCH_MAX, int(TARGET_BYTES // self.per_record)))

    def next(self, remaining: int) -> int:
        """How many of ``remaining`` records to ask for next: at most ``size()``, and the
        remainder split evenly rather than leaving a small last batch."""
        size = self.size()
        if self.fixed:
            return min(size, remaining)
        batches = math.ceil(remaining / size)
        return math.ceil(remaining / batches)


def batches_for(count: int, size: int) -> int:
    return math.ceil(count / size) if count else 0


@dataclass(frozen=True)
class HistorySource:
    """A result set on the history server that holds the records wanted (and maybe more)."""

    webenv: str
    query_key: str
    layout: tuple[str, ...]  # the ids the set holds, in its order


def history_for(
    results: Iterable[object], missing: Sequence[str], *, batch: int | None = None
) -> HistorySource | None:
    """A search's own result set to efetch ``missing`` from instead of posting them, when that
    costs fewer requests (or as few, with no record fetched in vain).

    The set must hold every missing id (esearch returned all its ids: ``len(ids) == count``);
    what is read is the span from the first missing id to the last, so records already cached
    inside it are fetched in vain: at most ``MAX_EXTRA_SHARE`` of the span. Searches put the
    newest records first, so the records a cache lacks are usually a leading run of the set.
    """
    wanted = set(missing)
    if not wanted:
        return None
    size = batch or BatchSizer().size()
    post_cost = (0 if len(wanted) <= BY_ID_MAX else 1) + batches_for(len(wanted), size)
    best: tuple[tuple[int, int], HistorySource] | None = None
    for result in results:
        if result is None or not (result.webenv and result.query_key):
            continue
        ids = result.ids
        if len(ids) != result.count or not wanted.issubset(ids):
            continue
        positions = [i for i, pmid in enumerate(ids) if pmid in wanted]
        span = positions[-1] - positions[0] + 1
        extra = span - len(wanted)
        cost = batches_for(span, size)
        if extra > MAX_EXTRA_SHARE * span or cost > post_cost:
            continue
        if cost == post_cost and extra:
            continue
        key = (cost, extra)
        if best is None or key < best[0]:
            best = (key, HistorySource(result.webenv, result.query_key, tuple(ids)))
    return best[1] if best else None
