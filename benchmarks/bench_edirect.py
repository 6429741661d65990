"""Side by side with EDirect: the same terms, the same fake server, the same run.

    python benchmarks/bench_edirect.py [--quick] [--records N] [--latency S] [--per-record S]

EDirect (NCBI's command-line E-utilities, Debian's ``ncbi-entrez-direct``) is what a user would
pick instead. The benchmark installs it with apt-get when it is missing and it can (as root);
otherwise it says so and prints nothing but that. Tests never need it.

One fake E-utilities server (``indexed_fake.IndexedEutils``) holds the generated corpus and
enforces NCBI's limit with a key strictly (an 11th request within any second gets HTTP 429),
with ``--latency`` seconds per request and ``--per-record`` seconds per efetched record. Both
tools get the same API key and e-mail. EDirect is pointed at the server with its ``-base``
option (read in ``ecommon.sh``: it replaces the E-utilities base URL); since the URL has
NCBI's ``/entrez/eutils/`` path, EDirect's own spacing (0.11 s after each request with a key,
in ``nquire``) applies as against NCBI. As PubMed, which holds every phrase of the shipped terms,
the server reports no phrase as not found (``every_phrase_exists``): EDirect asks an esearch
again, three times a second apart, when its ErrorList holds more than one PhraseNotFound or its
WarningList a QuotedPhraseNotFound, which a small corpus would provoke and PubMed would not.
The server remembers what each term matched (``remember_terms``: the same answers; each term
evaluated once, before the timed runs): evaluating the questions' terms in Python cost it 1.6-3 s
of CPU a run on the same two cores as the tools (0.1-0.8 s an esearch at 20,000 records),
where NCBI's own work costs this machine nothing; its time is the ``--latency`` per request.

1. The eight questions: ``withdrawal-lit search`` on an empty cache (esearch, efetch, parse,
   classify, store, rank, print) against EDirect's ``esearch -db pubmed -query TERM | efetch
   -format xml > /dev/null`` for each question's term, one after another (fetch only: no
   parsing, no storing). Requests, 429 answers and wall time of each, and their ratios.
2. Ingest over HTTP: one ad hoc ``search --term`` returning every record of a server with
   ``--ingest-records`` records (9,000; EDirect takes another path beyond PubMed's 9,999), no
   latency per record: records per second end to end (whole process), against EDirect fetching
   the same term.

The runs alternate (ours, EDirect, ours, EDirect...; one second apart, so no run's requests
count against the next in the server's window) and the run of median ratio is reported.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import benchlib
from benchlib import Figure
from corpora import shipped_queries
from indexed_fake import IndexedEutils, loaded

from withdrawal_lit.pubmed_term import normalise_term

KEY = "0123456789abcdef0123456789abcdef0123"  # only ever sent to the local fake
EMAIL = "benchmarks@example.org"
RATE = 10  # NCBI's limit with a key
LATENCY = 0.1  # seconds per request
PER_RECORD = 0.0005  # seconds per efetched record
REPEAT = 3
INGEST_RECORDS = 9_000  # all returned by one ad hoc term (EDirect's own path ends at 9,999)
ALL_RECORDS_TERM = "1000:3000[dp]"  # every generated record has a publication date
PER_2000 = 2_000  # target: one efetch per 2,000 new records


@dataclass
class Measured:
    seconds: float
    requests: int
    throttled: int
    by_utility: dict[str, int]


def edirect_available() -> str | None:
    """Why EDirect cannot run here (None: it can), after trying to install it."""
    if shutil.which("esearch") and shutil.which("efetch"):
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "EDirect is not installed (apt-get install ncbi-entrez-direct, as root)"
    benchlib.say("installing EDirect (apt-get install ncbi-entrez-direct)...")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    result = subprocess.run(
        ["apt-get", "install", "-y", "-q", "ncbi-entrez-direct"], env=env, check=False, **quiet
    )
    if result.returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, check=False, **quiet)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "ncbi-entrez-direct"], env=env, check=False, **quiet
        )
    if shutil.which("esearch") and shutil.which("efetch"):
        return None
    return "EDirect could not be installed (apt-get install ncbi-entrez-direct failed)"


def _measure(fake: IndexedEutils, action) -> Measured:
    time.sleep(1.1)  # a rate-limit window apart from the run before
    fake.served.clear()
    seconds = action()
    served = list(fake.served)
    by_utility: dict[str, int] = {}
    for s in served:
        by_utility[s.utility] = by_utility.get(s.utility, 0) + 1
    throttled = sum(1 for s in served if s.status == 429)
    return Measured(seconds, len(served), throttled, by_utility)


def _ours(fake: IndexedEutils, tmp: Path, args: list[str], tag: str) -> float:
    env = benchlib.cli_env(
        tmp / f"home-{tag}",
        WITHDRAWAL_LIT_EUTILS_URL=fake.url,
        WITHDRAWAL_LIT_DB=str(tmp / f"cache-{tag}.sqlite3"),
        NCBI_API_KEY=KEY,
        NCBI_EMAIL=EMAIL,
    )
    return benchlib.checked(benchlib.run(benchlib.cli(*args), env), " ".join(args)).seconds


def _edirect(fake: IndexedEutils, terms: list[str]) -> float:
    """EDirect fetching every term's records as XML, one term after another (to /dev/null)."""
    env = {**os.environ, "NCBI_API_KEY": KEY, "EMAIL": EMAIL}
    script = "\n".join(
        f"esearch -db pubmed -query {_quote(term)} -base {fake.url} | "
        f"efetch -format xml -base {fake.url} > /dev/null || exit 1"
        for term in terms
    )
    started = time.perf_counter()
    result = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"EDirect failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return seconds


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _pairs(fake, repeat, ours, theirs) -> list[tuple[Measured, Measured]]:
    runs = []
    for _ in range(repeat):
        mine = _measure(fake, ours)
        other = _measure(fake, theirs)
        runs.append((mine, other))
    runs.sort(key=lambda pair: pair[0].seconds / pair[1].seconds)
    return runs


