"""Registered trials: requests per question, cold and on a no-change night, and memory per page.

    python benchmarks/bench_trials.py [--quick]

Against the fake register (tests/fake_ctgov.py), with the shipped questions' registry terms:
one question's term matches N generated studies (N = 5,000; 1,500 with --quick), the others a
few each. Prints, per question, the requests of a cold sync and of a second sync with nothing
changed (targets: at most ceil(N / 1,000) cold, 1 on a no-change night), the peak Python
memory of the cold sync (tracemalloc) next to the size of the whole result set, and the
pacing the client applies to the real register (simulated clock: requests per minute).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from fake_ctgov import FakeCtgov  # noqa: E402

from withdrawal_lit.ctgov import CtgovClient  # noqa: E402
from withdrawal_lit.query_files import load_queries  # noqa: E402
from withdrawal_lit.services.trials import sync_trials  # noqa: E402
from withdrawal_lit.settings import builtin_queries_dir, resolve  # noqa: E402
from withdrawal_lit.store import Store  # noqa: E402


def _load(fake: FakeCtgov, many: int) -> None:
    for i in range(1, many + 1):  # the melatonin question's big result set
        fake.add_study(f"NCT{i:08d}", f"Melatonin for sleep in opioid withdrawal {i}",
                       summary="melatonin methadone buprenorphine " * 20,
                       last_update=f"20{10 + i % 15}-{1 + i % 12:02d}-15")  # fmt: skip
    for j in range(1, 13):  # a dozen kratom studies
        fake.add_study(f"NCT0{9000000 + j}", f"Kratom and opioid withdrawal {j}",
                       interventions=(("DRUG", "Kratom"),), last_update="2025-06-01")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    many = 1500 if parser.parse_args().quick else 5000
    queries = list(load_queries([builtin_queries_dir()]).values())
    with tempfile.TemporaryDirectory() as tmp, FakeCtgov() as fake:
        _load(fake, many)
        settings = resolve(
            env={"WITHDRAWAL_LIT_RATE_LIMIT": "1000"}, config=Path(tmp) / "none.toml",
            ctgov_url=fake.url,
        )  # fmt: skip
        store = Store.open(Path(tmp) / "cache.sqlite3")
        tracemalloc.start()
        began = time.perf_counter()
        with CtgovClient(settings) as client:
            cold = sync_trials(store, client, queries)
        cold_s = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        began = time.perf_counter()
        with CtgovClient(settings) as client:
            night = sync_trials(store, client, queries)
        night_s = time.perf_counter() - began
        size = sum(len(row[0]) for row in store.conn.execute("SELECT raw FROM trials"))
        store.close()
    print(
        f"register: {many + 12} studies; cold sync {cold_s:.1f} s, no-change night {night_s:.1f} s"
    )
    print(f"{'question':<40} {'found':>6} {'cold req':>9} {'target':>7} {'night req':>10}")
    ok = True
    for c, n in zip(cold.syncs, night.syncs, strict=True):
        target = max(1, math.ceil((c.count or 0) / 1000))
        ok &= c.requests <= target and n.requests == 1
        print(f"{c.query.name:<40} {c.count:>6} {c.requests:>9} {target:>7} {n.requests:>10}")
    print(f"cold sync peak Python memory {peak / 2**20:.1f} MB; raw JSON of every study "
          f"{size / 2**20:.1f} MB (one page in memory at a time)")  # fmt: skip
    clock, sleeps = [0.0], []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    real = resolve(env={}, config=Path("/nonexistent.toml"))
    client = CtgovClient(real, sleep=sleep, clock=lambda: clock[0])
    for _ in range(100):
        client._throttle()
    print(f"pacing against clinicaltrials.gov: {100 / (clock[0] / 60):.1f} requests/min "
          "(published: about 50 per IP)")  # fmt: skip
    print("targets met" if ok else "TARGET MISSED")


if __name__ == "__main__":
    main()
