"""The ranking benchmark: metrics against hand-computed values, the qrels reader, the shipped
judgments of the corpus, and benchmarks/rank_quality.py end to end on a corpus cache."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import corpus
import pytest
from click.testing import CliRunner
from fake_eutils import FakeEutils

from withdrawal_lit.cli import cli
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.settings import builtin_queries_dir

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
QRELS = BENCHMARKS / "qrels" / "corpus.qrels"
sys.path.insert(0, str(BENCHMARKS))

import metrics  # noqa: E402  (benchmarks/ is put on the path above)
import rank_quality  # noqa: E402

# 1 / log2(3), the discount at rank 2
D2 = 0.6309298


@pytest.mark.parametrize(
    ("ranked", "judgments", "k", "expected"),
    [
        # DCG = 3 + 2·D2 = 4.26186; ideal = 3 + 2·D2 + 1/2 = 4.76186
        (["a", "b", "c"], {"a": 3, "b": 2, "c": 0, "d": 1}, 10, 0.894999),
        (["a", "b", "c"], {"a": 3, "b": 2, "c": 0}, 10, 1.0),
        # DCG = 2·D2 + 3/2 = 2.76186; ideal = 4.26186
        (["c", "b", "a"], {"a": 3, "b": 2, "c": 0}, 10, 0.648039),
        (["b", "a"], {"a": 3, "b": 2}, 1, 2 / 3),
        (["x", "a"], {"a": 1}, 10, D2),  # unjudged counts as 0
        ([], {"a": 2}, 10, 0.0),
        # only the first k count on both sides: DCG@2 = 1 + 0; ideal@2 = 1 + D2
        (["a", "x", "b"], {"a": 1, "b": 1}, 2, 1 / (1 + D2)),
        (["a", "b"], {"a": 0, "b": 0}, 10, None),  # nothing relevant: undefined
        (["a"], {}, 10, None),
    ],
)
def test_ndcg_at_k(ranked, judgments, k, expected):
    value = metrics.ndcg_at_k(ranked, judgments, k)
    assert value == (None if expected is None else pytest.approx(expected, abs=1e-5))


@pytest.mark.parametrize(
    ("ranked", "judgments", "k", "grade", "expected"),
    [
        (["a", "b", "c", "d", "e"], {"a": 3, "b": 1, "c": 2, "e": 2}, 5, 2, 0.6),
        (["a", "b", "c", "d", "e", "f"], {"f": 3}, 5, 2, 0.0),  # beyond k
        (["a"], {"a": 3}, 5, 2, 0.2),  # a short list cannot score high by being short
        (["a", "b"], {"a": 1, "b": 0}, 2, 1, 0.5),
        ([], {"a": 3}, 5, 2, 0.0),
    ],
)
def test_precision_at_k(ranked, judgments, k, grade, expected):
    assert metrics.precision_at_k(ranked, judgments, k, grade) == pytest.approx(expected)


@pytest.mark.parametrize("k", [0, -1])
def test_k_must_be_positive(k):
    with pytest.raises(ValueError):
        metrics.ndcg_at_k(["a"], {"a": 1}, k)
    with pytest.raises(ValueError):
        metrics.precision_at_k(["a"], {"a": 1}, k)


@pytest.mark.parametrize(
    ("values", "expected"), [([0.5, None, 1.0], 0.75), ([None], None), ([], None), ([0.2], 0.2)]
)
def test_mean_skips_undefined(values, expected):
    assert metrics.mean(values) == (None if expected is None else pytest.approx(expected))


def test_read_qrels():
    text = """# a comment
q1 0 111 3
q1 0 222 0   # trailing comment

