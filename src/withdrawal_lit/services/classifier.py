"""Classifying the records of a large fetch in a worker process, beside parsing and storing.

A search parses, classifies and stores each chunk of records in three threads of one
interpreter. Parsing and classifying are pure Python and take turns on the interpreter lock,
so together they use one core however many the machine has. For a fetch of at least
``PROCESS_MIN`` records the classification runs in a forked worker process instead: each
chunk goes there as the few fields the design rules read (``assessment.triage_fields``,
plain strings and tuples, quick to send) and its derived values come back, while this
process parses the next chunk and stores the one before.

The values are those ``assessment.derive`` gives in this process (``derive_fields`` rebuilds
just what the rules read). Off Linux (Windows cannot fork; on macOS forking a process that
has used the system's frameworks is unsafe, and spawning costs more than it saves here), for
small fetches, and from the moment the worker fails (it died, the pipe broke, it was not ready
in ``READY_SECONDS`` or gave no answer in ``ANSWER_SECONDS``: a fork copies no other thread, so a
lock one of them held at the fork would never be released there), records are
classified in this process, as before; so is a chunk the worker could not classify (a record
raised there), which then raises here what it would have raised.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection

from withdrawal_lit.efetch import produced
from withdrawal_lit.records import Article
from withdrawal_lit.services.assessment import derive, derive_fields, triage_fields
from withdrawal_lit.store import Derived

PROCESS_MIN = 1_000  # records a fetch needs before classifying them in a worker process
IN_FLIGHT = 2  # chunks sent to the worker and not yet returned
STOP_SECONDS = 5.0  # how long the worker is given to end once its input is closed
READY_SECONDS = 10.0  # how long a new worker has to classify a first record and say so
ANSWER_SECONDS = 60.0  # how long a chunk may take there before this process takes over
READY = "ready"
# A record the worker classifies before it says it is ready: it runs every rule once, so a
# lock that some thread of the parent held at the fork shows up here, not mid-fetch.
WARM_UP = (
    "Melatonin for opioid withdrawal: a randomized controlled trial",
    (("Sixty adults were randomized to melatonin or placebo.", "METHODS", "METHODS"),),
    ("opioid withdrawal",),
    ("Humans",),
    ("Journal Article", "Randomized Controlled Trial"),
)

Chunk = list[tuple[Article, Derived]]


class Worker:
    """A forked process that derives the values of the chunks sent to it, in order."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # what is buffered is written once, here
            if stream is not None:
                stream.flush()
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, self.conn), name="withdrawal-lit classify", daemon=True
        )
        self.process.start()
        child.close()
        if not self._said(READY, READY_SECONDS):
            self.close()
            raise OSError(f"the classifying worker was not ready in {READY_SECONDS:.0f} s")

    def _said(self, word: str, seconds: float) -> bool:
        try:
            return self.conn.poll(seconds) and self.conn.recv() == word
        except (OSError, EOFError):
            return False

    def send(self, chunk: list[Article]) -> None:
        self.conn.send([triage_fields(article) for article in chunk])

    def receive(self) -> list[Derived] | None:
        """The next chunk's values; None when the worker could not derive them. A worker
        that stays silent for ``ANSWER_SECONDS`` is taken for stuck (TimeoutError)."""
        if not self.conn.poll(ANSWER_SECONDS):
            raise TimeoutError(f"the classifying worker gave no answer in {ANSWER_SECONDS:.0f} s")
        values = self.conn.recv()
        return None if values is None else [Derived(*v) for v in values]

    def close(self) -> None:
        self.conn.close()  # the worker reads the end of its input and leaves
        self.process.join(STOP_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _serve(conn: Connection, parent_end: Connection) -> None:
    """The worker: derive each chunk that arrives and send the values back, until the end of
    the input. Ctrl-C is the parent's to handle (it closes the input)."""
    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's stdout and stderr are its own: a thread of the parent (a progress bar) may
    # have held their buffers' locks at the fork, and a copy flushed here would print twice.
    sys.stdout = sys.stderr = None
    _warm_up()
    conn.send(READY)
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        try:
            values = [_values(derive_fields(fields)) for fields in chunk]
        except Exception:  # derived again in the parent, which raises it as it would have
            values = None
        try:
            conn.send(values)
        except OSError:  # the parent stopped reading (it failed or was interrupted)
            return


def _warm_up() -> None:
    # A record that fails fails in the parent too, where it is raised.
    with suppress(Exception):
        derive_fields(WARM_UP)


def _values(derived: Derived) -> tuple:
    return (
        derived.design,
        derived.evidence_level,
        derived.population,
        derived.sample_size,
        derived.assessed_with,
    )


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def worker_for(records: int) -> Iterator[Worker | None]:
    """A worker for a fetch of ``records`` records, or None where this process should
    classify them; the worker is stopped on leaving."""
    if records < PROCESS_MIN or not _can_fork():
        yield None
        return
    try:
        worker = Worker()
    except OSError:  # no process could be started (limits): classify here
        yield None
        return
    try:
        yield worker
    finally:
        worker.close()


def classified(chunks: Iterable[list[Article]], worker: Worker | None = None) -> Iterator[Chunk]:
    """Each chunk of records with its derived values, in order, classified one chunk ahead
    of the caller: by ``worker`` when given, else by a thread of this process.

    Three stages overlap: efetch's thread reads and parses the next chunk, the records are
    classified, and the caller stores the chunk before; SQLite releases the interpreter lock
    while it writes and indexes, so storing runs beside the Python work of the other two.
    """
    if worker is None:
        return produced(lambda emit: [emit(_derived_here(chunk)) for chunk in chunks])
    return produced(lambda emit: _through(worker, chunks, emit))


def _derived_here(chunk: list[Article]) -> Chunk:
    return [(article, derive(article)) for article in chunk]


def _through(worker: Worker, chunks: Iterable[list[Article]], emit) -> None:
    """Send each chunk to the worker, keeping ``IN_FLIGHT`` there, and emit them in order;
    from the first failure of the worker on, derive here what it did not return."""
    sent: deque[list[Article]] = deque()
    working = True

    def returned() -> Chunk:
        nonlocal working
        chunk = sent.popleft()
        values = None
        if working:
            try:
                values = worker.receive()
            except (OSError, EOFError):
                working = False
        if values is None or len(values) != len(chunk):
            return _derived_here(chunk)
        return list(zip(chunk, values, strict=True))

    for chunk in chunks:
        if working:
            try:
                worker.send(chunk)
            except OSError:
                working = False
        sent.append(chunk)
        if len(sent) >= IN_FLIGHT or not working:
            emit(returned())
    while sent:
        emit(returned())
