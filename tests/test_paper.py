"""The one paper read model: its JSON shape, and every output that shows a paper agreeing on it.

`search --json`, `show --json`, `digest --json`, `new --json` and `export --format jsonl` run
on the same cache (the fake E-utilities server's corpus); for every PMID each of them shows,
the paper objects must be equal, key for key, except where a command knows more about the
paper than the others (its rank in this list, the query that ranked it, what changed when).
The HTML report is rendered from the same model: each paper's rank, title, design and bottom
line in the page are the ones `search --json` gives.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from cli_run import run

from withdrawal_lit.design import assess
from withdrawal_lit.paper import Paper
from withdrawal_lit.records import Article, Author
from withdrawal_lit.summarize import Summary

QUERY = "kratom-opioid-withdrawal"
# Every key of the shape, in order (the README documents them).
SHAPE = tuple(dict.fromkeys((
    *Article(pmid="1").to_dict().keys(),
    "trial_ids",
    "author_names",
    "url",
    "design",
    "design_label",
    "evidence_level",
    "population",
    "sample_size",
    "interventions",
    "outcomes",
    "retracted",
    "has_erratum",
    "expression_of_concern",
    "bottom_line",
    "bottom_line_sentences",
    "bottom_line_source",
    "query",
    "rank",
    "score",
    "score_components",
    "explain",
    "found_by",
    "registrations",
    "change",
    "at",
)))  # fmt: skip
# What one command knows of a paper and another does not: its place in that command's list.
CONTEXT = {"query", "rank", "score", "score_components", "explain", "found_by", "registrations",
           "change", "at"}  # fmt: skip


def run_json(*args: str):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_key_is_always_there_null_when_unknown():
    article = Article(pmid="7", title="T", authors=(Author("Doe", "Jane", "J"),))
    data = Paper(article, assess(article), Summary(("T",), "title-only")).to_json()
    assert tuple(data) == SHAPE
    assert data["author_names"] == ["Doe J"] and data["authors"][0]["last_name"] == "Doe"
    assert data["trial_ids"] == [] and data["rank"] is None and data["found_by"] is None
    assert Article.from_dict(json.loads(json.dumps(data))) == article


def test_the_readme_documents_every_key_in_order():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Papers: one JSON shape", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    assert tuple(json.loads(block)) == SHAPE


@pytest.fixture
def outputs(fake, tmp_path):
    """Each command's paper objects by PMID, all read from one cache."""
    search = [
        row
        for row in run_json("search", QUERY, "--json", "--limit", "50")
        if row["record"] == "paper"
    ]
    digests = run_json("digest", QUERY, "--json", "--top", "50", "--newest", "50")
    new = [
        row for row in run_json("new", QUERY, "--json", "--days", "1") if row["record"] == "paper"
    ]
    out = tmp_path / "papers.jsonl"
    result = run("export", QUERY, "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    shown = [run_json("show", row["pmid"], "--offline", "--json") for row in search]
    report = tmp_path / "report.html"
    result = run("report", QUERY, "--limit", "50", "-o", str(report))
    assert result.exit_code == 0, result.output
    return {
        "search": search,
        "digest newest": digests[0]["newest"],
        "digest top": digests[0]["top_evidence"],
        "new": new,
        "export": exported,
        "show": shown,
        "report": report.read_text(encoding="utf-8"),
    }


def test_every_output_shows_the_same_paper(outputs):
    search = {row["pmid"]: row for row in outputs["search"]}
    assert len(search) > 5
    for name in ("digest newest", "digest top", "new", "export", "show"):
        rows = outputs[name]
        assert rows, name
        for row in rows:
            assert tuple(k for k in row if k != "record") == SHAPE, name
            mine = search[row["pmid"]]
            differ = {k for k in SHAPE if k not in CONTEXT and row[k] != mine[k]}
            assert not differ, (name, row["pmid"], differ)
    assert {r["pmid"] for r in outputs["export"]} == set(search)
    assert {r["pmid"] for r in outputs["new"]} == set(search)


def test_ranked_outputs_agree_on_rank_and_score(outputs):
    search = {row["pmid"]: row for row in outputs["search"]}
    for row in outputs["export"]:
        mine = search[row["pmid"]]
        assert (row["query"], row["rank"], row["score"]) == (QUERY, mine["rank"], mine["score"])
        assert row["score_components"] == mine["score_components"]
    for row in (*outputs["digest newest"], *outputs["digest top"]):
        assert row["score"] == search[row["pmid"]]["score"]
    for row in outputs["show"]:
        assert row["found_by"] == [QUERY] and row["registrations"] == []
        assert row["rank"] is None and row["score"] is None
    for row in outputs["new"]:
        assert row["change"] == "new" and row["at"] and row["query"] == QUERY


def test_the_report_renders_the_same_papers(outputs):
    page = outputs["report"]
    items = re.findall(r'<li value="(\d+)" class="paper[^"]*">(.*?)</li>', page, re.S)
    by_pmid = {row["pmid"]: row for row in outputs["search"]}
    assert len(items) == len(by_pmid)
    for rank, body in items:
        pmid = re.search(r"PMID (\d+)</a>", body).group(1)
        row = by_pmid[pmid]
        assert int(rank) == row["rank"]
        assert unescape(re.search(r"<h4[^>]*><a[^>]*>(.*?)</a>", body).group(1)) == row["title"]
        assert f">{row['design_label']}<" in unescape(body)
        bottom = re.search(r"<strong>Bottom line:</strong> (.*?)</p>", body, re.S).group(1)
        assert unescape(bottom) == row["bottom_line"]
