"""Run every speed benchmark and print one table of figures.

    python benchmarks/run.py [--quick] [--only search,ingest,offline,export,edirect]

--quick uses smaller corpora (under a minute once benchmarks/.cache is built; about a minute
the first time). The full run takes several minutes; the first one also generates the 100k
corpus and its cache (a few minutes more). Each figure is compared with a floor or baseline
measured in the same run; see benchmarks/README.md for what each one means.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import bench_edirect
import bench_export
import bench_ingest
import bench_offline
import bench_search
import benchlib

BENCHES = {
    "search": bench_search.figures,  # 1 and 2: cold search on the wire, refresh
    "ingest": bench_ingest.figures,  # 3: parse + classify + store
    "offline": bench_offline.figures,  # 4: cached search, --help
    "export": bench_export.figures,  # 5: export to CSV
    "edirect": bench_edirect.figures,  # 6: side by side with EDirect; ingest over HTTP
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora, under a minute")
    parser.add_argument("--only", help="comma-separated: " + ",".join(BENCHES))
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(BENCHES)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHES)}")
    started = time.perf_counter()
    figures = []
    for name in chosen:
        figures.extend(BENCHES[name](quick=args.quick))
    elapsed = time.perf_counter() - started
    print(benchlib.table(figures))
    print()
    print(benchlib.notes(figures))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\n{'quick' if args.quick else 'full'} run, {elapsed:.0f} s; Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load {load:.2f} at the end"
    )
    missed = [f for f in figures if f.met is False]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
