"""Figures 1 and 2: a cold `search` on the wire, then a `refresh` when nothing is new.

    python benchmarks/bench_search.py [--quick] [--records N] [--latency S] [--per-record S]
                                      [--api-key]

The fake E-utilities server (indexed, see indexed_fake.py) holds the generated corpus (10k
records, 1k with --quick; about one in five on the tool's subjects), answers after
``--latency`` seconds plus ``--per-record`` seconds per efetched record, and enforces NCBI's
limit: more than 3 requests in any second get HTTP 429 (10 with ``--api-key``, which gives
the CLI a key). The real CLI runs in a subprocess (``python -m withdrawal_lit search``) with
no rate override, as a user's first search would, on an empty cache.

1. Requests made against the bound: one esearch per question, one efetch per 2,000 of the
   unique PMIDs the questions return, and one more (an epost). Wall time (whole process;
   the median of three runs, each on an empty cache) against the rate-limit floor: the time
   the requests that were answered take when each starts as soon as both the previous answer
   is in and 1/3 s (1/10 s with a key) has passed since the previous start, each taking as
   long as the server spent on it (its configured latency and its own work), with no time
   spent by the client at all.
2. `refresh` right after, with nothing new on the server: the requests it makes (target one
   esearch per query), when the installed CLI has `refresh`.
3. `refresh` again after a few cached records were modified and none entered: no esearch per
   question (the cache knows which questions return them).
"""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path

import benchlib
from benchlib import Figure
from corpora import shipped_queries
from indexed_fake import IndexedEutils, Served, loaded

from withdrawal_lit.pubmed_term import normalise_term

NCBI_RATE = 3  # requests per second without an API key
NCBI_RATE_WITH_KEY = 10
BENCH_KEY = "0123456789abcdef0123456789abcdef0123"  # only ever sent to the local fake
LATENCY = 0.1  # seconds per request
PER_RECORD = 0.001  # seconds per efetched record (500 records: 0.5 s)
PER_EFETCH = 2_000  # target: one efetch per 2,000 new records
MODIFIED = 3  # records modified on the night of the last figure
REPEAT = 3  # cold searches, each on an empty cache: the run of median ratio is reported


def floor_seconds(served: list[Served], rate: float) -> float:
    """The time these requests take one after another at ``rate`` with zero client time."""
    start = end = 0.0
    for i, request in enumerate(served):
        if i:
            start = max(start + 1 / rate, end)
        end = start + request.seconds
    return end


