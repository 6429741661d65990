"""The one place that decides where state lives and how the tool talks to NCBI.

Precedence for every setting: command-line flag > environment variable > config file > default.

Paths:
  config file  $WITHDRAWAL_LIT_CONFIG, else click.get_app_dir("withdrawal-lit")/config.toml
               (on Linux: $XDG_CONFIG_HOME/withdrawal-lit/config.toml)
  cache        --db / $WITHDRAWAL_LIT_DB / config `db`, else
               $XDG_DATA_HOME/withdrawal-lit/cache.sqlite3 (~/.local/share/... by default;
               on macOS and Windows, the app dir)
  queries      the predefined queries shipped with the package, plus --queries-dir /
               $WITHDRAWAL_LIT_QUERIES / config `queries_dir` (a user's folder adds to and
               overrides the shipped ones by name)
"""

from __future__ import annotations

import difflib
import os
import stat
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

import click

from withdrawal_lit import TOOL_NAME
from withdrawal_lit.errors import ConfigError
from withdrawal_lit.secret import Secret

NCBI_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
CTGOV_URL = "https://clinicaltrials.gov/api/v2/"
APP_NAME = "withdrawal-lit"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    config_path: Path
    queries_dirs: tuple[Path, ...]
    eutils_url: str = NCBI_EUTILS_URL
    ctgov_url: str = CTGOV_URL  # ClinicalTrials.gov API v2 base
    trials: bool = True  # search ClinicalTrials.gov beside PubMed
    email: str | None = None
    api_key: Secret | None = field(default=None, repr=False)
    tool: str = TOOL_NAME
    timeout: float = 30.0  # seconds per request (connect and read)
    retries: int = 5  # retries per request after the first try
    backoff: float = 1.0  # first back-off in seconds; doubles each retry, capped at 60 s
    batch_size: int | None = None  # records per efetch; None: sized from measured responses
    max_age_hours: float = 24.0  # `search` re-asks NCBI for queries older than this
    rate_limit: float | None = None  # requests/s for a mirror or test server; never for NCBI
    log_file: Path | None = None
    # One-line warnings found while resolving (a config file holding the key that others can
    # read); the CLI prints them on stderr.
    notices: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def is_ncbi(self) -> bool:
        host = (urlsplit(self.eutils_url).hostname or "").lower()
        return host == "nih.gov" or host.endswith(".nih.gov")

    @property
    def requests_per_second(self) -> float:
        """NCBI's limit (3/s, 10/s with a key); a configured rate applies to other servers only."""
        if self.rate_limit and not self.is_ncbi:
            return self.rate_limit
        return 10 if self.api_key else 3


# config key -> (type, Settings field)
_CONFIG_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "db": (str, "db_path"),
    "queries_dir": (str, "queries_dirs"),
    "eutils_url": (str, "eutils_url"),
    "ctgov_url": (str, "ctgov_url"),
    "trials": (bool, "trials"),
    "email": (str, "email"),
    "api_key": (str, "api_key"),
    "timeout": ((int, float), "timeout"),
    "retries": (int, "retries"),
    "backoff": ((int, float), "backoff"),
    "batch_size": (int, "batch_size"),
    "max_age_hours": ((int, float), "max_age_hours"),
    "log_file": (str, "log_file"),
    "rate_limit": ((int, float), "rate_limit"),
}

_KINDS = {int: "an integer", str: "a string"}  # what a config value must be, in words

_ENV = {
    "WITHDRAWAL_LIT_DB": "db",
    "WITHDRAWAL_LIT_QUERIES": "queries_dir",
    "WITHDRAWAL_LIT_EUTILS_URL": "eutils_url",
    "WITHDRAWAL_LIT_CTGOV_URL": "ctgov_url",
    "WITHDRAWAL_LIT_TRIALS": "trials",
    "NCBI_EMAIL": "email",
    "NCBI_API_KEY": "api_key",
    "WITHDRAWAL_LIT_TIMEOUT": "timeout",
    "WITHDRAWAL_LIT_RETRIES": "retries",
    "WITHDRAWAL_LIT_LOG": "log_file",
    "WITHDRAWAL_LIT_RATE_LIMIT": "rate_limit",
}


