"""NCBI's rate limit kept on real send times, against a fake server that counts strictly (no
N + 1 requests arriving within any second): no 429, ever, even when the process is busy between
deciding to send and sending, or between requests; several threads share one window. A naive
throttle (spacing the decisions by 0.102 s) is shown to draw 429s from the same fake."""

from __future__ import annotations

import random
import threading
import time
from datetime import date

import pytest
import requests
from fake_eutils import FakeEutils
from requests.adapters import HTTPAdapter

from withdrawal_lit.pubmed import EntrezClient
from withdrawal_lit.ratelimit import LATENCY, MARGIN, SendWindow
from withdrawal_lit.settings import resolve

KEY = "FAKEKEY-window-0123456789"
TODAY = date(2025, 6, 1)


@pytest.fixture
def strict():
    """A fake that allows 10 requests in any second per key, 3 per address without one."""
    with FakeEutils(today=TODAY, rate_limit=10) as server:
        for i in range(30):
            server.add_article(str(32000000 + i), f"Melatonin for withdrawal {i}", year=2020)
        yield server


def client_for(fake: FakeEutils, tmp_path, api_key: str | None = KEY) -> EntrezClient:
    settings = resolve(
        env={}, config=tmp_path / "none.toml", eutils_url=fake.url, api_key=api_key, retries=0
    )
    assert settings.requests_per_second == (10 if api_key else 3)  # NCBI's own limits
    return EntrezClient(settings)


@pytest.fixture
def busy(monkeypatch):
    """A busy process: up to 80 ms lost between the window's check and the socket (the
    transport's own send), and up to 80 ms of work after each answer (parsing, storing)."""
    rng = random.Random(15)
    lock = threading.Lock()
    adapter_send, session_send = HTTPAdapter.send, requests.Session.send

    def pause() -> None:
        with lock:
            seconds = rng.choice([0.0, 0.0, 0.01, 0.03, 0.08])
        time.sleep(seconds)

    def late_send(self, request, *args, **kwargs):  # after the window let it go
        pause()
        return adapter_send(self, request, *args, **kwargs)

    def busy_after(self, request, **kwargs):  # after the window saw the answer
        response = session_send(self, request, **kwargs)
        pause()
        return response

    monkeypatch.setattr(HTTPAdapter, "send", late_send)
    monkeypatch.setattr(requests.Session, "send", busy_after)


def test_no_429_with_a_key_when_the_process_is_busy(strict, tmp_path, busy):
    client = client_for(strict, tmp_path)
    pmids = sorted(strict.records)
    started = time.monotonic()
    for round_ in range(6):
        for _ in range(4):
            client.esearch("melatonin")
        for batch in client.fetch(pmids[round_ * 5 : round_ * 5 + 5]):
            assert batch
    elapsed = time.monotonic() - started
    sent = client.stats.requests
    assert sent >= 30 and set(client.stats.by_utility) >= {"esearch", "efetch"}
    assert strict.limited == 0 and client.stats.throttled == 0
    assert elapsed >= (sent - 10) / 10  # the window held: 10 per second at most


def test_no_429_without_a_key(strict, tmp_path, busy):
    strict.rate_limit = 3
    client = client_for(strict, tmp_path, api_key=None)
    for _ in range(8):
        client.esearch("melatonin")
    assert strict.limited == 0 and client.stats.throttled == 0


def test_threads_sharing_a_client_share_its_window(strict, tmp_path):
    client = client_for(strict, tmp_path)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(8):
                client.esearch("melatonin")
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures and strict.count("esearch") == 24
    assert strict.limited == 0


def test_a_throttle_that_spaces_decisions_draws_429s_from_the_same_fake(strict):
    """The old way, for contrast: 0.102 s between decisions, one request in eleven leaving
    60 ms late (a busy moment) makes eleven arrive within a second."""
    with requests.Session() as session:
        started = time.monotonic()
        for i in range(23):
            decided = started + i * 0.102
            time.sleep(max(0.0, decided - time.monotonic()))
            if i % 11 == 0:
                time.sleep(0.06)
            session.post(f"{strict.url}esearch.fcgi", data={"term": "melatonin", "api_key": KEY})
    assert strict.limited >= 1


def test_the_window_counts_an_answer_not_a_departure():
    """Unit: with the clock frozen, the limit-th request back waits a full period from its
    answer; a request still on its way holds the next one back."""
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    window = SendWindow(2, 1.0, clock=lambda: now[0], sleep=sleep)
    first = window.acquire()
    now[0] += 0.3  # the first answer takes 0.3 s
    window.release(first)
    window.release(window.acquire())
    window.release(window.acquire())  # the third: 1 s (+ margin) after the first's answer
    assert slept == pytest.approx([1.0 + MARGIN])
    assert SendWindow.per_second(2.5).limit == 2 and SendWindow.per_second(2.5).period == 0.8


def test_a_slow_answer_bounds_arrival_by_the_last_byte_written():
    """Unit: an answer that takes long (NCBI working) does not hold the window: the request
    arrived at most LATENCY after its last byte was written."""
    now = [100.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    window = SendWindow(1, 1.0, clock=lambda: now[0], sleep=sleep)
    first = window.acquire()
    window.written(first)
    now[0] += 0.8  # NCBI takes 0.8 s to answer
    window.release(first)
    window.acquire()
    assert now[0] == pytest.approx(100.0 + LATENCY + 1.0 + MARGIN)


def test_the_transport_notes_when_each_request_is_written(strict, tmp_path):
    client = client_for(strict, tmp_path)
    client.esearch("melatonin")
    window = client._session.get_adapter(strict.url).window
    (slot,) = window._slots
    assert slot.written is not None and slot.answered is not None
    assert slot.written <= slot.answered