def figures(
    quick: bool = False,
    records: int | None = None,
    latency: float = LATENCY,
    per_record: float = PER_RECORD,
    api_key: bool = False,
) -> list[Figure]:
    count = records or (1_000 if quick else 10_000)
    rate = NCBI_RATE_WITH_KEY if api_key else NCBI_RATE
    benchlib.say(f"loading {count:,} records into the fake E-utilities server...")
    fake = loaded(
        count, rate_limit=rate, latency_per_request=latency, latency_per_record=per_record
    )
    queries = shipped_queries()
    unique = set()
    for query in queries:
        unique.update(fake.search(normalise_term(query.term)).ids)
    # One esearch per question, one efetch per 2,000 new records, plus one (an epost)
    bound = len(queries) + math.ceil(len(unique) / PER_EFETCH) + 1

    with tempfile.TemporaryDirectory() as tmp, fake:
        benchlib.say(
            f"cold search of {len(queries)} queries ({len(unique):,} unique PMIDs), "
            f"{REPEAT} runs..."
        )
        runs = []
        for i in range(REPEAT):
            env = benchlib.cli_env(
                Path(tmp) / f"home-{i}",
                WITHDRAWAL_LIT_EUTILS_URL=fake.url,
                WITHDRAWAL_LIT_DB=str(Path(tmp) / f"cache-{i}.sqlite3"),
                **({"NCBI_API_KEY": BENCH_KEY} if api_key else {}),
            )
            time.sleep(1.0)  # a rate-limit window apart, so one run's requests never count
            fake.served.clear()  # against the next's (the fake, as NCBI, would answer 429)
            cold = benchlib.checked(benchlib.run(benchlib.cli("search"), env), "search")
            served = list(fake.served)
            floor = floor_seconds([s for s in served if s.status == 200], rate)
            runs.append((cold.seconds / floor, cold, served, floor, env))
        runs.sort(key=lambda run: run[0])
        ratios = ", ".join(f"{run[0]:.2f}" for run in runs)
        _, cold, served, floor, env = runs[len(runs) // 2]
        answered = [s for s in served if s.status == 200]
        by_utility = {}
        for s in served:
            by_utility[s.utility] = by_utility.get(s.utility, 0) + 1
        throttled = sum(1 for s in served if s.status == 429)
        detail = ", ".join(f"{u} {n}" for u, n in sorted(by_utility.items()))
        found = [
            Figure(
                "cold search: requests",
                len(served),
                "requests",
                len(queries),
                "questions",
                f"≤ {bound} (a question each + one per {PER_EFETCH:,} new + 1)",
                len(served) <= bound,
                f"{detail}; {throttled} answered 429; {len(unique):,} unique PMIDs of "
                f"{count:,} records",
            ),
            Figure(
                "cold search: wall time",
                cold.seconds,
                "s",
                floor,
                "rate-limit floor",
                "≤ 1.2 × floor",
                cold.seconds <= 1.2 * floor,
                f"median of {REPEAT} runs (ratios {ratios}); "
                f"{rate} requests/s ({'with' if api_key else 'no'} API key); "
                f"latency {latency:g} s per request + {per_record * 1000:g} ms per record; "
                f"server time {sum(s.seconds for s in answered):.2f} s in all; first request "
                f"{served[0].started - cold.started:.2f} s after start, exit "
                f"{cold.started + cold.seconds - served[-1].started - served[-1].seconds:.2f} s "
                "after the last answer",
            ),
        ]
        found.append(_refresh(fake, env, len(queries)))
        found.append(_modified(fake, env, sorted(unique)[:MODIFIED], len(queries)))
    return found


def _modified(fake: IndexedEutils, env: dict[str, str], pmids: list[str], queries: int) -> Figure:
    """A night on which nothing was entered but a few cached records were modified."""
    benchlib.say(f"refresh with {len(pmids)} records modified, none entered...")
    for pmid in pmids:
        fake.revise(pmid, title=f"{fake.records[pmid].title} (corrected)")
    time.sleep(1.0)
    fake.served.clear()
    benchlib.checked(benchlib.run(benchlib.cli("refresh"), env), "refresh")
    served = list(fake.served)
    utilities = sorted({s.utility for s in served})
    detail = ", ".join(f"{u} {sum(1 for s in served if s.utility == u)}" for u in utilities)
    return Figure(
        f"refresh, {len(pmids)} records modified: requests",
        len(served),
        "requests",
        queries,
        "questions",
        "≤ 4: no esearch per question",
        len(served) <= 4,
        f"{detail} (the combined esearch, one checking which questions return the modified "
        "records, the modified-since esearch when their dates fall in the window, one efetch)",
    )


def _refresh(fake: IndexedEutils, env: dict[str, str], queries: int) -> Figure:
    name = "refresh, nothing new: requests"
    target = f"= {queries} (one esearch per query)"
    if not benchlib.has_command("refresh"):
        return benchlib.unavailable(name, "`withdrawal-lit refresh` does not exist yet", target)
    benchlib.say("refresh with nothing new...")
    fake.served.clear()
    benchlib.checked(benchlib.run(benchlib.cli("refresh"), env), "refresh")
    served = list(fake.served)
    utilities = {s.utility for s in served}
    return Figure(
        name,
        len(served),
        "requests",
        queries,
        "queries",
        target,
        len(served) <= queries and utilities <= {"esearch"},
        ", ".join(sorted(f"{u} {sum(1 for s in served if s.utility == u)}" for u in utilities)),
    )


def main() -> None:
    parser = benchlib.server_parser(__doc__, 1_000, LATENCY, PER_RECORD)
    parser.add_argument("--api-key", action="store_true", help="with a key: 10 requests/s")
    args = parser.parse_args()
    found = figures(args.quick, args.records, args.latency, args.per_record, args.api_key)
    benchlib.show(found)


if __name__ == "__main__":
    main()
