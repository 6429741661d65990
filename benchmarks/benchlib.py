"""What the speed benchmarks share: paths, the CLI's environment, timed runs, the figures table.

Every figure is a ``Figure``: what was measured, the floor or baseline it is compared with
(measured in the same run), their ratio, the target and whether it is met. ``run.py`` prints
them all as one table; each ``bench_*.py`` prints its own.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import generate  # noqa: F401  (puts tests/ and src/ on sys.path)

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE_DIR = BENCH / ".cache"  # generated corpora and caches, reused across runs (gitignored)
PYTHON = sys.executable


@dataclass(frozen=True)
class Figure:
    name: str
    measured: float
    unit: str  # "s", "MB", "records/s", "requests"
    baseline: float | None  # the floor or baseline measured in the same run
    baseline_label: str
    target: str
    met: bool | None  # None: no target, or not measurable yet
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.measured / self.baseline


UNAVAILABLE = "not available yet"


def unavailable(name: str, why: str, target: str) -> Figure:
    """The row of a figure whose command the installed CLI does not have yet."""
    return Figure(name, float("nan"), "", None, why, target, None, UNAVAILABLE)


def _number(value: float, unit: str) -> str:
    if value != value:  # NaN: not measured
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit in ("records/s", "rows/s"):
        return f"{value:,.0f}/s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}".strip()


def table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table (what README.md shows)."""
    lines = [
        "| figure | measured | floor / baseline | ratio | target | met? |",
        "| --- | --: | --- | --: | --- | :-: |",
    ]
    for f in figures:
        base = f.baseline_label
        if f.baseline is not None:
            base = f"{_number(f.baseline, f.unit)} {f.baseline_label}".strip()
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}"
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        measured = f.note if f.note == UNAVAILABLE else _number(f.measured, f.unit)
        lines.append(f"| {f.name} | {measured} | {base} | {ratio} | {f.target} | {met} |")
    return "\n".join(lines)


def notes(figures: Sequence[Figure]) -> str:
    return "\n".join(f"- {f.name}: {f.note}" for f in figures if f.note not in ("", UNAVAILABLE))


# -- running the CLI -----------------------------------------------------------------------
def parser(doc: str) -> argparse.ArgumentParser:
    """A benchmark's command line, described by the first paragraph of its docstring."""
    return argparse.ArgumentParser(description=doc.split("\n\n")[0])


def server_parser(
    doc: str, quick_records: int, latency: float, per_record: float
) -> argparse.ArgumentParser:
    """``parser`` with the fake E-utilities server's options: its size and its latencies."""
    parser_ = parser(doc)
    parser_.add_argument(
        "--quick", action="store_true", help=f"{quick_records // 1000}k records on the server"
    )
    parser_.add_argument("--records", type=int, help="records on the server")
    parser_.add_argument("--latency", type=float, default=latency, help="seconds per request")
    parser_.add_argument("--per-record", type=float, default=per_record, help="s per record")
    return parser_


def show(figures: Sequence[Figure]) -> None:
    """Print the figures' table and their notes."""
    print(table(figures))
    print(notes(figures))


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment for the CLI: no user config, cache, API key or rate override; and the
    package's bytecode compiled (``compile_package``)."""
    compile_package()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WITHDRAWAL_LIT_", "NCBI_", "XDG_"))
    }
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        WITHDRAWAL_LIT_CONFIG=str(home / "no-config.toml"),
        NCBI_EMAIL="benchmarks@example.org",
        WITHDRAWAL_LIT_TRIALS="off",  # PubMed figures; bench_trials.py measures the register
        NO_COLOR="1",
        COLUMNS="160",
    )
    env.update(extra)
    return env


@functools.cache
def compile_package() -> None:
    """Compile the package's modules, as installing it does (pip writes the bytecode).

    A source checkout writes its bytecode on first import, unless PYTHONDONTWRITEBYTECODE is
    set (as on some CI machines and containers); without it every CLI process would compile
    each module again, which is not what a user's installed copy does (about 0.06 s a run).
    Once per benchmark process.
    """
    import compileall

    import withdrawal_lit

    compileall.compile_dir(Path(withdrawal_lit.__file__).parent, quiet=1)


@dataclass(frozen=True)
class Run:
    started: float  # time.perf_counter() just before the process was started
    seconds: float  # whole process, start to exit
    returncode: int
    peak_rss_mb: float
    stderr: str


# Starts the process to measure and reports its time and peak RSS. ru_maxrss survives exec:
# a process forked from this one (which holds the fake server's corpus, hundreds of MB) would
# report at least that much, so the process is forked from this small launcher instead.
LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
seconds = time.perf_counter() - started
report = {"started": started, "seconds": seconds, "returncode": os.waitstatus_to_exitcode(status),
          "peak_kb": usage.ru_maxrss}
with open(sys.argv[1], "w") as out:
    json.dump(report, out)
"""


def run(args: Sequence[str], env: dict[str, str], *, stdout=subprocess.DEVNULL) -> Run:
    """Run a process to completion: its wall time and its own peak RSS."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    err_path = CACHE_DIR / f"stderr-{os.getpid()}.txt"
    report_path = CACHE_DIR / f"run-{os.getpid()}.json"
    with err_path.open("w+") as err:
        launcher = [PYTHON, "-c", LAUNCHER, str(report_path), *args]
        subprocess.run(launcher, env=env, stdout=stdout, stderr=err, cwd=ROOT, check=False)
        err.seek(0)
        text = err.read()
    report = json.loads(report_path.read_text())
    err_path.unlink()
    report_path.unlink()
    return Run(
        report["started"], report["seconds"], report["returncode"], report["peak_kb"] / 1024, text
    )


def cli(*args: str) -> list[str]:
    return [PYTHON, "-m", "withdrawal_lit", *args]


def checked(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return result


def median_run(args: Sequence[str], env: dict[str, str], repeat: int) -> float:
    """Median whole-process seconds of ``repeat`` runs, after one untimed warm-up run."""
    checked(run(args, env), " ".join(args[2:]) or args[-1])
    return statistics.median(checked(run(args, env), args[-1]).seconds for _ in range(repeat))


def has_command(name: str) -> bool:
    """Whether the installed CLI has a subcommand (``withdrawal-lit NAME --help`` succeeds)."""
    result = subprocess.run(
        cli(name, "--help"), capture_output=True, env=cli_env(CACHE_DIR / "home"), cwd=ROOT
    )
    return result.returncode == 0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
