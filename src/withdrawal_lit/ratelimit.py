"""NCBI's request rate, kept at the point where a request leaves.

NCBI counts requests as they arrive: no more than 3 in any second (10 with an API key). A
throttle that spaces the moments the client *decides* to send is not enough: a busy process
(parsing, storing, a slow connect) sends some requests late, and the next ones, sent on time,
arrive too close behind them. So the window is kept by the transport itself (``PacedAdapter``,
a requests ``HTTPAdapter`` whose connections note when a request's last byte was written):

- a request may leave only when the ``limit``-th request before it arrived at least
  ``period + MARGIN`` seconds ago, its arrival bounded by whichever comes first: its answer
  (the response's headers are in, so it had certainly arrived) or its last byte written plus
  ``LATENCY`` (the most one request's trip may exceed another's); one not yet written is
  waited for.
- a request leaves after that check, so it cannot arrive before it.

Hence requests ``limit`` apart arrive more than ``period`` apart, whatever the delays in the
process; a slow answer costs nothing beyond ``LATENCY``. The cost: 10 requests per
``1 + MARGIN + LATENCY`` seconds at most (9.4/s with a key), or per ``1 + MARGIN`` plus one
round trip when answers are quick.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

MARGIN = 0.01  # seconds added to each window (a server's coarser clock)
LATENCY = 0.05  # seconds one request's trip to NCBI may exceed another's
_current = threading.local()  # the slot of the request this thread is sending


class _Slot:
    __slots__ = ("answered", "written")

    def __init__(self) -> None:
        self.written: float | None = None  # when the request's last byte was written
        self.answered: float | None = None  # when the response (or the failure) came back

    def arrived_by(self, latency: float) -> float | None:
        """The latest the request can have arrived; None while it may still be unsent."""
        sent = None if self.written is None else self.written + latency
        bounds = [t for t in (self.answered, sent) if t is not None]
        return min(bounds) if bounds else None


class SendWindow:
    """At most ``limit`` requests in any ``period`` seconds, timed as described above.

    ``clock`` and ``sleep`` are injectable (tests); ``sleep`` also counts the waiting."""

    def __init__(
        self,
        limit: int,
        period: float,
        *,
        margin: float = MARGIN,
        latency: float = LATENCY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.limit = max(1, limit)
        self.period = period
        self.margin = margin
        self.latency = latency
        self._clock = clock
        self._sleep = sleep
        self._slots: deque[_Slot] = deque()
        self._turn = threading.Lock()  # one sender at a time waits for its slot
        self._changed = threading.Condition()

    @classmethod
    def per_second(cls, rate: float, **kwargs) -> SendWindow:
        """A window for ``rate`` requests/s: 10/s is 10 per second; 2.5/s is 2 per 0.8 s."""
        limit = max(1, int(rate))
        return cls(limit, limit / rate, **kwargs)

    def acquire(self) -> _Slot:
        """Wait until one more request may leave now; the caller sends it, then ``release``."""
        with self._turn:
            while True:
                with self._changed:
                    while len(self._slots) >= self.limit and self._oldest() is None:
                        self._changed.wait(0.05)  # the limit-th before is not sent yet
                    delay = 0.0
                    if len(self._slots) >= self.limit:
                        delay = self._oldest() + self.period + self.margin - self._clock()
                    if delay <= 0:
                        if len(self._slots) >= self.limit:
                            self._slots.popleft()
                        slot = _Slot()
                        self._slots.append(slot)
                        return slot
                self._sleep(delay)

    def _oldest(self) -> float | None:
        return self._slots[0].arrived_by(self.latency)

    def written(self, slot: _Slot) -> None:
        """The request's last byte has left."""
        with self._changed:
            slot.written = self._clock()
            self._changed.notify_all()

    def release(self, slot: _Slot) -> None:
        """The request's answer (or its failure) is back: it has arrived, if ever."""
        with self._changed:
            slot.answered = self._clock()
            self._changed.notify_all()


class _Noting:
    """Mixed into urllib3's connections: tell the window when a request is written."""

    def request(self, *args, **kwargs):
        super().request(*args, **kwargs)
        sending = getattr(_current, "sending", None)
        if sending is not None:
            window, slot = sending
            window.written(slot)


class _HTTPConnection(_Noting, HTTPConnection):
    pass


class _HTTPSConnection(_Noting, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class PacedAdapter(HTTPAdapter):
    """An HTTPAdapter that sends each request through a ``SendWindow``. (Through a proxy,
    urllib3's own connections are used: a request's arrival is then bounded by its answer.)"""

    def __init__(self, window: SendWindow, **kwargs):
        self.window = window
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def send(self, request, *args, **kwargs):
        slot = self.window.acquire()
        _current.sending = (self.window, slot)
        try:
            return super().send(request, *args, **kwargs)
        finally:
            _current.sending = None
            self.window.release(slot)
