"""efetch: PubMed records in large batches, streamed from the socket into the parser.

A producer thread sends each efetch and feeds its body, as it arrives, to the incremental
parser (``xmlparse.iter_articles``); the records are handed to the caller in chunks of
``CHUNK`` (the first ones smaller, so that storing starts sooner) through a one-place queue,
so the caller stores one chunk while the next is read and parsed, and the next request leaves
as soon as the last body has been read. Memory holds a few chunks (the caller's pipeline
holds two or three more), however large the batch (``fetchplan.BatchSizer``: up to NCBI's
10,000).

Resilience is ``EntrezClient._call``'s (retries with back-off for 429, 5xx, dropped or cut
connections) plus, per batch: records that arrived before a cut are kept and not asked for
twice; a batch still short is asked again (bounded); an expired WebEnv is replaced by posting
the ids still missing; the ids missing after every batch are asked for once by id. Up to
``BY_ID_MAX`` ids without a history set are fetched by id (POST), without an epost.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from withdrawal_lit import fetchplan, ncbi_answers, xmlparse
from withdrawal_lit.errors import HistoryExpired, NcbiError
from withdrawal_lit.fetchplan import EFETCH_MAX, BatchSizer, HistorySource
from withdrawal_lit.records import Article

CHUNK = 500  # records handed to the caller at a time
FIRST_CHUNK = 100  # the first chunks are smaller (100, 200, 400, then CHUNK): storing starts sooner
MISSING_SHOWN = 20  # PMIDs named in the "missing records" message
MISSING_HINT = "nothing was saved from this fetch; try again later"

T = TypeVar("T")


def fetch(
    client,
    ids: Sequence[str],
    *,
    history: tuple[str, str] | HistorySource | None = None,
    batch_size: int | None = None,
) -> Iterator[list[Article]]:
    """``EntrezClient.fetch``: the Articles of exactly these PMIDs, in lists of at most
    ``CHUNK``. ``history``: (webenv, query_key) holding exactly these ids in this order, or a
    ``HistorySource`` holding them among others. Raises NcbiError naming the PMIDs NCBI did not
    return, after every record it did (the caller should discard them)."""
    wanted = list(dict.fromkeys(str(i) for i in ids))
    if wanted:
        yield from produced(_Fetch(client, wanted, history, batch_size).run)


class _Stopped(BaseException):
    """The caller stopped reading: the producer ends (not an error, never caught as one)."""


def produced(run: Callable[[Callable[[T], None]], None]) -> Iterator[T]:
    """What ``run(emit)`` emits, produced by a worker thread one item ahead of the caller.

    Items and the exception that ends them reach the caller in order; a caller that stops
    early stops the worker at its next ``emit``. Nothing runs before the first item is asked.
    """
    slot: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()
    done = object()

    def hand_over(entry) -> bool:
        while not stop.is_set():
            try:
                slot.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def emit(item: T) -> None:
        if not hand_over((item, None)):
            raise _Stopped

    def work() -> None:
        try:
            run(emit)
        except _Stopped:
            return
        except BaseException as exc:  # handed to the caller, who raises it
            hand_over((done, exc))
            return
        hand_over((done, None))

    worker = threading.Thread(target=work, name="efetch", daemon=True)
    worker.start()
    try:
        while True:
            item, error = slot.get()
            if error is not None:
                raise error
            if item is done:
                return
            yield item
    finally:
        stop.set()


class _Counted:
    """A response stream that counts the bytes read from it (for the batch sizer)."""

    def __init__(self, raw):
        self.raw = raw
        self.bytes = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.bytes += len(data)
        return data


class _Fetch:
    def __init__(self, client, wanted: list[str], history, batch_size: int | None):
        self.client = client
        self.wanted = wanted
        self.wanted_set = set(wanted)
        self.sizer = BatchSizer(batch_size or client.settings.batch_size)
        self.seen: set[str] = set()
        self.expired = 0  # WebEnvs found expired (each replaced by a new epost)
        self.buffer: list[Article] = []
        self.chunk = FIRST_CHUNK  # the size of the next chunk handed over
        self.emit: Callable[[list[Article]], None] = lambda chunk: None
        if isinstance(history, HistorySource):
            self.handle = (history.webenv, history.query_key)
            self.layout: list[str] = list(history.layout)
        elif history:
            self.handle, self.layout = tuple(history), wanted
        else:
            self.handle, self.layout = None, []

    def run(self, emit: Callable[[list[Article]], None]) -> None:
        self.emit = emit
        if self.handle is None and len(self.wanted) > fetchplan.BY_ID_MAX:
            self._post(self.wanted)
        if self.handle is None:
            start = 0
            while start < len(self.wanted):
                part = self.wanted[start : start + self.sizer.next(len(self.wanted) - start)]
                self._batch(lambda part=part: {"id": ",".join(part), "retmode": "xml"}, part)
                start += len(part)
        else:
            self._from_history()
        missing = [pmid for pmid in self.wanted if pmid not in self.seen]
        for start in range(0, len(missing), EFETCH_MAX):  # once each, by id
            part = missing[start : start + EFETCH_MAX]
            error = self.client._call(
                "efetch", {"id": ",".join(part), "retmode": "xml"}, self._read, post=True
            )
            if error is not None:
                self.client._note_failure("efetch", error.message)
        self._flush()
        still = [pmid for pmid in self.wanted if pmid not in self.seen]
        if still:
            shown = ", ".join(still[:MISSING_SHOWN])
            if len(still) > MISSING_SHOWN:
                shown += f" and {len(still) - MISSING_SHOWN} more"
            raise NcbiError(
                f"NCBI returned {len(self.wanted) - len(still)} of {len(self.wanted)} records; "
                f"missing PMIDs: {shown}",
                hint=MISSING_HINT,
            )

    def _post(self, ids: list[str]) -> None:
        posted = self.client.epost(ids)
        self.handle, self.layout = (posted.webenv, posted.query_key), ids

    def _from_history(self) -> None:
        """Batches over the span of the history set that holds the ids not yet seen."""
        start = 0
        while True:
            layout, wanted, seen = self.layout, self.wanted_set, self.seen
            todo = [
                i
                for i in range(start, len(layout))
                if layout[i] in wanted and layout[i] not in seen
            ]
            if not todo:
                return
            low = todo[0]
            asked = self.sizer.next(todo[-1] + 1 - low)
            expected = [layout[i] for i in todo if i < low + asked]
            handle = self.handle

            def params(low=low, asked=asked) -> dict:
                webenv, query_key = self.handle
                return {
                    "WebEnv": webenv,
                    "query_key": query_key,
                    "retstart": low,
                    "retmax": asked,
                    "retmode": "xml",
                }

            self._batch(params, expected, at=low)
            start = 0 if self.handle != handle else low + asked  # a new set after expiry

    def _batch(self, params: Callable[[], dict], expected: list[str], at: int = 0) -> None:
        """One efetch, asked again (bounded, with back-off) until every id of ``expected``
        arrived; returns early after an expired WebEnv was replaced. A batch still short
        after the last try is left to the by-id pass; an NCBI error is raised."""
        try:
            self._attempts(params, expected, at)
        finally:
            self._flush()  # a batch's records go together (in chunks when it is large)

    def _attempts(self, params: Callable[[], dict], expected: list[str], at: int) -> None:
        client = self.client
        error: NcbiError | None = None
        for attempt in range(client.settings.retries + 1):
            if attempt:
                client.stats.retries += 1
                client._wait(client._backoff(attempt - 1))
            try:
                post = True if self.handle is None else None  # ids by POST; history as Bio decides
                error = client._call("efetch", params(), self._read, post=post)
            except HistoryExpired as exc:
                client._note_failure("efetch", exc.message)
                self.expired += 1
                if self.expired > client.settings.retries:  # NCBI's side: it keeps losing it
                    raise ncbi_answers.ncbi_trouble(
                        "efetch", self.expired, client._redact(exc.message)
                    ) from None
                client.stats.retries += 1
                self._post([pmid for pmid in self.wanted if pmid not in self.seen])
                return
            if error is not None:
                client._note_failure("efetch", error.message)
                continue
            got = sum(1 for pmid in expected if pmid in self.seen)
            if got >= len(expected):
                return
            client._note_failure(
                "efetch", f"batch at {at} returned {got} of {len(expected)} records"
            )
        if error is not None:
            raise self._failed(error)

    def _failed(self, error: NcbiError) -> NcbiError:
        return NcbiError(
            self.client._redact(f"NCBI could not return PubMed records: {error.message}"),
            hint=error.hint,
        )

    def _read(self, response) -> NcbiError | None:
        """Stream one efetch body through the parser, handing records over as they come.

        A body cut midway raises (``_call`` asks again; the records before the cut are kept),
        as do an expired WebEnv, unsafe XML and NCBI's server-side <ERROR>s (NcbiTrouble,
        retried by ``_call``). Other <ERROR> answers are returned, so the batch can be asked
        again."""
        response.raw.decode_content = True
        stream = _Counted(response.raw)
        got = 0
        try:
            for article in xmlparse.iter_articles(stream):
                pmid = article.pmid
                if pmid in self.wanted_set and pmid not in self.seen:
                    self.seen.add(pmid)
                    self.buffer.append(article)
                    got += 1
                    if len(self.buffer) >= self.chunk:
                        self._flush()
        except NcbiError as exc:  # NCBI's server-side trouble is raised (and retried)
            return ncbi_answers.whose(exc, exc)
        finally:
            self.sizer.observe(stream.bytes, got)
        return None

    def _flush(self) -> None:
        if self.buffer:
            chunk, self.buffer = self.buffer, []
            self.chunk = min(CHUNK, self.chunk * 2)
            self.emit(chunk)
