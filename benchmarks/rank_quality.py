"""How good is the ranking? nDCG@10 and P@5 of three orders against relevance judgments.

    python benchmarks/rank_quality.py --db CACHE --qrels FILE [--this-year 2026] [--json]

For every query named in the qrels file (TREC format: ``query 0 PMID grade``, grades 0-3),
the query's cached records (the ones `search` ranks, i.e. its live hits) are put in three
orders:

  ours     rank.rank as `search` orders them (services.search.rank_candidates, no limit;
           retracted papers last)
  bm25     the FTS5 bm25 score alone (title x10, abstract x4, MeSH and keywords x2), as a plain
           full-text engine would order them
  newest   by the date the record entered PubMed, newest first (PubMed's "Most recent")

Ties in the two baselines go to the newer record, then the higher PMID, as in rank.rank; the
baselines do not demote retractions. Judgments of PMIDs the query does not return from the
cache are left out (the ranking cannot place them); they are counted in the "uncached"
column. See metrics.py for the metric conventions and README.md for how to build a cache.

    python benchmarks/rank_quality.py [--real DIR]         # synthetic cache built on the fly

Without --db the synthetic corpus cache is built in a temporary folder (build_corpus_cache.py)
and judged with qrels/corpus.qrels. Beside it, when the real on-topic set is there
(../shared/realdata/ontopic, or --real), the same three orders are judged on real records for
(a) the predefined questions and (b) one ad-hoc term per question written as a user would
type it (realset.USER_TERMS), in two pools (realset.POOLS); then a leave-one-question-out check
of the one fitted weight (rank.WEIGHTS["roles"]) and the bottom lines against the authors' own
conclusions. A question with no relevant record is reported apart (nDCG undefined).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import RELEVANT_GRADE, mean, ndcg_at_k, precision_at_k, read_qrels  # noqa: E402

from withdrawal_lit import rank  # noqa: E402
from withdrawal_lit.errors import WithdrawalLitError  # noqa: E402
from withdrawal_lit.query_files import load_queries  # noqa: E402
from withdrawal_lit.records import Query  # noqa: E402
from withdrawal_lit.services.search import Filters, rank_candidates  # noqa: E402
from withdrawal_lit.settings import builtin_queries_dir  # noqa: E402
from withdrawal_lit.store import Store  # noqa: E402

ORDERS = ("ours", "bm25", "newest")
QRELS = Path(__file__).resolve().parent / "qrels" / "corpus.qrels"
NDCG_K = 10
P_K = 5


@dataclass
class QueryScores:
    query: str
    candidates: int  # cached records the query returns
    judged: int  # of those, how many the qrels grade
    relevant: int  # of those, grade >= RELEVANT_GRADE
    uncached: int  # judged PMIDs the cache does not return for the query
    best_precision: float = 0.0  # P@5 of the ideal order: the ceiling short lists impose
    ndcg: dict[str, float | None] = field(default_factory=dict)
    precision: dict[str, float] = field(default_factory=dict)
    orders: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "candidates": self.candidates,
            "judged": self.judged,
            "relevant": self.relevant,
            "uncached": self.uncached,
            f"best_p@{P_K}": self.best_precision,
            f"ndcg@{NDCG_K}": self.ndcg,
            f"p@{P_K}": self.precision,
            "top": {name: order[:NDCG_K] for name, order in self.orders.items()},
        }


def orders(
    store: Store, query: Query, this_year: int, weights: Mapping[str, float] | None = None
) -> dict[str, list[str]]:
    """The query's cached PMIDs in each of the three orders (see the module docstring);
    ``weights`` re-ranks "ours" with other weights, to try them before changing rank.py."""
    _, ranked = rank_candidates(store, query, Filters(limit=None), this_year)
    features = [r.features for r in ranked]
    if weights is not None:
        ranked = rank.rank(features, this_year=this_year, weights=weights)

    return {"ours": [r.pmid for r in ranked], **baselines(features)}


def baselines(features) -> dict[str, list[str]]:
    """The two baseline orders of ``features`` (see the module docstring)."""

    def date(f) -> str:
        return f.date or (f"{f.year:04d}" if f.year else "")

    return {
        "bm25": [
            f.pmid
            for f in sorted(features, key=lambda f: (f.bm25, date(f), int(f.pmid)), reverse=True)
        ],
        "newest": [
            f.pmid for f in sorted(features, key=lambda f: (date(f), int(f.pmid)), reverse=True)
        ],
    }


def evaluate(
    store: Store,
    queries: Sequence[Query],
    qrels: Mapping[str, Mapping[str, int]],
    this_year: int,
    weights: Mapping[str, float] | None = None,
) -> list[QueryScores]:
    rows = []
    for query in queries:
        ranked = orders(store, query, this_year, weights)
        pool = set(ranked["ours"])
        judged = {pmid: g for pmid, g in qrels.get(query.name, {}).items() if pmid in pool}
        row = QueryScores(
            query=query.name,
            candidates=len(pool),
            judged=len(judged),
            relevant=sum(1 for g in judged.values() if g >= RELEVANT_GRADE),
            uncached=len(qrels.get(query.name, {})) - len(judged),
            best_precision=precision_at_k(
                sorted(judged, key=judged.__getitem__, reverse=True), judged, P_K
            ),
            orders=ranked,
        )
        for name, order in ranked.items():
            row.ndcg[name] = ndcg_at_k(order, judged, NDCG_K)
            row.precision[name] = precision_at_k(order, judged, P_K)
        rows.append(row)
    return rows


def means(rows: Sequence[QueryScores]) -> dict[str, dict[str, float | None]]:
    return {
        f"ndcg@{NDCG_K}": {o: mean(r.ndcg[o] for r in rows) for o in ORDERS},
        f"p@{P_K}": {o: mean(r.precision[o] for r in rows) for o in ORDERS},
        f"best_p@{P_K}": mean(r.best_precision for r in rows),
    }


def table(rows: Sequence[QueryScores]) -> str:
    """A plain-text table: one line per query, then the means."""

    def num(value: float | None) -> str:
        return "   -" if value is None else f"{value:.3f}"

    width = max([len("query"), len("mean"), *(len(r.query) for r in rows)])
    head = f"{'query':<{width}}  {'n':>3} {'judged':>6} {'rel':>3} {'uncached':>8} {'max P@5':>7}"
    for name in ORDERS:
        head += f"  {name + f' nDCG@{NDCG_K}':>13} {f'P@{P_K}':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        line = f"{r.query:<{width}}  {r.candidates:>3} {r.judged:>6} {r.relevant:>3} "
        line += f"{r.uncached:>8} {num(r.best_precision):>7}"
        for name in ORDERS:
            line += f"  {num(r.ndcg[name]):>13} {num(r.precision[name]):>5}"
        lines.append(line)
    lines.append("-" * len(head))
    avg = means(rows)
    line = f"{'mean':<{width}}  {'':>3} {'':>6} {'':>3} {'':>8} {num(avg[f'best_p@{P_K}']):>7}"
    for name in ORDERS:
        line += f"  {num(avg[f'ndcg@{NDCG_K}'][name]):>13} {num(avg[f'p@{P_K}'][name]):>5}"
    lines.append(line)
    undefined = [r.query for r in rows if r.ndcg["ours"] is None]
    if undefined:
        lines.append(f"(no relevant judged record, left out of the nDCG mean: {undefined})")
    return "\n".join(lines) + "\n"


def parse_weights(text: str) -> dict[str, float]:
    """'relevance=0.5,recency=0' -> rank.WEIGHTS with those entries replaced."""
    weights = dict(rank.WEIGHTS)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if name.strip() not in weights:
            raise argparse.ArgumentTypeError(
                f"unknown weight {name.strip()!r}; known: {', '.join(weights)}"
            )
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{part!r}: give name=number") from None
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", type=Path, help="a withdrawal-lit cache (default: build the synthetic corpus's)"
    )
    parser.add_argument(
        "--qrels", type=Path, default=QRELS, help="TREC qrels file (default: the corpus's)"
    )
    parser.add_argument(
        "--real", type=Path, default=None, help="the real on-topic set (default: ../shared's)"
    )
    parser.add_argument(
        "--queries-dir", type=Path, help="your own query files, added to the shipped ones"
    )
    parser.add_argument(
        "--this-year",
        type=int,
        default=datetime.now(UTC).year,
        help="the year recency is counted from (default: this year); pin it to compare runs",
    )
    parser.add_argument(
        "--weights",
        type=parse_weights,
        metavar="NAME=VALUE,...",
        help="rank 'ours' with these weights instead of rank.WEIGHTS (unnamed ones kept)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        with args.qrels.open(encoding="utf-8") as fh:
            qrels = read_qrels(fh)
    except (OSError, ValueError) as exc:
        print(f"error: {args.qrels}: {exc}", file=sys.stderr)
        return 2
    dirs = [builtin_queries_dir(), *([args.queries_dir] if args.queries_dir else [])]
    try:
        known = load_queries(dirs)
        unknown = sorted(set(qrels) - set(known))
        if unknown:
            print(f"error: {args.qrels} judges unknown queries: {unknown}", file=sys.stderr)
            return 2
        chosen = [known[name] for name in qrels]
        if args.db is None:
            rows = _synthetic(chosen, qrels, args.this_year, args.weights)
        else:
            with Store.open(args.db, readonly=True) as store:
                rows = evaluate(store, chosen, qrels, args.this_year, args.weights)
        real = _real(args.real, known, args.this_year)
    except WithdrawalLitError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    if args.json:
        payload = {
            "weights": args.weights or dict(rank.WEIGHTS),
            "queries": [r.to_json() for r in rows],
            "mean": means(rows),
            "real": real.to_json() if real else None,
        }
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("Synthetic corpus (its own judgments; regression set)\n")
        sys.stdout.write(table(rows))
        if real:
            sys.stdout.write("\n" + real.text())
        else:
            sys.stdout.write("\n(real on-topic set not found: real-record figures skipped)\n")
    return 0


def _synthetic(queries, qrels, this_year: int, weights) -> list[QueryScores]:
    """The corpus cache, built in a temporary folder as build_corpus_cache.py does."""
    import tempfile

    from build_corpus_cache import build

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "corpus.sqlite3"
        done = build(db)
        if done.returncode != 0:
            raise SystemExit(f"error: building the corpus cache failed:\n{done.stderr}")
        with Store.open(db, readonly=True) as store:
            return evaluate(store, queries, qrels, this_year, weights)


def _real(folder: Path | None, known, this_year: int):
    import real_quality
    import realset

    folder = folder or realset.ONTOPIC
    if not realset.available(folder):
        return None
    return real_quality.report(realset.load(folder), known, this_year)


if __name__ == "__main__":
    sys.exit(main())
