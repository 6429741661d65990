"""The refresh log file: plain-text lines appended for cron/systemd runs, the API key never
in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from withdrawal_lit.errors import OutputError, redact


class RunLog:
    """Plain-text lines appended to a log file, each stamped with the local time. The API key
    (``secrets``) never reaches it."""

    def __init__(self, path: Path, secrets: Sequence[str | None] = ()):
        self.path = Path(path)
        self._secrets = tuple(secrets)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise OutputError(
                f"cannot write the log file {self.path}: {exc.strerror}",
                "choose another --log-file / WITHDRAWAL_LIT_LOG, or fix its folder",
            ) from None

    def write(self, message: str) -> None:
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        text = " ".join(redact(message, *self._secrets).split())
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(f"{stamp} {text}\n")