q2 0 111 1
q1 0 222 2
"""
    assert metrics.read_qrels(text.splitlines()) == {
        "q1": {"111": 3, "222": 2},  # the last judgment wins
        "q2": {"111": 1},
    }


@pytest.mark.parametrize(
    ("line", "problem"),
    [("q1 0 111", "expected"), ("q1 0 111 x", "whole number"), ("q1 0 111 4", "outside")],
)
def test_read_qrels_names_the_bad_line(line, problem):
    with pytest.raises(ValueError, match=f"line 2: .*{problem}"):
        metrics.read_qrels(["q1 0 1 1", line])


def test_shipped_judgments_cover_known_queries_and_corpus_records():
    qrels = metrics.read_qrels(QRELS.read_text(encoding="utf-8").splitlines())
    known = load_queries([builtin_queries_dir()])
    assert set(qrels) == set(known)
    pmids = {r["pmid"] for r in corpus.RECORDS}
    for judged in qrels.values():
        assert set(judged) <= pmids


@pytest.fixture
def corpus_cache(isolated, monkeypatch):
    """A cache of the corpus, searched through the fake server as build_corpus_cache.py does."""
    with FakeEutils() as server:
        corpus.load(server)
        monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", server.url)
        result = CliRunner().invoke(cli, ["search", "--limit", "1"])
        assert result.exit_code == 0, result.output
    return isolated / "cache.sqlite3"


def test_every_ranked_record_is_judged(corpus_cache):
    """The corpus and its judgments move together: a record added to tests/corpus.py that a
    shipped query returns must be judged in benchmarks/qrels/corpus.qrels."""
    from withdrawal_lit.store import Store

    qrels = metrics.read_qrels(QRELS.read_text(encoding="utf-8").splitlines())
    known = load_queries([builtin_queries_dir()])
    with Store.open(corpus_cache, readonly=True) as store:
        rows = rank_quality.evaluate(store, [known[n] for n in qrels], qrels, 2026)
    for row in rows:
        assert row.judged == row.candidates > 0, row.query
        assert row.uncached == 0, row.query
        assert sorted(row.orders["ours"]) == sorted(row.orders["bm25"])
        assert sorted(row.orders["ours"]) == sorted(row.orders["newest"])


def test_orders(corpus_cache):
    from withdrawal_lit.store import Store

    query = load_queries([builtin_queries_dir()])["kratom-opioid-withdrawal"]
    with Store.open(corpus_cache, readonly=True) as store:
        orders = rank_quality.orders(store, query, 2026)
    assert orders["ours"][-1] == "36000012"  # retracted: last in ours only
    dates = {r["pmid"]: r["edat"] for r in corpus.RECORDS}
    newest = [dates[p] for p in orders["newest"]]
    assert newest == sorted(newest, reverse=True)


def test_script_prints_every_query_and_the_means(corpus_cache, capsys):
    code = rank_quality.main(
        ["--db", str(corpus_cache), "--qrels", str(QRELS), "--this-year", "2026"]
    )
    assert code == 0
    out = capsys.readouterr().out
    for name in load_queries([builtin_queries_dir()]):
        assert name in out
    assert any(line.startswith("mean") for line in out.splitlines())
    assert "ours nDCG@10" in out and "bm25 nDCG@10" in out and "newest nDCG@10" in out


def test_script_reports_the_real_set_beside_the_synthetic_one(corpus_cache, capsys, ontopic):
    code = rank_quality.main(
        ["--db", str(corpus_cache), "--real", str(ontopic.folder), "--this-year", "2026"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Synthetic corpus" in out and "Real on-topic records" in out
    assert "Pool 'all'" in out and "Pool 'concepts'" in out
    assert "mean nDCG@10 predefined" in out and "mean nDCG@10 ad hoc" in out
    assert "no relevant record (nDCG undefined" in out and "melatonin-kratom-combined" in out
    assert "Leave one question out" in out and "held-out" in out
    assert "Bottom lines vs the authors' conclusions" in out
    assert "Other wordings, ad hoc" in out and "Sensitivity to the 'kin' part" in out
    assert "Late wordings, ad hoc" in out


def test_real_json_has_every_other_wording_and_the_kin_grid(corpus_cache, capsys, ontopic):
    import real_quality
    import realset

    argv = ["--db", str(corpus_cache), "--real", str(ontopic.folder), "--this-year", "2026"]
    assert rank_quality.main([*argv, "--json"]) == 0
    real = json.loads(capsys.readouterr().out)["real"]
    wordings = real["variant_wordings"]
    tables = [table for table, _ in real_quality.WORDINGS]
    assert len(wordings) == sum(len(terms) for table in tables for terms in table.values())
    assert all(set(row) == {"topic", "term", *realset.POOLS} for row in wordings)
    assert [row["kin"] for row in real["kin_sensitivity"]] == list(real_quality.KIN_GRID)


@pytest.mark.parametrize(
    ("newest", "text"),
    [(0.187, "+0.15 needs ours >= 0.337"), (0.899, "+0.15 impossible: newest-first leaves 0.101")],
)
def test_the_margin_over_newest_first_says_what_it_asks(newest, text):
    import real_quality

    assert real_quality._margin(newest) == text


@pytest.mark.parametrize(
    ("qrels", "message"),
    [("nope 0 1 3\n", "unknown queries"), ("kratom-pharmacology 0 1\n", "line 1")],
)
def test_script_rejects_bad_qrels(corpus_cache, tmp_path, capsys, qrels, message):
    path = tmp_path / "bad.qrels"
    path.write_text(qrels, encoding="utf-8")
    assert rank_quality.main(["--db", str(corpus_cache), "--qrels", str(path)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("", {}),
        ("relevance=0.5", {"relevance": 0.5}),
        (" recency = 0 , human=0.2", {"recency": 0.0, "human": 0.2}),
    ],
)
def test_parse_weights_replaces_only_the_named(text, changed):
    from withdrawal_lit.rank import WEIGHTS

    assert rank_quality.parse_weights(text) == {**WEIGHTS, **changed}


@pytest.mark.parametrize("text", ["speed=1", "relevance=high", "relevance"])
def test_parse_weights_rejects(text):
    with pytest.raises(argparse.ArgumentTypeError):
        rank_quality.parse_weights(text)


def test_other_weights_rerank_ours_only(corpus_cache):
    from withdrawal_lit.store import Store

    query = load_queries([builtin_queries_dir()])["kratom-opioid-withdrawal"]
    only_recency = rank_quality.parse_weights("relevance=0,concepts=0,evidence=0,human=0,roles=0")
    with Store.open(corpus_cache, readonly=True) as store:
        default = rank_quality.orders(store, query, 2026)
        reweighted = rank_quality.orders(store, query, 2026, only_recency)
    assert reweighted["bm25"] == default["bm25"] and reweighted["newest"] == default["newest"]
    live = [p for p in default["newest"] if p != "36000012"]
    assert reweighted["ours"] == [*live, "36000012"]  # newest first, the retracted one last


@pytest.mark.slow
def test_build_and_measure_end_to_end(tmp_path):
    db = tmp_path / "corpus.sqlite3"
    build = [sys.executable, str(BENCHMARKS / "build_corpus_cache.py"), "--db", str(db)]
    done = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    again = subprocess.run(build, capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "--replace" in again.stderr  # never reuses a cache
    measure = [sys.executable, str(BENCHMARKS / "rank_quality.py"), "--db", str(db)]
    done = subprocess.run(
        [*measure, "--qrels", str(QRELS), "--json"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert '"ndcg@10"' in done.stdout