def _detail(m: Measured) -> str:
    parts = ", ".join(f"{u} {n}" for u, n in sorted(m.by_utility.items()))
    return f"{m.requests} requests ({parts}), {m.throttled} answered 429, {m.seconds:.2f} s"


def figures(
    quick: bool = False,
    records: int | None = None,
    latency: float = LATENCY,
    per_record: float = PER_RECORD,
    ingest_records: int | None = None,
) -> list[Figure]:
    why = edirect_available()
    names = [
        "EDirect side by side: requests",
        "EDirect side by side: wall time",
        "EDirect side by side: 429 answers",
        "ingest over HTTP (records/s)",
    ]
    if why:
        benchlib.say(f"skipping the EDirect comparison: {why}")
        return [benchlib.unavailable(name, why, "—") for name in names]
    count = records or (4_000 if quick else 20_000)
    repeat = 1 if quick else REPEAT
    queries = shipped_queries()
    terms = [normalise_term(q.term) for q in queries]
    benchlib.say(f"loading {count:,} records into the fake E-utilities server...")
    fake = loaded(
        count,
        rate_limit=RATE,
        latency_per_request=latency,
        latency_per_record=per_record,
        every_phrase_exists=True,
        remember_terms=True,
    )
    unique = set()
    for term in terms:
        unique.update(fake.search(term).ids)
    found: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp, fake:
        tmp_path = Path(tmp)
        benchlib.say(
            f"the {len(queries)} questions ({len(unique):,} unique PMIDs of {count:,}), ours and "
            f"EDirect's, {repeat} time(s) each..."
        )
        counter = iter(range(1000))
        runs = _pairs(
            fake,
            repeat,
            lambda: _ours(fake, tmp_path, ["search"], f"q{next(counter)}"),
            lambda: _edirect(fake, terms),
        )
        mine, other = runs[len(runs) // 2]
        ratios = ", ".join(f"{a.seconds / b.seconds:.2f}" for a, b in runs)
        bound = len(queries) + math.ceil(len(unique) / PER_2000) + 1
        setting = (
            f"{RATE} requests/s with a key, strict window; latency {latency:g} s per request "
            f"+ {per_record * 1000:g} ms per record"
        )
        found += [
            Figure(
                "EDirect side by side: requests",
                mine.requests,
                "requests",
                other.requests,
                "EDirect",
                f"≤ EDirect's and ≤ {bound} (questions + one per 2,000 + 1)",
                mine.requests <= other.requests and mine.requests <= bound,
                f"ours {_detail(mine)}; EDirect {_detail(other)}",
            ),
            Figure(
                "EDirect side by side: wall time",
                mine.seconds,
                "s",
                other.seconds,
                "EDirect fetch only",
                "≤ 0.5 × EDirect's",
                mine.seconds <= 0.5 * other.seconds,
                f"ours incl. parse, classify, store, rank and print; run of median ratio of "
                f"{repeat} (ratios {ratios}); {setting}",
            ),
            Figure(
                "EDirect side by side: 429 answers",
                max(a.throttled for a, _ in runs),
                "",
                max(b.throttled for _, b in runs),
                "EDirect",
                "0, ever",
                all(a.throttled == 0 for a, _ in runs),
                "the most in any of our runs and of EDirect's",
            ),
        ]
    found.append(_ingest(ingest_records or (3_000 if quick else INGEST_RECORDS), repeat, latency))
    return found


def _ingest(count: int, repeat: int, latency: float) -> Figure:
    benchlib.say(f"ingest over HTTP: one ad hoc search of {count:,} records, ours and EDirect's")
    fake = loaded(
        count,
        rate_limit=RATE,
        latency_per_request=latency,
        every_phrase_exists=True,
        remember_terms=True,
    )
    assert len(fake.search(ALL_RECORDS_TERM).ids) == count
    with tempfile.TemporaryDirectory() as tmp, fake:
        counter = iter(range(1000))
        runs = _pairs(
            fake,
            repeat,
            lambda: _ours(
                fake, Path(tmp), ["search", "--term", ALL_RECORDS_TERM], f"i{next(counter)}"
            ),
            lambda: _edirect(fake, [ALL_RECORDS_TERM]),
        )
    mine, other = runs[len(runs) // 2]
    rates = ", ".join(f"{count / a.seconds:,.0f}/s" for a, _ in runs)
    return Figure(
        "ingest over HTTP (records/s)",
        count / mine.seconds,
        "records/s",
        count / other.seconds,
        "EDirect fetch only",
        "≥ 2,000/s",
        count / mine.seconds >= 2_000,
        f"{count:,} records, whole process (esearch, efetch, parse, classify, store, rank, "
        f"print); ours {_detail(mine)}; EDirect {_detail(other)}; our rates {rates}; latency "
        f"{latency:g} s per request, none per record",
    )


def main() -> None:
    parser = benchlib.server_parser(__doc__, 4_000, LATENCY, PER_RECORD)
    parser.add_argument("--ingest-records", type=int, help="records of the ingest search")
    args = parser.parse_args()
    found = figures(args.quick, args.records, args.latency, args.per_record, args.ingest_records)
    benchlib.show(found)


if __name__ == "__main__":
    main()
