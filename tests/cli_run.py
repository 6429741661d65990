"""Running the command line in-process, as every CLI test does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import corpus
from click.testing import CliRunner
from fake_eutils import FakeEutils

from withdrawal_lit.cli import cli


def run(*args: str, **kwargs):
    """``withdrawal-lit ARGS...`` through click's CliRunner; its Result."""
    return CliRunner().invoke(cli, list(args), prog_name="withdrawal-lit", **kwargs)


def searched_cache(
    folder: Path, *args: str, load: Callable[[FakeEutils], None] | None = None
) -> Path:
    """``folder/cache.sqlite3`` filled by a real ``search ARGS...`` against a fake server
    holding the test corpus (and what ``load(server)`` adds), gone afterwards. It reads no
    test's environment, so a module-scoped fixture builds it once and tests copy it."""
    path = folder / "cache.sqlite3"
    with FakeEutils() as fake:
        corpus.load(fake)
        if load is not None:
            load(fake)
        env = {
            "WITHDRAWAL_LIT_DB": str(path),
            "WITHDRAWAL_LIT_CONFIG": str(folder / "none.toml"),
            "WITHDRAWAL_LIT_EUTILS_URL": fake.url,
            "WITHDRAWAL_LIT_RATE_LIMIT": "1000",
            "WITHDRAWAL_LIT_QUERIES": None,
            "WITHDRAWAL_LIT_TRIALS": "off",
            "NCBI_API_KEY": None,
            "HOME": str(folder),
        }
        result = run("search", *args, env=env)
    assert result.exit_code == 0, result.output
    return path
