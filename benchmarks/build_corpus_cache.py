"""Build a cache of the test corpus by running the real CLI against the fake E-utilities server.

    python benchmarks/build_corpus_cache.py --db /tmp/corpus.sqlite3

Starts ``tests/fake_eutils.FakeEutils`` on 127.0.0.1 loaded with ``tests/corpus.py``, then runs
``python -m withdrawal_lit search`` in a subprocess pointed at it, so every predefined query is
searched, fetched, parsed, assessed and cached exactly as it would be against PubMed. The
result is what ``rank_quality.py --db`` reads together with ``qrels/corpus.qrels``.

The subprocess gets a clean environment for withdrawal-lit: no config file, no API key, the
fake server's URL and a fast rate (the server is local, not NCBI). An existing file is never
reused, because refreshing a real cache against the fake corpus would mark its records as no
longer returned; ``--replace`` deletes it first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import corpus  # noqa: E402  (tests/ is put on the path above)
from fake_eutils import FakeEutils  # noqa: E402


def build(db: Path) -> subprocess.CompletedProcess:
    """Search every predefined query against a fake server holding the corpus, into ``db``."""
    with FakeEutils() as server, tempfile.TemporaryDirectory() as scratch:
        corpus.load(server)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("WITHDRAWAL_LIT_", "NCBI_", "XDG_"))
        }
        env.update(
            WITHDRAWAL_LIT_DB=str(db),
            WITHDRAWAL_LIT_EUTILS_URL=server.url,
            WITHDRAWAL_LIT_RATE_LIMIT="1000",
            WITHDRAWAL_LIT_TRIALS="off",
            WITHDRAWAL_LIT_CONFIG=str(Path(scratch) / "no-config.toml"),
            NO_COLOR="1",
        )
        command = [sys.executable, "-m", "withdrawal_lit", "search", "--limit", "1"]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the cache file to create")
    parser.add_argument(
        "--replace", action="store_true", help="delete an existing file at --db first"
    )
    args = parser.parse_args(argv)
    db: Path = args.db.expanduser()
    if db.exists():
        if not args.replace:
            print(
                f"error: {db} exists; pass --replace to rebuild it (it will be deleted)",
                file=sys.stderr,
            )
            return 2
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    done = build(db)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        print(f"error: withdrawal-lit search exited {done.returncode}", file=sys.stderr)
        return 1
    print(f"Built {db} from {len(corpus.RECORDS)} corpus records.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
