"""What services report while they work: the `Progress` protocol, and one that ignores it."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """What services report while they work; the CLI draws it, tests ignore it."""

    def stage(self, text: str) -> None: ...

    def start(self, total: int, text: str) -> None: ...

    def advance(self, n: int) -> None: ...

    def warn(self, text: str) -> None: ...


class NullProgress:
    def stage(self, text: str) -> None:
        pass

    def start(self, total: int, text: str) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def warn(self, text: str) -> None:
        pass
