"""Ranking and bottom lines judged on the real on-topic set (realset.py), for rank_quality.py.

Per question, side by side: nDCG@10 and P@5 of ours, bm25 alone and newest-first, for the
predefined query and for an ad-hoc term as a user would type it, in both pools
(realset.POOLS). Then a leave-one-question-out check of the fitted weight: for each question
with a relevant record, the roles weight is chosen from ROLE_GRID by the mean nDCG@10 of the
other questions (predefined and ad hoc, all-records pool) and scored on the one left out.
Last, the bottom lines against the authors' conclusions (records.json ``bottom_line``):
"exact" when the bottom line is the conclusion, "within" when every sentence shown is one of
the conclusion's (a conclusion of three sentences shows its first one or two), misses listed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import realset
from metrics import mean

from withdrawal_lit import rank, relations, summarize
from withdrawal_lit.queries import adhoc
from withdrawal_lit.records import Query

ROLE_GRID = tuple(round(0.05 * i, 2) for i in range(0, 17))  # 0 ... 0.8
# relations.PARTS["kin"] is set by a rule (below "present" alone, 0.2), not fitted; these
# values show how much rides on it.
KIN_GRID = (0.0, 0.05, 0.1, 0.15, 0.19)
KINDS = ("predefined", "ad hoc")


@dataclass
class RealReport:
    this_year: int
    scores: dict[str, dict[str, list]] = field(default_factory=dict)  # kind -> pool -> rows
    loqo: list[dict] = field(default_factory=list)
    bottom: dict = field(default_factory=dict)
    variants: list[dict] = field(default_factory=list)  # other wordings (robustness row)
    kin: list[dict] = field(default_factory=list)  # sensitivity to relations.PARTS["kin"]

    def to_json(self) -> dict:
        return {
            "pools": realset.POOLS,
            "scores": {
                kind: {pool: [asdict(r) for r in rows] for pool, rows in pools.items()}
                for kind, pools in self.scores.items()
            },
            "leave_one_question_out": self.loqo,
            "variant_wordings": self.variants,
            "kin_sensitivity": self.kin,
            "bottom_lines": self.bottom,
        }

    def text(self) -> str:
        lines = ["Real on-topic records (../shared/realdata/ontopic; graded 0-3 by topic)"]
        for pool, what in realset.POOLS.items():
            lines += ["", f"Pool '{pool}': {what}"]
            lines += _table(self.scores, pool)
        lines += ["", "Leave one question out (roles weight chosen on the other questions):"]
        for row in self.loqo:
            lines.append(
                f"  {row['topic']:<40} weight {row['weight']:.2f}  held-out nDCG@10 "
                f"predefined {_num(row['predefined'])}  ad hoc {_num(row['ad hoc'])}"
            )
        held = [r[k] for r in self.loqo for k in KINDS]
        lines.append(
            f"  mean held-out nDCG@10 {_num(mean(held))} (in-sample with rank.WEIGHTS: "
            f"{_num(_in_sample(self.scores))})"
        )
        lines += ["", *_kin_lines(self.kin)]
        for table, title in WORDINGS:
            pairs = {(t, term) for t, terms in table.items() for term in terms}
            rows = [r for r in self.variants if (r["topic"], r["term"]) in pairs]
            lines += ["", *_variant_lines(rows, title)]
        b = self.bottom
        lines += [
            "",
            f"Bottom lines vs the authors' conclusions ({b['judged']} records with an abstract "
            f"and a seen conclusion): exact {b['exact']} ({b['exact'] / b['judged']:.0%}), "
            f"within the conclusion {b['within']} ({b['within'] / b['judged']:.0%})",
        ]
        for miss in b["misses"]:
            lines.append(f"  miss {miss['pmid']}: shown {miss['shown']!r}")
            lines.append(f"    authors: {miss['conclusion']!r}")
        return "\n".join(lines) + "\n"


def queries_for(known: Mapping[str, Query]) -> dict[str, dict[str, Query]]:
    return {
        "predefined": {t: known[q] for t, q in realset.TOPIC_QUERY.items() if q in known},
        "ad hoc": {t: adhoc(term) for t, term in realset.USER_TERMS.items()},
    }


def report(real: realset.RealSet, known: Mapping[str, Query], this_year: int) -> RealReport:
    out = RealReport(this_year)
    chosen = queries_for(known)
    variants = {
        (topic, term): adhoc(term)
        for table, _ in WORDINGS
        for topic, terms in table.items()
        for term in terms
    }
    every = {q.name: q for table in chosen.values() for q in table.values()}
    every.update({q.name: q for q in variants.values()})
    with (
        tempfile.TemporaryDirectory() as scratch,
        realset.cache(real, every, Path(scratch) / "real.sqlite3") as store,
    ):
        features = {
            (kind, topic): realset.ranked_features(store, query, this_year)
            for kind, table in chosen.items()
            for topic, query in table.items()
        }
        variant_features = {
            key: realset.ranked_features(store, query, this_year) for key, query in variants.items()
        }
    for kind, table in chosen.items():
        out.scores[kind] = {
            pool: [
                realset.score_topic(t, q, features[(kind, t)], real.qrels[t], this_year, pool=pool)
                for t, q in table.items()
            ]
            for pool in realset.POOLS
        }
    out.loqo = leave_one_out(chosen, features, real, this_year)
    out.kin = kin_sensitivity(real, chosen, this_year)
    out.bottom = bottom_lines(real)
    out.variants = [
        {
            "topic": topic,
            "term": term,
            **{
                pool: realset.score_topic(
                    topic,
                    query,
                    variant_features[(topic, term)],
                    real.qrels[topic],
                    this_year,
                    pool=pool,
                ).ndcg["ours"]
                for pool in realset.POOLS
            },
        }
        for (topic, term), query in variants.items()
    ]
    return out


def kin_sensitivity(real: realset.RealSet, chosen, this_year: int) -> list[dict]:
    """Mean nDCG@10 (pool all) with relations.PARTS["kin"] at each of KIN_GRID, and the
    questions it moves (only one whose intervention is a class of treatments can)."""
    every = {q.name: q for table in chosen.values() for q in table.values()}
    rows = []
    for value in KIN_GRID:
        with (
            _part("kin", value),
            tempfile.TemporaryDirectory() as scratch,
            realset.cache(real, every, Path(scratch) / "real.sqlite3") as store,
        ):
            scores = {
                (kind, topic): realset.score_topic(
                    topic,
                    query,
                    realset.ranked_features(store, query, this_year),
                    real.qrels[topic],
                    this_year,
                ).ndcg["ours"]
                for kind, table in chosen.items()
                for topic, query in table.items()
            }
        rows.append(
            {
                "kin": value,
                **{kind: mean(v for (k, _), v in scores.items() if k == kind) for kind in KINDS},
                "per_question": {f"{k}/{t}": v for (k, t), v in scores.items() if v is not None},
            }
        )
    return rows


@contextmanager
def _part(name: str, value: float) -> Iterator[None]:
    """relations.PARTS[name] set to ``value`` for the block (this benchmark only)."""
    saved = relations.PARTS[name]
    relations.PARTS[name] = value
    try:
        yield
    finally:
        relations.PARTS[name] = saved


def _kin_lines(rows: list[dict]) -> list[str]:
    lines = [
        f"Sensitivity to the 'kin' part (a class intervention's other treatments; set by rule "
        f"at {relations.PARTS['kin']:.2f}, not fitted), mean nDCG@10 pool all:"
    ]
    base = rows[0]["per_question"] if rows else {}
    moving = {
        key
        for row in rows
        for key, value in row["per_question"].items()
        if abs(value - base.get(key, value)) > 0.0005
    }
    for row in rows:
        moved = [f"{k} {v:.3f}" for k, v in row["per_question"].items() if k in moving]
        lines.append(
            f"  kin {row['kin']:.2f}: predefined {_num(row['predefined'])}  ad hoc "
            f"{_num(row['ad hoc'])}" + (f"  ({'; '.join(moved)})" if moved else "")
        )
    return lines


EARLY = "Other wordings, ad hoc (written before scoring, not tuned on): nDCG@10 per pool"
LATE = (
    "Late wordings, ad hoc (written after most ranking changes; seen since, see "
    "benchmarks/README): nDCG@10 per pool"
)
FRESH = (
    "Fresh wordings, ad hoc (written before they were scored; first scored before the third "
    "round's changes, seen since: see benchmarks/README): nDCG@10 per pool"
)

# The robustness rows, each a table of other wordings and its title.
WORDINGS = (
    (realset.VARIANT_TERMS, EARLY),
    (realset.LATE_TERMS, LATE),
    (realset.FRESH_TERMS, FRESH),
)


def _variant_lines(rows: list[dict], title: str) -> list[str]:
    """Other wordings of each question (real_quality.WORDINGS; never tuned on)."""
    lines = [
        title,
        f"  {'question':<40} {'term':<72} {'all':>6} {'concepts':>8}",
    ]
    for row in rows:
        lines.append(
            f"  {row['topic']:<40} {row['term'][:72]:<72} {_num(row['all']):>6} "
            f"{_num(row['concepts']):>8}"
        )
    for pool in realset.POOLS:
        values = [r[pool] for r in rows if r[pool] is not None]
        lines.append(
            f"  mean nDCG@10 pool {pool:<9} {_num(mean(values))} (lowest "
            f"{_num(min(values, default=None))}, {len(values)} wordings)"
        )
    return lines


def leave_one_out(chosen, features, real: realset.RealSet, this_year: int) -> list[dict]:
    def ndcg(kind: str, topic: str, weight: float) -> float | None:
        weights = rank.with_roles(weight)
        query = chosen[kind][topic]
        row = realset.score_topic(
            topic, query, features[(kind, topic)], real.qrels[topic], this_year, weights=weights
        )
        return row.ndcg["ours"]

    grid = {
        (kind, topic, w): ndcg(kind, topic, w)
        for kind in KINDS
        for topic in chosen[kind]
        for w in ROLE_GRID
    }
    topics = [t for t in chosen["predefined"] if grid[("predefined", t, 0.0)] is not None]
    rows = []
    for held in topics:

        def fit(w: float, held: str = held) -> float:
            return mean(grid[(k, t, w)] for k in KINDS for t in topics if t != held) or 0.0

        best = max(ROLE_GRID, key=lambda w: (fit(w), -abs(w - rank.WEIGHTS["roles"])))
        rows.append({"topic": held, "weight": best, **{k: grid[(k, held, best)] for k in KINDS}})
    return rows


def bottom_lines(real: realset.RealSet) -> dict:
    judged = exact = within = 0
    misses = []
    for pmid, article in real.articles.items():
        want = real.conclusions.get(pmid, "")
        if not article.abstract.strip() or not want:
            continue
        judged += 1
        shown = summarize.bottom_line(article).sentences
        text = " ".join(shown)
        if text.strip() == want.strip():
            exact += 1
        if shown and all(s in want for s in shown):
            within += 1
        else:
            misses.append({"pmid": pmid, "shown": text, "conclusion": want})
    return {"judged": judged, "exact": exact, "within": within, "misses": misses}


def _table(scores, pool: str) -> list[str]:
    head = (
        f"  {'question':<40} {'roles':<28} {'n':>7} {'rel':>7}  "
        + "  ".join(f"{k[:10] + ' ' + o:>17} {'P@5':>4}" for k in KINDS for o in ("ours",))
        + "  "
        + "  ".join(f"{o + ' nDCG':>11} {'P@5':>4}" for o in ("bm25", "newest"))
    )
    lines = [head]
    rows = {kind: {r.topic: r for r in scores[kind][pool]} for kind in KINDS}
    defined, undefined = [], []
    for topic, pre in rows["predefined"].items():
        add = rows["ad hoc"][topic]
        (defined if pre.ndcg["ours"] is not None else undefined).append(topic)
        roles = ",".join(r[:4] for r in pre.roles) + " | " + ",".join(r[:4] for r in add.roles)
        line = f"  {topic:<40} {roles:<28} {f'{pre.pool}|{add.pool}':>7} "
        line += f"{f'{pre.relevant}|{add.relevant}':>7}  "
        line += "  ".join(
            f"{_num(r.ndcg['ours']):>17} {r.precision['ours']:>4.2f}" for r in (pre, add)
        )
        line += "  " + "  ".join(
            f"{_num(pre.ndcg[o]):>11} {pre.precision[o]:>4.2f}" for o in ("bm25", "newest")
        )
        lines.append(line)
    for kind in KINDS:
        means = {o: mean(rows[kind][t].ndcg[o] for t in defined) for o in realset.ORDERS}
        worst = min((rows[kind][t].ndcg["ours"] for t in defined), default=None)
        lines.append(
            f"  mean nDCG@10 {kind:<11} ours {_num(means['ours'])} (lowest {_num(worst)})  "
            f"bm25 {_num(means['bm25'])}  newest {_num(means['newest'])}  "
            f"ours - newest {_num((means['ours'] or 0) - (means['newest'] or 0))} "
            f"({_margin(means['newest'])})"
        )
    if undefined:
        lines.append(
            f"  no relevant record (nDCG undefined, left out of the means): {', '.join(undefined)}"
        )
    if pool == "concepts":
        lines.append(
            "  (most records here are relevant, so newest-first already scores high and the "
            "+0.15 margin asks for a near-perfect order, or is out of reach)"
        )
    return lines


def _margin(newest: float | None, wanted: float = 0.15) -> str:
    """What a margin of ``wanted`` over newest-first asks of nDCG@10 (at most 1)."""
    need = (newest or 0) + wanted
    if need > 1:
        return f"+{wanted:.2f} impossible: newest-first leaves {_num(1 - (newest or 0))}"
    return f"+{wanted:.2f} needs ours >= {_num(need)}"


def _in_sample(scores) -> float | None:
    return mean(r.ndcg["ours"] for kind in KINDS for r in scores[kind]["all"])


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{value:.3f}"
