"""Figure 4: `search --offline` on a 100k-record cache, and `--help`, as whole processes.

    python benchmarks/bench_offline.py [--quick] [--repeat N]

The cache holds the hit corpus (see corpora.py): 100,000 records (10,000 with --quick), each
a hit of every shipped query whose PubMed term matches it, as `search` leaves a cache. It is
built once into benchmarks/.cache. Each figure is the median whole-process time of N runs of
``python -m withdrawal_lit ...`` (after one warm-up run), output to a pipe; the baseline is
``python -c pass`` timed the same way, the cost of starting the interpreter at all.

Three more, each the median of three rounds on a fresh copy of the cache:
- features never computed: every question's stored ranking features deleted (as a cache new
  to this version has them), the first `search --offline` computes and stores them;
- right after an ad hoc search: `search --term` adds 200 records from a local fake server,
  none of which a question returns, then the first `search --offline` is timed, and the
  second. A question's features depend on its own records only, so neither computes any;
  both are compared with the steady state's time;
- then the largest question gains one of those records as a hit (as a refresh finding it
  would): the next `search --offline` computes that question's features again, and only its.
"""

from __future__ import annotations

import sqlite3

import benchlib
from benchlib import Figure

TARGET_SEARCH = 0.3  # seconds, whole process
TARGET_HELP = 0.1
AD_HOC_RECORDS = 200  # records an ad hoc search adds before the offline searches
AD_HOC_TERM = "1000:3000[dp]"  # every record the server holds


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
        *_rounds(db, size, search),
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


def _rounds(db, size: int, steady: float, rounds: int = 3) -> list[Figure]:
    """The first `search --offline` with no stored features, and the first and second right
    after an ad hoc search, each on a fresh copy of the cache (median of ``rounds``)."""
    import statistics
    import tempfile
    from pathlib import Path

    import generate
    from indexed_fake import IndexedEutils

    fake = IndexedEutils()
    for record in generate.records(range(size, size + AD_HOC_RECORDS)):
        fake.add(record)
    cold, first, second, gained = [], [], [], []
    with fake:
        for _ in range(rounds):
            with tempfile.TemporaryDirectory(dir=benchlib.CACHE_DIR) as tmp:
                copy = Path(tmp) / "cache.sqlite3"
                with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
                    source.backup(target)
                    target.execute("DELETE FROM rank_features")
                    target.execute("DELETE FROM rank_state")
                env = benchlib.cli_env(
                    Path(tmp) / "home",
                    WITHDRAWAL_LIT_DB=str(copy),
                    WITHDRAWAL_LIT_EUTILS_URL=fake.url,
                )
                offline = benchlib.cli("search", "--offline")
                benchlib.say(
                    "search --offline with no stored features, an ad hoc search, two more..."
                )
                cold.append(benchlib.checked(benchlib.run(offline, env), "offline").seconds)
                adhoc = benchlib.cli("search", "--term", AD_HOC_TERM)
                benchlib.checked(benchlib.run(adhoc, env), "ad hoc")
                first.append(benchlib.checked(benchlib.run(offline, env), "offline").seconds)
                second.append(benchlib.checked(benchlib.run(offline, env), "offline").seconds)
                largest = _gain_a_hit(copy)
                gained.append(benchlib.checked(benchlib.run(offline, env), "offline").seconds)
    label = f"{size // 1000}k"
    median = statistics.median
    runs = f"median of {rounds} rounds, each on a fresh copy"
    return [
        Figure(
            f"cached `search --offline`, {label}, features never computed",
            median(cold),
            "s",
            steady,
            "steady state",
            "computed once, then stored",
            None,
            f"every question's ranking features computed and stored ({runs}: "
            + ", ".join(f"{s:.2f}" for s in cold)
            + " s)",
        ),
        Figure(
            f"cached `search --offline`, {label}, first run after an ad hoc search",
            median(first),
            "s",
            steady,
            "steady state",
            f"≤ {TARGET_SEARCH} s",
            median(first) <= TARGET_SEARCH,
            f"the ad hoc search added {AD_HOC_RECORDS} records no question returns: no "
            f"question's features are out of date, none is computed ({runs})",
        ),
        Figure(
            f"cached `search --offline`, {label}, second run after an ad hoc search",
            median(second),
            "s",
            steady,
            "steady state",
            f"≤ {TARGET_SEARCH} s",
            median(second) <= TARGET_SEARCH,
            runs,
        ),
        Figure(
            f"cached `search --offline`, {label}, after one question gained a record",
            median(gained),
            "s",
            steady,
            "steady state",
            "that question's features only",
            None,
            f"{largest} (the largest question) computed again, no other ({runs})",
        ),
    ]


def _gain_a_hit(db) -> str:
    """Make one record the ad hoc search added a hit of the largest question, as a refresh
    finding it would; returns the question's name."""
    with sqlite3.connect(db) as conn:
        largest = conn.execute(
            "SELECT query FROM hits WHERE query NOT LIKE 'adhoc-%' GROUP BY query "
            "ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO hits (query, pmid, first_seen, last_seen) "
            "SELECT ?, max(pmid), 'now', 'now' FROM records",
            (largest,),
        )
    return largest


def main() -> None:
    parser = benchlib.parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="a 10k-record cache")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()
    found = figures(args.quick, args.repeat)
    benchlib.show(found)


if __name__ == "__main__":
    main()
