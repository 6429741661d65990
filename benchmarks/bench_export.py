"""Figure 5: `export` of a 100k-record cache to CSV: seconds and peak RSS, against 10k.

    python benchmarks/bench_export.py [--quick]

Runs ``python -m withdrawal_lit export -o FILE`` (CSV, every query's ranked papers: one row
per query and record) on the benchmark caches of 10k and 100k records (1k and 10k with
--quick, see corpora.py), in a fresh process each, measuring its wall time and its own peak
RSS. An export that streams keeps its memory flat as the cache grows: the 100k figure is
compared with the 10k one. Rows per second are given at both sizes, against the target of
5,000 (a record found by several queries is assessed once, but each record still is once).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import benchlib
from benchlib import Figure

FLAT = 1.5  # peak RSS at 10x the records may grow by at most this factor
ROWS_PER_SECOND = 5_000  # the target, at both sizes


def _export(db: Path) -> tuple[benchlib.Run, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.csv"
        env = benchlib.cli_env(benchlib.CACHE_DIR / "home", WITHDRAWAL_LIT_DB=str(db))
        result = benchlib.checked(
            benchlib.run(benchlib.cli("export", "-o", str(out)), env), "export"
        )
        with out.open("rb") as stream:
            rows = sum(1 for _ in stream) - 1
    return result, rows


def figures(quick: bool = False) -> list[Figure]:
    name = "export to CSV"
    if not benchlib.has_command("export"):
        return [benchlib.unavailable(name, "`withdrawal-lit export` does not exist yet", "")]
    from corpora import cache_db

    small, large = (1_000, 10_000) if quick else (10_000, 100_000)
    benchlib.say(f"exporting {small:,} and {large:,} records...")
    base, base_rows = _export(cache_db(small))
    result, rows = _export(cache_db(large))
    label, base_label = f"{large // 1000}k", f"at {small // 1000}k"
    return [
        Figure(
            f"export {label} records to CSV: time",
            result.seconds,
            "s",
            base.seconds,
            base_label,
            "streams (no time target)",
            None,
            f"{rows:,} rows (one per query and record); {rows / result.seconds:,.0f} rows/s",
        ),
        Figure(
            f"export {label} records to CSV: rows/s",
            rows / result.seconds,
            "rows/s",
            base_rows / base.seconds,
            base_label,
            f"≥ {ROWS_PER_SECOND:,}/s at both sizes",
            min(rows / result.seconds, base_rows / base.seconds) >= ROWS_PER_SECOND,
        ),
        Figure(
            f"export {label} records to CSV: peak RSS",
            result.peak_rss_mb,
            "MB",
            base.peak_rss_mb,
            base_label,
            f"flat: ≤ {FLAT:g} × {base_label}",
            result.peak_rss_mb <= FLAT * base.peak_rss_mb,
        ),
    ]


def main() -> None:
    parser = benchlib.parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="1k and 10k records")
    args = parser.parse_args()
    found = figures(args.quick)
    benchlib.show(found)


if __name__ == "__main__":
    main()
