"""The README cannot drift: its first two commands are what CI runs, and every example names a
command and options that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from withdrawal_lit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_lines() -> list[str]:
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", README, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```bash\n(.*?)```", README, flags=re.S).group(1)
    commands = [line for line in first_block.splitlines() if line.strip()]
    assert len(commands) == 2
    install_run, install_test = commands
    assert "pip install" in install_run and "withdrawal_lit search" in install_run
    assert "pip install" in install_test and "pytest" in install_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_test.replace("python3 -m pip install", "").split("&&")[1].strip() in ci
    assert "-e '.[test]'" in ci and "-e '.[test]'" in install_test


def examples() -> list[list[str]]:
    found = []
    for line in code_lines():
        if not line.startswith("withdrawal-lit "):
            continue
        line = line.split("  #")[0].split(" | ")[0].split(" >")[0].strip()
        words = shlex.split(line)[1:]
        found.append(words)
    return found


@pytest.mark.parametrize("words", examples(), ids=lambda w: " ".join(w)[:60])
def test_every_readme_example_parses(words):
    """Resolve the example's (sub)command and check each --option it uses exists there."""
    command = cli
    path = []
    rest = list(words)
    while rest and hasattr(command, "commands") and rest[0] in command.commands:
        path.append(rest[0])
        command = command.commands[rest.pop(0)]
    assert path, f"no such command: {words}"
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    known |= {"--help", "-h"}
    for word in rest:
        if word.startswith("-") and not re.fullmatch(r"-\d+", word):
            option = word.split("=")[0]
            if "|" in option:  # "--cron|--systemd": alternatives
                assert all(o in known for o in option.split("|")), word
                continue
            assert option in known, f"{' '.join(path)} has no option {option}"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
