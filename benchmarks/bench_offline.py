"""Figure 4: `search --offline` on a 100k-record cache, and `--help`, as whole processes.

    python benchmarks/bench_offline.py [--quick] [--repeat N]

The cache holds the hit corpus (see corpora.py): 100,000 records (10,000 with --quick), each
a hit of every shipped query whose PubMed term matches it, as `search` leaves a cache. It is
built once into benchmarks/.cache. Each figure is the median whole-process time of N runs of
``python -m withdrawal_lit ...`` (after one warm-up run), output to a pipe; the baseline is
``python -c pass`` timed the same way, the cost of starting the interpreter at all.
"""

from __future__ import annotations

import argparse
import sqlite3

import benchlib
from benchlib import Figure

TARGET_SEARCH = 0.5  # seconds, whole process
TARGET_HELP = 0.25


def figures(quick: bool = False, repeat: int = 7) -> list[Figure]:
    from corpora import cache_db

    size = 10_000 if quick else 100_000
    db = cache_db(size)
    env = benchlib.cli_env(benchlib.CACHE_DIR / "home", WITHDRAWAL_LIT_DB=str(db))
    benchlib.say(f"timing search --offline on {size:,} records, --help, python -c pass...")
    python = benchlib.median_run([benchlib.PYTHON, "-c", "pass"], env, repeat)
    search = benchlib.median_run(benchlib.cli("search", "--offline"), env, repeat)
    helped = benchlib.median_run(benchlib.cli("--help"), env, repeat)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        hits = conn.execute("SELECT count(*) FROM hits WHERE gone_since IS NULL").fetchone()[0]
        per_query = [r[0] for r in conn.execute("SELECT count(*) FROM hits GROUP BY query")]
    label = f"{size // 1000}k"
    return [
        Figure(
            f"cached `search --offline`, {label} records",
            search,
            "s",
            python,
            "python -c pass",
            f"≤ {TARGET_SEARCH} s",
            search <= TARGET_SEARCH,
            f"{hits:,} hits over {len(per_query)} queries ({min(per_query):,} to "
            f"{max(per_query):,} records a query); median of {repeat} runs",
        ),
        Figure(
            "`withdrawal-lit --help`",
            helped,
            "s",
            python,
            "python -c pass",
            f"≤ {TARGET_HELP} s",
            helped <= TARGET_HELP,
            f"median of {repeat} runs",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 10k-record cache")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()
    found = figures(args.quick, args.repeat)
    print(benchlib.table(found))
    print(benchlib.notes(found))


if __name__ == "__main__":
    main()
