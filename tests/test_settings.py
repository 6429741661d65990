"""Settings: precedence flag > env > config > default, validation, the secret stays secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from withdrawal_lit.errors import ConfigError
from withdrawal_lit.settings import NCBI_EUTILS_URL, Secret, describe, resolve


def test_defaults_follow_xdg(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    s = resolve(env=env)
    assert s.db_path == tmp_path / "data" / "withdrawal-lit" / "cache.sqlite3"
    assert s.eutils_url == NCBI_EUTILS_URL
    assert s.requests_per_second == 3
    assert s.api_key is None


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
        ("retries = 2.5", "'retries' must be a int"),
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
