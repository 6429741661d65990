"""Recall of each predefined question on real records, as PubMed holds them before indexing.

    python benchmarks/recall.py [--realdata ../shared/realdata] [--queries-dir DIR] [--json]
                                [--with-mesh]

The real on-topic PubMed records of ../shared/realdata/ontopic/ (graded per question in
qrels.tsv) are served by the fake E-utilities server with their MeSH headings and
ChemicalList removed (``--with-mesh`` keeps them), as a paper looks in the weeks before NLM
indexes it. Each question is then run through the real CLI (`withdrawal-lit search NAME
--json`, in-process) against that server, and the script prints per question:

  relevant   records graded >= 2 for the question, found / judged
  recall     found / judged (target: >= 95 %)
  missed     the PMIDs of relevant records not found
  returned   records of the set the question returned, and how many of them are graded 0
  near       near misses found: records no question grades above 1 (melatonin for delirium,
             paw withdrawal, alcohol withdrawal, kratom to quit stimulants ...), with the rank
             `search` gave each among the question's results (n = how many it returned)

``--queries-dir`` adds a folder of query files that override the shipped ones by name (e.g.
an older version of queries/ to compare before and after). Exit status 1 when a question
with judged relevant records is below the target.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from click.testing import CliRunner  # noqa: E402
from fake_eutils import FakeEutils  # noqa: E402
from realrecords import RELEVANT, load_qrels, load_records  # noqa: E402

from withdrawal_lit.cli import cli  # noqa: E402

TARGET = 0.95
DEFAULT_REALDATA = ROOT.parent / "shared" / "realdata"


@dataclass
class QuestionRecall:
    query: str
    relevant: int  # judged grade >= 2
    found: int  # of those, returned by the search
    returned: int  # everything the search returned from the set
    off_topic: int = 0  # of those, graded 0 for this question
    missed: list[str] = field(default_factory=list)
    near_misses: dict[str, int] = field(default_factory=dict)  # pmid -> rank in the results

    @property
    def recall(self) -> float | None:
        return self.found / self.relevant if self.relevant else None

    def to_json(self) -> dict:
        return {**asdict(self), "recall": self.recall}


def near_miss_pmids(qrels: dict[str, dict[str, int]]) -> set[str]:
    """Records no question grades above 1: the set's deliberate near misses."""
    best: dict[str, int] = {}
    for grades in qrels.values():
        for pmid, grade in grades.items():
            best[pmid] = max(best.get(pmid, 0), grade)
    return {pmid for pmid, grade in best.items() if grade <= 1}


def ranked_pmids(name: str) -> list[str]:
    """The question's results in the order `search` ranks them (the environment points the
    CLI at the fake server and at a fresh cache)."""
    result = CliRunner().invoke(cli, ["search", name, "--json", "--limit", "100000", "--refresh"])
    if result.exit_code not in (0, 6):  # 6: PubMed found nothing
        raise RuntimeError(f"search {name} failed ({result.exit_code}): {result.output}")
    if result.exit_code == 6 or not result.stdout.strip():
        return []
    return [item["pmid"] for item in sorted(json.loads(result.stdout), key=lambda i: i["rank"])]


def measure(
    realdata: Path, *, mesh: bool = False, queries_dir: Path | None = None
) -> list[QuestionRecall]:
    """Per-question recall on the real records, each question run through the CLI."""
    qrels = load_qrels(realdata)
    near = near_miss_pmids(qrels)
    saved = dict(os.environ)
    out = []
    with tempfile.TemporaryDirectory() as tmp, FakeEutils() as fake:
        for record in load_records(realdata, mesh=mesh):
            fake.add(record)
        os.environ.update(
            WITHDRAWAL_LIT_EUTILS_URL=fake.url,
            WITHDRAWAL_LIT_DB=str(Path(tmp) / "recall.sqlite3"),
            WITHDRAWAL_LIT_CONFIG=str(Path(tmp) / "config.toml"),
            WITHDRAWAL_LIT_RATE_LIMIT="1000",
            NCBI_EMAIL="recall@example.org",
            WITHDRAWAL_LIT_TRIALS="off",  # PubMed recall only
        )
        for var in ("WITHDRAWAL_LIT_QUERIES", "NCBI_API_KEY"):
            os.environ.pop(var, None)
        if queries_dir is not None:
            os.environ["WITHDRAWAL_LIT_QUERIES"] = str(queries_dir)
        try:
            for name, grades in sorted(qrels.items()):
                ranked = ranked_pmids(name)
                relevant = {p for p, g in grades.items() if g >= RELEVANT}
                out.append(
                    QuestionRecall(
                        query=name,
                        relevant=len(relevant),
                        found=len(relevant & set(ranked)),
                        returned=len(ranked),
                        off_topic=sum(1 for p in ranked if grades.get(p, 0) == 0),
                        missed=sorted(relevant - set(ranked)),
                        near_misses={p: i for i, p in enumerate(ranked, start=1) if p in near},
                    )
                )
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return out


def render(rows: list[QuestionRecall], mesh: bool) -> str:
    lines = [
        f"Recall on real on-topic records ({'with MeSH' if mesh else 'MeSH and substances removed'}"
        f"), target >= {TARGET:.0%} of grade >= {RELEVANT}",
        f"{'question':40} {'relevant':>9} {'recall':>7} {'returned (grade 0)':>18}  "
        "near misses found (rank/n)  missed",
    ]
    for row in rows:
        recall = "-" if row.recall is None else f"{row.recall:.0%}"
        near = ", ".join(f"{p} ({r}/{row.returned})" for p, r in row.near_misses.items())
        lines.append(
            f"{row.query:40} {row.found:>4}/{row.relevant:<4} {recall:>7} "
            f"{f'{row.returned} ({row.off_topic})':>18}  {near or 'none':27}"
            f" {' '.join(row.missed) or '-'}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--realdata", type=Path, default=DEFAULT_REALDATA)
    parser.add_argument("--queries-dir", type=Path)
    parser.add_argument("--with-mesh", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.realdata / "ontopic" / "records.xml").is_file():
        print(f"error: no ontopic/records.xml under {args.realdata}", file=sys.stderr)
        return 2
    rows = measure(args.realdata, mesh=args.with_mesh, queries_dir=args.queries_dir)
    if args.json:
        print(json.dumps([row.to_json() for row in rows], indent=2))
    else:
        print(render(rows, args.with_mesh))
    below = [r for r in rows if r.recall is not None and r.recall < TARGET]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
