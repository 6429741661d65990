"""Output into a pipe whose reader has gone (`withdrawal-lit export | head -1`) ends quietly, as
a Unix tool ends normally: exit status 0, nothing on stderr, no traceback. Real processes and
real pipes, since the failure only shows there (click and the interpreter's last flush)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cli_run import run
from fault_helpers import KRATOM

PMID = "31000001"  # in the corpus, so cached after the first search
COMMANDS = [
    ("export",),
    ("export", "--format", "jsonl"),
    ("search", KRATOM),
    ("search", KRATOM, "--json"),
    ("show", PMID),
    ("digest",),
    ("new", "--days", "36500"),
    ("log",),
]


@pytest.fixture
def cached(fake, monkeypatch):
    """A cache holding every predefined query's records; NCBI_EMAIL set, so nothing else is
    said on stderr."""
    monkeypatch.setenv("NCBI_EMAIL", "dev@example.org")
    result = run("search")
    assert result.exit_code == 0, result.output
    return fake


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "withdrawal_lit", *args]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_the_command_quietly(cached, args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte
    try:
        done = subprocess.run(
            command(*args), stdout=write_end, stderr=subprocess.PIPE, timeout=60, check=False
        )
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == 0


@pytest.mark.parametrize("args", [("export",), ("search", KRATOM)], ids=" ".join)
def test_head_takes_one_line_and_the_pipeline_succeeds(cached, args):
    line = " ".join(command(*args))
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{line} | head -1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(done.stdout.splitlines()) == 1


def test_reading_one_line_and_closing_the_pipe(cached):
    process = subprocess.Popen(command("export"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().startswith(b"PMID,Title,")  # the CSV header
    process.stdout.close()
    _, errors = process.communicate(timeout=60)
    assert errors == b"" and process.returncode == 0
