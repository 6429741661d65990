"""The `withdrawal-lit` command: parses options, calls the services, renders the results.

Commands import rich, the services and the cache inside their bodies, so `withdrawal-lit
--help` loads none of them: withdrawal_lit/deferred_imports.py lists every such import with
its measured cost.
Every error a user can cause is turned into one line on stderr and a documented exit code here,
in `App.main`, and nowhere else.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib import import_module

import click

from withdrawal_lit import __version__
from withdrawal_lit.errors import EXIT_CODES_HELP, EXIT_USAGE, WithdrawalLitError, redact


class App(click.Group):
    """A click group that reports every user-facing error as one line, never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            returned = super().main(
                args=args,
                prog_name=prog_name or "withdrawal-lit",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            code = 130
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "withdrawal-lit"
            message = " ".join(exc.format_message().split())
            click.echo(f"Error: {message} (see `{command} --help`)", err=True)
            code = EXIT_USAGE
        except click.ClickException as exc:
            click.echo(f"Error: {' '.join(exc.format_message().split())}", err=True)
            code = exc.exit_code
        except WithdrawalLitError as exc:
            click.echo(f"Error: {redact(exc.one_line(), _api_key())}", err=True)
            code = exc.exit_code
        except KeyboardInterrupt:
            click.echo("Interrupted; the cache keeps what was committed before.", err=True)
            code = 130
        except BrokenPipeError:
            code = _pipe_closed()
        else:
            code = returned if isinstance(returned, int) else 0
            try:
                sys.stdout.flush()  # what is still buffered meets a closed pipe here, not at exit
            except BrokenPipeError:
                code = _pipe_closed()
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx):
        """An SQLite error that no cache method turned into a CacheError (a damaged page met
        mid-query) still ends as one line pointing at `cache check`, never a traceback. A
        closed pipe is caught here, before click would make it exit status 1."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise click.exceptions.Exit(_pipe_closed()) from None
        except Exception as exc:
            import sqlite3

            if not isinstance(exc, sqlite3.DatabaseError):
                raise
            from withdrawal_lit.store import Store

            raise Store.error_for(ctx.obj.settings.db_path, exc) from None


def _pipe_closed() -> int:
    """The reader went away (`withdrawal-lit export | head -1`): a normal end for a Unix tool.
    Whatever is left to write goes to /dev/null, so neither the interpreter's last flush nor a
    later message fails; exit status 0, as `git log | head` ends."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        # No real descriptor (CliRunner's streams, a closed one): nothing to redirect.
        with contextlib.suppress(AttributeError, OSError, ValueError):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
    return 0


def _api_key() -> str | None:
    from withdrawal_lit.settings import env_api_key

    return env_api_key()


HELP = f"""Keep up with the PubMed evidence on melatonin and kratom for opioid withdrawal.

Runs curated PubMed searches (see `withdrawal-lit queries`), keeps every record in a local
SQLite cache, ranks papers by relevance and strength of evidence, and prints each with its
study design, year, retraction status and an extractive bottom line.

\b
Start with:
  withdrawal-lit search                      # every predefined question
  withdrawal-lit search kratom-opioid-withdrawal --limit 20 --since 2015
  withdrawal-lit show 12345678               # one record in full
  withdrawal-lit config                      # where the cache and settings live

NCBI etiquette: set NCBI_EMAIL (and NCBI_API_KEY for 10 requests/s instead of 3).

\b
{EXIT_CODES_HELP}
"""


@click.group(cls=App, help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="withdrawal-lit")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="WITHDRAWAL_LIT_DB",
    help="Cache file [env WITHDRAWAL_LIT_DB; default: the user data dir].",
)
@click.option(
    "--queries-dir",
    type=click.Path(),
    envvar="WITHDRAWAL_LIT_QUERIES",
    help="Folder of your own query files, added to the shipped ones [env WITHDRAWAL_LIT_QUERIES].",
)
@click.option(
    "--eutils-url",
    envvar="WITHDRAWAL_LIT_EUTILS_URL",
    help="E-utilities base URL, for mirrors, proxies and tests [env WITHDRAWAL_LIT_EUTILS_URL].",
)
@click.option(
    "--ctgov-url",
    envvar="WITHDRAWAL_LIT_CTGOV_URL",
    help="ClinicalTrials.gov API v2 base URL, for proxies and tests "
    "[env WITHDRAWAL_LIT_CTGOV_URL; config ctgov_url].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="WITHDRAWAL_LIT_CONFIG",
    help="Config file (TOML) [env WITHDRAWAL_LIT_CONFIG].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Seconds to wait for each NCBI (or ClinicalTrials.gov) answer [env "
    "WITHDRAWAL_LIT_TIMEOUT; config timeout; 30].",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    metavar="N",
    help="Retries of a failed NCBI (or ClinicalTrials.gov) request, with back-off [env "
    "WITHDRAWAL_LIT_RETRIES; "
    "config retries; 5].",
)
@click.pass_context
def cli(ctx, db, queries_dir, eutils_url, ctgov_url, config_path, timeout, retries):
    from withdrawal_lit.cli.context import AppContext

    ctx.obj = AppContext(
        flags={
            "db": db,
            "queries_dir": queries_dir,
            "eutils_url": eutils_url,
            "ctgov_url": ctgov_url,
            "timeout": timeout,
            "retries": retries,
        },
        config=config_path,
    )


def main() -> None:
    cli.main()


COMMAND_MODULES = (
    "query_cmds",  # queries, queries check
    "search_cmds",  # search, show, config
    "digest_cmds",  # digest
    "export_cmds",  # export
    "refresh_cmds",  # refresh, new, runs, schedule
    "log_cmds",  # log, report
    "cache_cmds",  # cache check, cache rebuild
)


def _register() -> None:
    for name in COMMAND_MODULES:
        for command in import_module(f"withdrawal_lit.cli.{name}").COMMANDS:
            cli.add_command(command)


_register()