@dataclass(frozen=True)
class Home:
    """Where the user's files go by default: the home folder and the per-user config folder
    (``click.get_app_dir``). ``Home.of_process()`` reads them from this process; anything else
    is given, so resolving settings from a given environment never reads the real one."""

    home: Path
    app_dir: Path

    @classmethod
    def of_process(cls) -> Home:
        return cls(Path.home(), Path(click.get_app_dir(APP_NAME)))

    @classmethod
    def of_env(cls, env: dict[str, str]) -> Home:
        """From ``env`` alone (HOME, XDG_CONFIG_HOME), laid out as on Linux."""
        home = Path(env.get("HOME") or "~")
        return cls(home, Path(env.get("XDG_CONFIG_HOME") or home / ".config") / APP_NAME)

    def expand(self, path: str | Path) -> Path:
        """``path`` with a leading ``~`` read as this home folder."""
        text = str(path)
        if text == "~" or text.startswith("~/"):
            return self.home / text[2:]
        return Path(text).expanduser()  # ~user: that user's folder (the password database)


def default_config_path(env: dict[str, str], home: Home) -> Path:
    if env.get("WITHDRAWAL_LIT_CONFIG"):
        return home.expand(env["WITHDRAWAL_LIT_CONFIG"])
    return home.app_dir / "config.toml"


def default_db_path(env: dict[str, str], home: Home) -> Path:
    if sys.platform.startswith("linux") or env.get("XDG_DATA_HOME"):
        base = Path(env.get("XDG_DATA_HOME") or home.home / ".local" / "share") / APP_NAME
    else:
        base = home.app_dir
    return base / "cache.sqlite3"


def environment(env: Mapping[str, str] | None = None) -> tuple[dict[str, str], Home]:
    """``env`` and the home it implies; without it, this process's own: the one place that
    reads the process's environment and home folder."""
    if env is None:
        return dict(os.environ), Home.of_process()
    return dict(env), Home.of_env(env)


def refresh_log_default(env: Mapping[str, str] | None = None) -> Path:
    """Where a scheduled refresh logs when no log file is set:
    $XDG_STATE_HOME/withdrawal-lit/refresh.log (~/.local/state/... by default)."""
    env, home = environment(env)
    state = Path(env.get("XDG_STATE_HOME") or home.home / ".local" / "state")
    return state.expanduser().absolute() / APP_NAME / "refresh.log"


def systemd_user_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where systemd finds a user's units: $XDG_CONFIG_HOME/systemd/user (~/.config/...)."""
    env, home = environment(env)
    config = Path(env.get("XDG_CONFIG_HOME") or home.home / ".config")
    return config.expanduser().absolute() / "systemd" / "user"


def env_api_key(env: Mapping[str, str] | None = None) -> str | None:
    """The environment's NCBI_API_KEY, for hiding it from a message raised before (or while)
    the settings are resolved."""
    return environment(env)[0].get("NCBI_API_KEY") or None


def builtin_queries_dir() -> Path:
    """The queries shipped in the wheel, or the repository's queries/ in a source checkout."""
    packaged = Path(__file__).parent / "queries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "queries"


