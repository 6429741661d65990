"""NCBI's request rate, kept at the point where a request leaves.

NCBI counts requests as they arrive: no more than 3 in any second (10 with an API key). A
throttle that spaces the moments the client *decides* to send is not enough: a busy process
(parsing, storing, a slow connect) sends some requests late, and the next ones, sent on time,
arrive too close behind them. So the window is kept by the transport itself (``PacedAdapter``,
a requests ``HTTPAdapter``) on times that bound the real arrival times:

- a request may leave only when the ``limit``-th request before it has been *answered* (its
  response headers are in, so it has certainly arrived) at least ``period + MARGIN`` seconds
  ago; one still on its way is waited for.
- a request leaves after that check, so it cannot arrive before it.

Hence any two requests ``limit`` apart arrive more than ``period`` apart, whatever the delays
on either side: never ``limit + 1`` in one window. The cost: the window is measured from an
answer, not a departure, so a sequential client loses one round trip per ``limit`` requests
(10 requests per 1.01 s plus one round trip with a key), and nothing when the round trip
already limits it. ``MARGIN`` (10 ms) covers a server's coarser clock.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from requests.adapters import HTTPAdapter

MARGIN = 0.01  # seconds added to each window


class _Slot:
    __slots__ = ("answered",)

    def __init__(self) -> None:
        self.answered: float | None = None  # when the response (or the failure) came back


class SendWindow:
    """At most ``limit`` requests in any ``period`` seconds, timed as described above.

    ``clock`` and ``sleep`` are injectable (tests); ``sleep`` also counts the waiting."""

    def __init__(
        self,
        limit: int,
        period: float,
        *,
        margin: float = MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.limit = max(1, limit)
        self.period = period
        self.margin = margin
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
                    while len(self._slots) >= self.limit and self._slots[0].answered is None:
                        self._changed.wait(0.05)  # the limit-th before is still on its way
                    delay = 0.0
                    if len(self._slots) >= self.limit:
                        oldest = self._slots[0].answered
                        delay = oldest + self.period + self.margin - self._clock()
                    if delay <= 0:
                        if len(self._slots) >= self.limit:
                            self._slots.popleft()
                        slot = _Slot()
                        self._slots.append(slot)
                        return slot
                self._sleep(delay)

    def release(self, slot: _Slot) -> None:
        """The request's answer (or its failure) is back: it has arrived, if ever."""
        with self._changed:
            slot.answered = self._clock()
            self._changed.notify_all()


class PacedAdapter(HTTPAdapter):
    """An HTTPAdapter that sends each request through a ``SendWindow``."""

    def __init__(self, window: SendWindow, **kwargs):
        super().__init__(**kwargs)
        self.window = window

    def send(self, request, *args, **kwargs):
        slot = self.window.acquire()
        try:
            return super().send(request, *args, **kwargs)
        finally:
            self.window.release(slot)
