"""Nothing is lost when a run dies or two runs meet: `search --refresh` killed with SIGKILL at
random moments, twenty times in a row, leaves a sound cache that still holds every record it
held before, once each; and a search writing while another process reads the cache never shows
the reader a "database is locked" error."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import corpus
import pytest
from cli_run import run
from fake_eutils import FakeEutils
from fault_helpers import KRATOM, db_path, read_only

from withdrawal_lit.pubmed_term import normalise_term
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.settings import builtin_queries_dir

pytestmark = pytest.mark.slow

KILLS = 20


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "withdrawal_lit", *args]


def add_cohort(fake: FakeEutils, round_: int, size: int = 10) -> None:
    """New kratom records for the next refresh to fetch, and one revision of an older one."""
    for i in range(size):
        fake.add_article(
            str(38000000 + round_ * 100 + i),
            f"Kratom for opioid withdrawal: cohort {round_}, site {i + 1}",
            abstract="Adults used kratom to ease opioid withdrawal. " * 20,
            year=2024,
            mesh=corpus.KRATOM_MESH + corpus.WITHDRAWAL_MESH,
        )
    earlier = str(38000000 + (round_ - 1) * 100)
    if earlier in fake.records:
        fake.revise(earlier, title=f"Kratom for opioid withdrawal: cohort {round_} (revised)")


def matching(fake: FakeEutils) -> set[str]:
    """The PMIDs PubMed (the fake) returns for the shipped queries."""
    queries = load_queries([builtin_queries_dir()]).values()
    return {pmid for q in queries for pmid in fake.search(normalise_term(q.term)).ids}


def unfinished(db: Path) -> int:
    with read_only(db) as conn:
        return conn.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]


def snapshot(db: Path) -> dict[str, str]:
    """PMID -> stored JSON of every cached record."""
    with read_only(db) as conn:
        return {str(pmid): data for pmid, data in conn.execute("SELECT pmid, data FROM records")}


def assert_sound(db: Path, before: dict[str, str]) -> dict[str, str]:
    with read_only(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        records = conn.execute("SELECT count(*), count(DISTINCT pmid) FROM records").fetchone()
        indexed = conn.execute("SELECT count(*), count(DISTINCT rowid) FROM records_fts").fetchone()
        assert records[0] == records[1] == indexed[0] == indexed[1]  # nothing twice, all indexed
        hits = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM hits GROUP BY query, pmid HAVING count(*) > 1)"
        ).fetchone()[0]
        assert hits == 0
    after = snapshot(db)
    assert set(after) >= set(before)  # every record present before is still there
    for data in after.values():
        json.loads(data)  # every record still reads whole
    return after


def test_sigkill_at_random_moments_never_loses_or_duplicates_records(isolated, monkeypatch):
    rng = random.Random(20240501)
    db = db_path()
    (isolated / "config.toml").write_text("backoff = 0\n")
    with FakeEutils(latency_per_request=0.01, latency_per_record=0.002) as fake:
        corpus.load(fake)
        monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", fake.url)
        add_cohort(fake, 0)
        env = {**os.environ, "WITHDRAWAL_LIT_EUTILS_URL": fake.url}
        first = subprocess.run(command("search", "--json"), env=env, capture_output=True)
        assert first.returncode == 0, first.stderr
        # How long one refresh takes here: the kills are spread from start-up to past its end.
        timed = time.monotonic()
        add_cohort(fake, 1)
        refresh = subprocess.run(
            command("search", KRATOM, "--refresh"), env=env, capture_output=True
        )
        assert refresh.returncode == 0
        duration = time.monotonic() - timed
        held = assert_sound(db, {})
        for round_ in range(2, KILLS + 2):
            add_cohort(fake, round_)
            proc = subprocess.Popen(
                command("search", KRATOM, "--refresh", "--json"),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.35, 1.1) * duration)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            held = assert_sound(db, held)
        assert unfinished(db) >= 1  # some kills landed while a run was under way
        final = subprocess.run(
            command("search", "--refresh", "--json"), env=env, capture_output=True
        )
        assert final.returncode == 0, final.stderr
        held = assert_sound(db, held)
        assert set(held) >= matching(fake)  # the run after the kills fetched every record
        check = run("cache", "check", "--json")
    assert check.exit_code == 0, check.output
    report = json.loads(check.stdout)
    assert not report["damaged"]


READER = textwrap.dedent(
    """
    import contextlib, io, json, pathlib, sys, time
    from withdrawal_lit.cli import cli

    # Read until the writer says it is done (and at least ten times), whatever the machine's load.
    codes, errors, reads = [], [], 0
    done, cap = pathlib.Path(sys.argv[1]), time.monotonic() + 300
    while (not done.exists() or len(codes) < 10) and time.monotonic() < cap:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["search", "--offline", "--json", "--limit", "5"],
                            standalone_mode=False)
        codes.append(code)
        if err.getvalue():
            errors.append(err.getvalue())
        reads += bool(json.loads(out.getvalue() or "[]"))
    print(json.dumps({"codes": codes, "errors": errors, "reads": reads}))
    """
)


def test_a_reader_never_sees_a_locked_cache_while_a_search_writes(isolated, monkeypatch):
    db, done = db_path(), isolated / "writer-done"
    (isolated / "config.toml").write_text("backoff = 0\n")
    with FakeEutils(latency_per_request=0.01, latency_per_record=0.005) as fake:
        corpus.load(fake)
        monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", fake.url)
        env = {**os.environ, "WITHDRAWAL_LIT_EUTILS_URL": fake.url}
        assert run("search", KRATOM).exit_code == 0
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(done)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        writes = 0
        try:
            while reader.poll() is None:
                if writes == 3:  # enough writes under the reader: let it finish
                    done.touch()
                add_cohort(fake, writes + 1, size=30)
                writer = subprocess.run(
                    command("search", "--refresh", "--json"),
                    env=env,
                    capture_output=True,
                    text=True,
                )
                assert writer.returncode == 0, writer.stderr
                assert "locked" not in writer.stderr and "busy" not in writer.stderr
                writes += 1
        finally:
            done.touch()
        out, err = reader.communicate()
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert writes >= 2 and len(result["codes"]) >= 10
    assert result["errors"] == []  # no "database is locked", nor any other message
    assert set(result["codes"]) == {0}
    assert result["reads"] == len(result["codes"])
    assert_sound(db, {})
