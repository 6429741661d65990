"""What every command shares: resolved settings, the queries, the cache, the consoles."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property

import click

from withdrawal_lit.errors import InputError


@dataclass
class AppContext:
    flags: dict
    config: str | None = None

    @cached_property
    def settings(self):
        from withdrawal_lit.settings import resolve

        settings = resolve(config=self.config, **self.flags)
        for notice in settings.notices:  # e.g. a key file others can read, as ssh warns
            click.echo(notice, err=True)
        return settings

    @cached_property
    def queries(self):
        from withdrawal_lit.query_files import load_queries

        return load_queries(self.settings.queries_dirs)

    def select(self, names, term: str | None = None, roles: str | None = None):
        from withdrawal_lit.queries import adhoc, select

        if term is not None:
            if names:
                raise InputError(
                    "give either query names or --term, not both",
                    "drop the names to run the ad-hoc term",
                )
            return [adhoc(term, roles)]
        if roles is not None:
            raise InputError(
                "--roles goes with --term", "set a query file's roles with its 'roles' key"
            )
        return select(self.queries, names)

    @cached_property
    def out(self):
        """Results go to stdout; colour only on a terminal and never with NO_COLOR (rich reads
        NO_COLOR itself)."""
        return _console(highlight=False)

    @cached_property
    def err(self):
        """Messages and progress go to stderr so pipes and --json stay clean."""
        return _console(stderr=True, highlight=False)

    @property
    def interactive(self) -> bool:
        return sys.stderr.isatty()

    def remind_email(self) -> None:
        """NCBI asks every client for a contact address; say so (once) when it is missing."""
        if not self.settings.email:
            self.err.print(
                "note: NCBI asks for a contact email with every request: set NCBI_EMAIL or "
                "`email` in the config file (see `withdrawal-lit config`).",
                style="yellow",
                markup=False,
                soft_wrap=True,
            )


def _console(**options):
    """A rich Console whose closed pipe ends the command as one (`App.invoke` exits quietly)
    instead of rich's own exit with status 1."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PipeConsole(**options)
