"""The text of a crontab line and of systemd user units that run `refresh` every night.

Everything in them is absolute (the Python interpreter of this installation, the cache, the
config file, the log file), because cron and systemd start jobs with almost no environment.
The NCBI API key is never written into them: `refresh` reads it from the config file.
Only ``install`` touches the disk; the rest is text.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from withdrawal_lit.errors import OutputError
from withdrawal_lit.settings import NCBI_EUTILS_URL, Settings, refresh_log_default

UNIT_NAME = "withdrawal-lit-refresh"
EMAIL_PLACEHOLDER = "you@example.org"
ENABLE_COMMAND = (
    f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT_NAME}.timer"
)
_PLAIN_ARG = re.compile(r"^[A-Za-z0-9_./:@+=,-]+$")


@dataclass(frozen=True)
class Schedule:
    """One nightly refresh: when, what to run, with which environment."""

    hour: int
    minute: int
    argv: tuple[str, ...]  # absolute paths only
    environment: tuple[tuple[str, str], ...]
    log_file: Path

    @property
    def email_is_placeholder(self) -> bool:
        return dict(self.environment).get("NCBI_EMAIL") == EMAIL_PLACEHOLDER


def executable() -> tuple[str, ...]:
    """This installation's interpreter (the venv's own, not the one it links to) and module."""
    return (os.path.abspath(sys.executable), "-m", "withdrawal_lit")


def build(
    settings: Settings,
    *,
    hour: int,
    minute: int,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] | None = None,
) -> Schedule:
    """The nightly refresh for ``settings`` (resolved as the user's shell resolves them);
    ``env``: the environment it reads the default log file from (this process's if None)."""
    log_file = (settings.log_file or refresh_log_default(env)).expanduser().absolute()
    argv = [*(command or executable()), "--db", str(settings.db_path.expanduser().absolute())]
    for folder in settings.queries_dirs[1:]:  # the first is the shipped queries
        argv += ["--queries-dir", str(folder.expanduser().absolute())]
    if settings.eutils_url != NCBI_EUTILS_URL:
        argv += ["--eutils-url", settings.eutils_url]
    argv += ["refresh", "--quiet", "--log-file", str(log_file)]
    environment = (
        ("NCBI_EMAIL", settings.email or EMAIL_PLACEHOLDER),
        ("WITHDRAWAL_LIT_CONFIG", str(settings.config_path.expanduser().absolute())),
    )
    return Schedule(hour, minute, tuple(argv), environment, log_file)


def crontab(schedule: Schedule) -> str:
    """A commented crontab line (cron gives '%' a meaning of its own, hence '\\%')."""
    words = [f"{name}={shlex.quote(value)}" for name, value in schedule.environment]
    words += [shlex.quote(arg) for arg in schedule.argv]
    command = " ".join(words).replace("%", "\\%")
    return (
        f"# withdrawal-lit: refresh the PubMed cache every night at {_clock(schedule)} "
        "(add it with `crontab -e`)\n"
        f"{schedule.minute} {schedule.hour} * * * {command}\n"
    )


def systemd_units(schedule: Schedule) -> dict[str, str]:
    """File name -> text of the user service and timer."""
    exec_start = " ".join(_systemd_arg(arg) for arg in schedule.argv)
    environment = "".join(
        f"Environment={_systemd_quote(f'{name}={value}', dollars=False)}\n"
        for name, value in schedule.environment
    )
    service = (
        "[Unit]\n"
        "Description=withdrawal-lit: refresh the PubMed cache\n"
        "Wants=network-online.target\n"
        "After=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{environment}"
        f"ExecStart={exec_start}\n"
        "Nice=10\n"
    )
    timer = (
        "[Unit]\n"
        "Description=withdrawal-lit: nightly refresh of the PubMed cache\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {_clock(schedule)}:00\n"
        "Persistent=true\n"
        "RandomizedDelaySec=10min\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{UNIT_NAME}.service": service, f"{UNIT_NAME}.timer": timer}


def install(units: Mapping[str, str], folder: Path) -> list[Path]:
    """Write the units into ``folder`` (each replaced whole, never half-written)."""
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in units.items():
            path = folder / name
            partial = path.with_name(f".{name}.partial")
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)
            written.append(path)
    except OSError as exc:
        raise OutputError(
            f"cannot write the systemd units into {folder}: {exc.strerror}",
            "fix the folder's permissions, or copy the printed units there yourself",
        ) from None
    return written


def _clock(schedule: Schedule) -> str:
    return f"{schedule.hour:02d}:{schedule.minute:02d}"


def _systemd_quote(text: str, *, dollars: bool = True) -> str:
    """A double-quoted systemd value: '%' starts a specifier unless doubled, and so does '$'
    a variable in ExecStart= (not in Environment=)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return '"' + (escaped.replace("$", "$$") if dollars else escaped) + '"'


def _systemd_arg(arg: str) -> str:
    return arg if _PLAIN_ARG.match(arg) else _systemd_quote(arg)
