"""Settings: precedence flag > env > config > default, validation, the secret stays secret."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from withdrawal_lit import settings as settings_module
from withdrawal_lit.errors import ConfigError
from withdrawal_lit.settings import (
    NCBI_EUTILS_URL,
    Home,
    Secret,
    describe,
    env_api_key,
    refresh_log_default,
    resolve,
    systemd_user_dir,
)


def test_defaults_follow_xdg(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    s = resolve(env=env)
    assert s.db_path == tmp_path / "data" / "withdrawal-lit" / "cache.sqlite3"
    assert s.config_path == tmp_path / "cfg" / "withdrawal-lit" / "config.toml"
    assert s.eutils_url == NCBI_EUTILS_URL
    assert s.requests_per_second == 3
    assert s.api_key is None


def test_a_given_environment_is_all_that_is_read(tmp_path, monkeypatch):
    """resolve(env=...) never looks at this process's HOME or XDG folders."""
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, "/the/real/one")
    s = resolve(env={"HOME": str(tmp_path)})
    assert s.config_path == tmp_path / ".config" / "withdrawal-lit" / "config.toml"
    if sys.platform.startswith("linux"):
        assert s.db_path == tmp_path / ".local" / "share" / "withdrawal-lit" / "cache.sqlite3"
    flagged = resolve(env={"HOME": str(tmp_path)}, db="~/c.sqlite3", log_file="~/r.log")
    assert (flagged.db_path, flagged.log_file) == (tmp_path / "c.sqlite3", tmp_path / "r.log")
    home = Home(home=tmp_path / "h", app_dir=tmp_path / "app")
    assert resolve(env={}, home=home).config_path == tmp_path / "app" / "config.toml"


