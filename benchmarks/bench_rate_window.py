"""Requests per second kept under NCBI's limit, and 429s drawn, against a strict fake.

The fake E-utilities server (tests/fake_eutils.py) answers 429 to any request that would make
N + 1 arrive within one second. The real EntrezClient sends esearch requests with and without
an API key, idle and with a busy process (up to 80 ms lost before each send and after each
answer), and three threads at a time against answers that take 0.3 s; the figures are the
sustained requests/s against the limit, the most requests in any one second, and 429s.

    python benchmarks/bench_rate_window.py [--requests 60]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import requests  # noqa: E402
from fake_eutils import FakeEutils  # noqa: E402
from requests.adapters import HTTPAdapter  # noqa: E402

from withdrawal_lit.pubmed import EntrezClient  # noqa: E402
from withdrawal_lit.settings import resolve  # noqa: E402


def busy(on: bool) -> None:
    rng = random.Random(15)
    adapter_send, session_send = HTTPAdapter.__dict__["send"], requests.Session.__dict__["send"]
    if not on:
        return

    def pause() -> None:
        time.sleep(rng.choice([0.0, 0.0, 0.01, 0.03, 0.08]))

    def late_send(self, request, *args, **kwargs):
        pause()
        return adapter_send(self, request, *args, **kwargs)

    def busy_after(self, request, **kwargs):
        response = session_send(self, request, **kwargs)
        pause()
        return response

    HTTPAdapter.send = late_send
    requests.Session.send = busy_after


def busiest_second(arrivals: list[float]) -> int:
    """The most requests that arrived within any one second."""
    arrivals = sorted(arrivals)
    most, first = 0, 0
    for last, stamp in enumerate(arrivals):
        while stamp - arrivals[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def run(
    count: int, key: str | None, limit: int, threads: int = 1, latency: float = 0.0
) -> tuple[float, int, int, int]:
    """``count`` esearches from each of ``threads`` threads sharing one client."""
    fake = FakeEutils(rate_limit=limit, latency_per_request=latency)
    with fake, tempfile.TemporaryDirectory() as tmp:
        fake.add_article("32000000", "Melatonin for withdrawal", year=2020)
        settings = resolve(
            env={}, config=Path(tmp) / "none.toml", eutils_url=fake.url, api_key=key, retries=0
        )
        client = EntrezClient(settings)

        def work() -> None:
            for _ in range(count):
                client.esearch("melatonin")

        workers = [threading.Thread(target=work) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        arrivals = [seen.arrived for seen in fake.requests]
        # After the first window's burst, the sustained rate: requests per second of the rest.
        steady = (arrivals[-1] - arrivals[limit - 1]) or 1e-9
        sent = len(arrivals)
        return (sent - limit) / steady, busiest_second(arrivals), fake.limited, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    originals = HTTPAdapter.send, requests.Session.send
    print(
        f"{'load':<6} {'limit':>8} {'requests':>9} {'sustained':>10} {'of limit':>9} "
        f"{'busiest 1 s':>12} {'429s':>5}"
    )
    for load in ("idle", "busy"):
        busy(load == "busy")
        for key, limit in (("FAKEKEY-bench", 10), (None, 3)):
            count = args.requests if key else max(10, args.requests // 3)
            rate, most, limited, sent = run(count, key, limit)
            print(
                f"{load:<6} {limit:>6}/s {sent:>9} {rate:>8.2f}/s {rate / limit:>8.0%} "
                f"{most:>12} {limited:>5}"
            )
        HTTPAdapter.send, requests.Session.send = originals
    # Searches sent three at a time (as a first search does), NCBI taking 0.3 s to answer.
    for key, limit in (("FAKEKEY-bench", 10), (None, 3)):
        count = args.requests // 3 if key else max(4, args.requests // 9)
        rate, most, limited, sent = run(count, key, limit, threads=3, latency=0.3)
        print(
            f"{'3x0.3s':<6} {limit:>6}/s {sent:>9} {rate:>8.2f}/s {rate / limit:>8.0%} "
            f"{most:>12} {limited:>5}"
        )


if __name__ == "__main__":
    main()
