"""Running the command line in-process, as every CLI test does."""

from __future__ import annotations

from click.testing import CliRunner

from withdrawal_lit.cli import cli


def run(*args: str, **kwargs):
    """``withdrawal-lit ARGS...`` through click's CliRunner; its Result."""
    return CliRunner().invoke(cli, list(args), prog_name="withdrawal-lit", **kwargs)
