"""Progress on stderr: a rich bar on a terminal, nothing (or plain lines) elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class TerminalProgress:
    """Implements services.progress.Progress with a transient rich progress bar."""

    def __init__(self, console: Console, *, enabled: bool, quiet: bool = False):
        self.console = console
        self.enabled = enabled and console.is_terminal
        self.quiet = quiet
        self._bar: Progress | None = None
        self._task = None

    def __enter__(self) -> TerminalProgress:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("starting", total=None)
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def stage(self, text: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=text, total=None, completed=0)

    def start(self, total: int, text: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=text, total=total, completed=0)

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def warn(self, text: str) -> None:
        self.console.print(f"warning: {text}", style="yellow", markup=False, highlight=False)
