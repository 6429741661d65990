"""`withdrawal-lit schedule`: a crontab line and systemd user units for the nightly refresh."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from cli_run import run

from withdrawal_lit.services import schedule
from withdrawal_lit.settings import resolve

KEY = "0123456789abcdef0123456789abcdef77aa"


@pytest.fixture
def keyed(isolated, monkeypatch):
    """An API key in the config file and in the environment, as many users have it."""
    config = isolated / "config.toml"
    config.write_text(f'email = "ann@example.org"\napi_key = "{KEY}"\n')
    monkeypatch.setenv("NCBI_API_KEY", KEY)
    monkeypatch.delenv("WITHDRAWAL_LIT_EUTILS_URL")  # NCBI itself
    return config


def test_cron_line_names_everything_by_absolute_path_and_never_the_key(keyed, isolated):
    result = run("schedule", "--cron", "--at", "04:05")
    assert result.exit_code == 0, result.output
    assert KEY not in result.output and KEY[-4:] not in result.output
    comment, line = result.stdout.splitlines()
    assert comment.startswith("# withdrawal-lit: refresh the PubMed cache every night at 04:05")
    minute, hour, *stars = line.split()[:5]
    assert (minute, hour, stars) == ("5", "4", ["*", "*", "*"])
    words = shlex.split(line.split(None, 5)[5])
    assert words[:2] == ["NCBI_EMAIL=ann@example.org", f"WITHDRAWAL_LIT_CONFIG={keyed}"]
    argv = words[2:]
    assert argv[:3] == [str(Path(sys.executable).absolute()), "-m", "withdrawal_lit"]
    assert argv[3:7] == ["--db", str(isolated / "cache.sqlite3"), "refresh", "--quiet"]
    assert argv[-2] == "--log-file"
    assert argv[-1] == str(isolated / "home" / "state" / "withdrawal-lit" / "refresh.log")
    assert all(Path(w).is_absolute() for w in (argv[0], argv[4], argv[-1]))


def test_without_an_email_a_placeholder_and_advice(isolated):
    result = run("schedule", "--cron")
    assert result.exit_code == 0
    assert f"NCBI_EMAIL={schedule.EMAIL_PLACEHOLDER}" in result.stdout
    assert "30 2 * * *" in result.stdout  # the default time
    assert "--eutils-url http://127.0.0.1:9/entrez/eutils/ refresh" in result.stdout  # a mirror
    assert f"Replace {schedule.EMAIL_PLACEHOLDER}" in result.stderr
    assert "keep your NCBI API key in" in result.stderr


def test_a_relative_cache_path_becomes_absolute(isolated, monkeypatch):
    monkeypatch.chdir(isolated)
    result = run("--db", "here.sqlite3", "schedule", "--cron")
    assert f"--db {isolated / 'here.sqlite3'}" in result.stdout


def test_cron_escapes_percent_signs(isolated):
    settings = resolve(env={"WITHDRAWAL_LIT_DB": str(isolated / "100%" / "cache.sqlite3")})
    line = schedule.crontab(schedule.build(settings, hour=1, minute=0, env={"HOME": "/home/a"}))
    assert "100\\%" in line and "100%/" not in line.replace("\\%", "")


def test_systemd_units(keyed, isolated):
    result = run("schedule", "--systemd", "--at", "5:07")
    assert result.exit_code == 0, result.output
    assert KEY not in result.output and KEY[-4:] not in result.output
    units = isolated / "home" / "config" / "systemd" / "user"
    out = result.stdout
    assert f"# {units / 'withdrawal-lit-refresh.service'}" in out
    assert f"# {units / 'withdrawal-lit-refresh.timer'}" in out
    exec_start = next(line for line in out.splitlines() if line.startswith("ExecStart="))
    assert exec_start.startswith(f"ExecStart={Path(sys.executable).absolute()} -m withdrawal_lit")
    assert f"--db {isolated / 'cache.sqlite3'} refresh --quiet --log-file" in exec_start
    assert 'Environment="NCBI_EMAIL=ann@example.org"' in out
    assert f'Environment="WITHDRAWAL_LIT_CONFIG={keyed}"' in out
    assert "Type=oneshot" in out
    assert "OnCalendar=*-*-* 05:07:00" in out and "Persistent=true" in out
    assert "WantedBy=timers.target" in out
    assert schedule.ENABLE_COMMAND in result.stderr
    assert not units.exists()  # printed, not written


def test_install_writes_the_units_and_says_how_to_enable_them(keyed, isolated):
    result = run("schedule", "--systemd", "--install")
    assert result.exit_code == 0, result.output
    units = isolated / "home" / "config" / "systemd" / "user"
    service = (units / "withdrawal-lit-refresh.service").read_text()
    timer = (units / "withdrawal-lit-refresh.timer").read_text()
    assert "ExecStart=" in service and "OnCalendar=*-*-* 02:30:00" in timer
    assert KEY not in service + timer
    assert f"wrote {units / 'withdrawal-lit-refresh.timer'}" in result.stderr
    assert (
        "systemctl --user daemon-reload && systemctl --user enable --now "
        "withdrawal-lit-refresh.timer" in result.stderr
    )
    assert sorted(p.name for p in units.iterdir()) == [
        "withdrawal-lit-refresh.service",
        "withdrawal-lit-refresh.timer",
    ]


def test_systemd_quotes_what_it_must(tmp_path):
    odd = tmp_path / "my cache %h $HOME"
    settings = resolve(env={"WITHDRAWAL_LIT_DB": str(odd / "c.sqlite3"), "NCBI_EMAIL": "a@b.c"})
    plan = schedule.build(settings, hour=0, minute=0, env={"HOME": str(tmp_path)})
    service = schedule.systemd_units(plan)["withdrawal-lit-refresh.service"]
    assert f'"{tmp_path}/my cache %%h $$HOME/c.sqlite3"' in service
    assert 'Environment="NCBI_EMAIL=a@b.c"' in service


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "choose --cron or --systemd"),
        (("--cron", "--install"), "--install writes systemd units"),
        (("--cron", "--at", "24:00"), "not a time of day"),
        (("--systemd", "--at", "noon"), "not a time of day"),
    ],
)
def test_bad_options(isolated, args, message):
    result = run("schedule", *args)
    assert result.exit_code == 2
    assert message in result.stderr