def read_config(path: Path) -> dict:
    """The config file as a validated dict ({} if it does not exist)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(
            f"cannot read config file {path}: {exc.strerror}",
            "fix its permissions or point WITHDRAWAL_LIT_CONFIG elsewhere",
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text", "save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: {exc}", "fix the TOML syntax") from None
    for key, value in data.items():
        if key not in _CONFIG_KEYS:
            known = ", ".join(sorted(_CONFIG_KEYS))
            close = difflib.get_close_matches(key, list(_CONFIG_KEYS), n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            raise ConfigError(
                f"config file {path}: unknown key '{key}'", f"{guess}known keys: {known}"
            )
        expected, _ = _CONFIG_KEYS[key]
        if expected is bool and not isinstance(value, bool):
            raise ConfigError(
                f"config file {path}: '{key}' must be true or false, not {type(value).__name__}",
                f"write e.g. {key} = false",
            )
        if expected is not bool and (isinstance(value, bool) or not isinstance(value, expected)):
            want = _KINDS.get(expected, "a number")
            raise ConfigError(
                f"config file {path}: '{key}' must be {want}, not {type(value).__name__}",
                f"write e.g. {key} = {_example(key)}",
            )
    return data


def key_file_warning(path: Path, config: dict) -> str | None:
    """ssh's rule for private keys: a config file holding ``api_key`` that the group or others
    can read gets a one-line warning naming the file and the fix (POSIX only)."""
    if "api_key" not in config or os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if not mode & (stat.S_IRGRP | stat.S_IROTH):
        return None
    return (
        f"warning: permissions {mode:04o} for {path} are too open: it holds your NCBI API key "
        f"and others can read it; run `chmod 600 {path}`"
    )


def _example(key: str) -> str:
    expected, _ = _CONFIG_KEYS[key]
    if expected is int:
        return "5"
    if isinstance(expected, tuple):
        return "30"
    return '"..."'


def _coerce(key: str, value: str, source: str):
    expected, _ = _CONFIG_KEYS[key]
    if expected is str:
        return value
    if expected is bool:
        words = {"1": True, "true": True, "yes": True, "on": True,
                 "0": False, "false": False, "no": False, "off": False}  # fmt: skip
        if value.strip().lower() not in words:
            raise ConfigError(f"{source} must be on or off, not {value!r}", "set it to on or off")
        return words[value.strip().lower()]
    try:
        number = int(value) if expected is int else float(value)
    except ValueError:
        raise ConfigError(
            f"{source} must be a number, not {value!r}", f"set it to e.g. {_example(key)}"
        ) from None
    return number


def _check_ranges(values: dict, source: str) -> None:
    checks = {
        "timeout": lambda v: v > 0,
        "retries": lambda v: 0 <= v <= 20,
        "backoff": lambda v: v >= 0,
        "batch_size": lambda v: 1 <= v <= 10000,
        "max_age_hours": lambda v: v >= 0,
        "rate_limit": lambda v: v > 0,
    }
    for key, ok in checks.items():
        if key in values and not ok(values[key]):
            raise ConfigError(
                f"{source}: {key} = {values[key]} is out of range",
                "timeout > 0, 0 <= retries <= 20, backoff >= 0, 1 <= batch_size <= 10000",
            )


def resolve(env: dict[str, str] | None = None, *, home: Home | None = None, **flags) -> Settings:
    """Settings from flags (keyword arguments named as config keys), env, config, defaults.

    Without ``env``, this process's environment and home folder; with it, only what is given
    (``home``, else ``Home.of_env(env)``)."""
    given = home
    env, home = environment(env)
    home = given or home
    config_path = home.expand(flags.pop("config", None) or default_config_path(env, home))
    values: dict = dict(read_config(config_path))
    notices = (exposed,) if (exposed := key_file_warning(config_path, values)) else ()
    _check_ranges(values, f"config file {config_path}")
    for var, key in _ENV.items():
        if env.get(var):
            values[key] = _coerce(key, env[var], var)
    flag_values = {k: v for k, v in flags.items() if v is not None}
    unknown = set(flag_values) - set(_CONFIG_KEYS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    values.update(flag_values)
    _check_ranges(values, "settings")

    queries_dirs = [builtin_queries_dir()]
    if values.get("queries_dir"):
        queries_dirs.append(home.expand(values["queries_dir"]))
    url = values.get("eutils_url") or NCBI_EUTILS_URL
    if not url.startswith(("http://", "https://")):
        raise ConfigError(
            f"E-utilities URL {url!r} is not an http(s) URL",
            "set --eutils-url / WITHDRAWAL_LIT_EUTILS_URL to e.g. " + NCBI_EUTILS_URL,
        )
    ctgov_url = values.get("ctgov_url") or CTGOV_URL
    if not ctgov_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"ClinicalTrials.gov URL {ctgov_url!r} is not an http(s) URL",
            "set --ctgov-url / WITHDRAWAL_LIT_CTGOV_URL to e.g. " + CTGOV_URL,
        )
    settings = Settings(
        db_path=home.expand(values.get("db") or default_db_path(env, home)),
        config_path=config_path,
        queries_dirs=tuple(queries_dirs),
        eutils_url=url if url.endswith("/") else url + "/",
        ctgov_url=ctgov_url if ctgov_url.endswith("/") else ctgov_url + "/",
        email=values.get("email") or None,
        api_key=Secret(values["api_key"]) if values.get("api_key") else None,
        log_file=home.expand(values["log_file"]) if values.get("log_file") else None,
        notices=notices,
    )
    numeric = {
        name: values[key]
        for key, (_, name) in _CONFIG_KEYS.items()
        if key in values and name in {"timeout", "retries", "backoff", "batch_size"}
    }
    for key in ("max_age_hours", "rate_limit", "trials"):
        if key in values:
            numeric[key] = values[key]
    return replace(settings, **numeric)


def describe(settings: Settings) -> dict[str, str]:
    """The resolved settings for `withdrawal-lit config`, the API key masked."""
    out: dict[str, str] = {}
    for f in fields(settings):
        if f.name == "notices":
            continue
        value = getattr(settings, f.name)
        if f.name == "api_key":
            value = value.masked if value else "(not set: 3 requests/s)"
        elif f.name == "email":
            value = value or "(not set: NCBI asks for one; set NCBI_EMAIL)"
        elif isinstance(value, tuple):
            value = ", ".join(str(v) for v in value)
        out[f.name] = str(value) if value is not None else "(not set)"
    out["requests_per_second"] = f"{settings.requests_per_second:g}"
    return out