def test_precedence_flag_over_env_over_config(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('db = "/from/config.sqlite3"\nemail = "cfg@example.org"\ntimeout = 5\n')
    env = {"WITHDRAWAL_LIT_DB": "/from/env.sqlite3"}
    assert resolve(env=env, config=config).db_path == Path("/from/env.sqlite3")
    assert resolve(env=env, config=config, db="/flag.sqlite3").db_path == Path("/flag.sqlite3")
    s = resolve(env={}, config=config)
    assert (s.db_path, s.email, s.timeout) == (Path("/from/config.sqlite3"), "cfg@example.org", 5)


def test_api_key_is_a_secret(tmp_path):
    s = resolve(env={"NCBI_API_KEY": "abcdef0123456789"}, config=tmp_path / "none.toml")
    assert isinstance(s.api_key, Secret)
    assert "abcdef0123456789" not in repr(s)
    assert "abcdef0123456789" not in repr(s.api_key)
    assert describe(s)["api_key"] == "***6789"
    assert s.requests_per_second == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("timeout = 'fast'", "'timeout' must be a number"),
        ("retries = 2.5", "'retries' must be an integer, not float"),
        ("email = 5", "'email' must be a string, not int"),
        ("colour = true", "unknown key 'colour'"),
        ("email = ", "Fix the TOML syntax"),
        ("retries = 99", "out of range"),
        ("batch_size = 0", "out of range"),
        ('eutils_url = "ftp://x"', "not an http(s) URL"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path, text, message):
    config = tmp_path / "c.toml"
    config.write_text(text + "\n")
    with pytest.raises(ConfigError) as info:
        resolve(env={}, config=config)
    assert message in info.value.one_line()
    assert "\n" not in info.value.one_line()


def test_non_utf8_config(tmp_path):
    config = tmp_path / "c.toml"
    config.write_bytes(b'email = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        resolve(env={}, config=config)


def test_bad_number_in_env(tmp_path):
    with pytest.raises(ConfigError, match="WITHDRAWAL_LIT_TIMEOUT must be a number"):
        resolve(env={"WITHDRAWAL_LIT_TIMEOUT": "soon"}, config=tmp_path / "none.toml")


def test_configured_rate_applies_to_mirrors_only(tmp_path):
    none = tmp_path / "none.toml"
    mirror = resolve(env={"WITHDRAWAL_LIT_RATE_LIMIT": "50"}, config=none,
                     eutils_url="http://127.0.0.1:8000/eutils")  # fmt: skip
    assert mirror.requests_per_second == 50
    assert mirror.eutils_url.endswith("/")
    ncbi = resolve(env={"WITHDRAWAL_LIT_RATE_LIMIT": "50"}, config=none)
    assert ncbi.requests_per_second == 3


def test_ctgov_url_flag_env_config_default(tmp_path):
    from withdrawal_lit.settings import CTGOV_URL

    config = tmp_path / "c.toml"
    assert resolve(env={}, config=config).ctgov_url == CTGOV_URL
    config.write_text('ctgov_url = "http://127.0.0.1:8/api/v2"\n')
    assert resolve(env={}, config=config).ctgov_url == "http://127.0.0.1:8/api/v2/"
    env = {"WITHDRAWAL_LIT_CTGOV_URL": "http://env.example/api/v2/"}
    assert resolve(env=env, config=config).ctgov_url == "http://env.example/api/v2/"
    flagged = resolve(env=env, config=config, ctgov_url="http://flag.example/v2/")
    assert flagged.ctgov_url == "http://flag.example/v2/"
    assert describe(flagged)["ctgov_url"] == "http://flag.example/v2/"
    with pytest.raises(ConfigError, match="not an http"):
        resolve(env={"WITHDRAWAL_LIT_CTGOV_URL": "ftp://x"}, config=config)


# -- the key shows itself only when asked ----------------------------------------------------
def test_a_secret_leaks_only_through_reveal():
    import copy
    import dataclasses
    import json
    import pickle

    key = Secret("abcdef0123456789")
    shown = [str(key), repr(key), f"{key}", f"{key!s}", f"{key!r}", f"{key:>20}",
             format(key), "%s" % key, "{}".format(key), str([key]), str({"k": key})]  # noqa: UP031, UP032  # fmt: skip
    assert not [text for text in shown if "0123" in text]
    assert json.dumps({"k": key}, default=str) == '{"k": "***"}'
    with pytest.raises(TypeError):
        json.dumps({"k": key})  # not a str: refused, never written out
    with pytest.raises(TypeError):
        "key=" + key  # noqa: B018 - concatenation must not reveal it by accident
    with pytest.raises(TypeError):
        pickle.dumps(key)
    assert key.reveal() == "abcdef0123456789" and key.masked == "***6789"
    assert copy.deepcopy(key) is key and key == Secret("abcdef0123456789") and key
    settings = resolve(env={"NCBI_API_KEY": "abcdef0123456789"}, config=Path("/nonexistent"))
    assert "0123" not in str(dataclasses.asdict(settings))
    assert dataclasses.replace(settings, email="x@y.org").api_key == key


# -- a key file others can read is warned about, as ssh does --------------------------------
@pytest.mark.parametrize(
    ("content", "mode", "warned"),
    [
        ('api_key = "abcdef0123456789"\n', 0o644, True),
        ('api_key = "abcdef0123456789"\n', 0o640, True),
        ('api_key = "abcdef0123456789"\n', 0o604, True),
        ('api_key = "abcdef0123456789"\n', 0o600, False),
        ('api_key = "abcdef0123456789"\n', 0o400, False),
        ('email = "a@b.org"\n', 0o644, False),  # no key in it: nothing to protect
    ],
)
def test_a_config_file_holding_the_key_that_others_can_read_is_warned(
    tmp_path, content, mode, warned
):
    config = tmp_path / "config.toml"
    config.write_text(content)
    config.chmod(mode)
    settings = resolve(env={}, config=config)
    if not warned:
        assert settings.notices == ()
        return
    (notice,) = settings.notices
    assert notice == (
        f"warning: permissions {mode:04o} for {config} are too open: it holds your NCBI API "
        f"key and others can read it; run `chmod 600 {config}`"
    )
    assert "0123" not in notice


def test_the_cli_prints_the_key_file_warning_once_on_stderr(isolated):
    import json

    from click.testing import CliRunner

    from withdrawal_lit.cli import cli

    config = isolated / "config.toml"
    config.write_text('api_key = "abcdef0123456789"\n')
    config.chmod(0o644)
    result = CliRunner().invoke(cli, ["config", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["api_key"] == "***6789"
    assert result.stderr.splitlines() == [
        f"warning: permissions 0644 for {config} are too open: it holds your NCBI API key and "
        f"others can read it; run `chmod 600 {config}`"
    ]
    config.chmod(0o600)
    assert CliRunner().invoke(cli, ["config", "--json"]).stderr == ""


def test_the_schedule_paths_follow_xdg_and_read_only_a_given_environment(tmp_path, monkeypatch):
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, "/the/real/one")
    home = {"HOME": str(tmp_path)}
    assert refresh_log_default(home) == tmp_path / ".local/state/withdrawal-lit/refresh.log"
    assert systemd_user_dir(home) == tmp_path / ".config/systemd/user"
    xdg = {**home, "XDG_STATE_HOME": str(tmp_path / "s"), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    assert refresh_log_default(xdg) == tmp_path / "s/withdrawal-lit/refresh.log"
    assert systemd_user_dir(xdg) == tmp_path / "c/systemd/user"
    assert env_api_key({"NCBI_API_KEY": "k" * 36}) == "k" * 36 and env_api_key({}) is None


# What reads the environment besides settings: rich reads NO_COLOR (and TERM, COLUMNS) itself;
# click reads the `envvar=` of the top-level options and hands them to resolve() as flags;
# requests reads the proxy variables. None of that is code of this package.
ENVIRONMENT_READS = ("environ", "getenv", "get_app_dir", "home")


def test_only_settings_reads_the_environment_and_the_home_folder():
    package = Path(settings_module.__file__).parent
    readers = []
    for path in sorted(package.rglob("*.py")):
        if path == Path(settings_module.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "attr", None) or getattr(node, "id", None)
            if isinstance(node, ast.Attribute | ast.Name) and name in ENVIRONMENT_READS:
                readers.append(f"{path.relative_to(package)}:{node.lineno} {name}")
    assert not readers, "read them through withdrawal_lit.settings: " + ", ".join(readers)
