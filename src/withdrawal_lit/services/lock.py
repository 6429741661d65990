"""One refresh at a time per cache: an exclusive ``flock`` on "<cache>.lock" beside the cache.

The operating system drops the lock when its process ends, however it ends (kill -9 and power
loss included), so a crashed refresh can never leave a stale lock that blocks the next night.
The lock file itself stays (removing it would let two processes lock two different files); it
holds the process id of the holder, for the "busy" message. POSIX only, as cron and systemd.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from withdrawal_lit.errors import Busy, CacheError


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


class RefreshLock:
    """``with RefreshLock(db): ...`` holds the cache's refresh lock, or raises Busy.

    With ``wait``, blocks until the other refresh ends instead (``on_wait`` is told first).
    """

    def __init__(
        self,
        db_path: Path,
        *,
        wait: bool = False,
        on_wait: Callable[[str], None] | None = None,
    ):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> RefreshLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise CacheError(
                f"cannot create the lock file {self.path}: {exc.strerror}",
                "make the cache's folder writable, or choose another --db",
            ) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not self.wait:
                    raise Busy(
                        f"another refresh{holder} is updating {self.db_path}",
                        "wait for it to finish, or run `withdrawal-lit refresh --wait`",
                    ) from None
                if self.on_wait:
                    self.on_wait(f"waiting for another refresh{holder} to finish")
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def is_locked(db_path: Path) -> bool:
    """Whether a refresh holds the cache's lock right now (without taking it)."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _holder(fd: int) -> str:
    """' (pid 1234)' from the lock file, or '' when it names no process."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (pid {text})" if text.isdigit() else ""
