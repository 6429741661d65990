"""`refresh`, `new`, `runs`, `schedule`: keep the cache up to date every night, read what came."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from withdrawal_lit.cli.options import _limit, json_option
from withdrawal_lit.cli.progress import TerminalProgress
from withdrawal_lit.errors import EXIT_PARTIAL
from withdrawal_lit.timestamps import when

REFRESH_EPILOG = """\b
Examples:
  withdrawal-lit refresh                           # every predefined query, only what changed
  withdrawal-lit refresh kratom-opioid-withdrawal  # one query
  withdrawal-lit refresh --full                    # re-run each query whole, reconcile
  withdrawal-lit refresh --quiet --log-file ~/refresh.log      # from cron
  withdrawal-lit schedule --systemd --install      # run it every night

\b
Exit codes: 0 every query refreshed; 1 some queries failed (the others were saved), or
the registered trials could not be brought up to date (the papers were);
2 nothing could be refreshed (NCBI unreachable or refusing every query), or bad input;
5 cache unusable; 7 another refresh is updating this cache (see --wait).
"""


@click.command(epilog=REFRESH_EPILOG)
@click.argument("names", nargs=-1)
@click.option(
    "--full",
    is_flag=True,
    help="Re-run each query completely and mark the records it no longer returns (kept in "
    "the cache, no longer listed).",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="For cron: print only new and revised papers, and errors.",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False),
    help="Append timestamped lines (start, each query, end, errors) to this file "
    "[env WITHDRAWAL_LIT_LOG; config log_file].",
)
@click.option(
    "--wait",
    is_flag=True,
    help="If another refresh is updating the cache, wait for it instead of exiting with 7.",
)
@click.pass_obj
def refresh(app, names, full, quiet, log_file, wait):
    """Bring the cached queries up to date, asking NCBI only for what changed.

    Each query (all predefined ones, or NAMES) asks PubMed for records entered or modified
    since its last refresh, less a few days for late indexing; a night with nothing new costs
    one request. A query never refreshed, or whose term changed, runs in full. Each query is
    saved with its records in one transaction: an interrupted refresh loses nothing, and the
    next one resumes where it stopped.
    """
    from withdrawal_lit.services.refresh_run import run_refresh

    chosen = app.select(names)

    def on_query(item) -> None:
        if not quiet or not item.ok:
            style = "red" if not item.ok else "dim"
            line = ("error: " if not item.ok else "") + item.describe()
            app.err.print(line, style=style, markup=False)

    def on_trials(outcome) -> None:
        for sync in outcome.syncs:
            if not quiet or sync.error:
                style = "red" if sync.error else "dim"
                line = ("error: " if sync.error else "") + sync.describe()
                app.err.print(line, style=style, markup=False)
        if not quiet:
            app.err.print(outcome.network, style="dim", markup=False)

    with TerminalProgress(app.err, enabled=app.interactive and not quiet) as progress:
        done, run_log = run_refresh(
            app.settings,
            chosen,
            full=full,
            log_file=Path(log_file).expanduser() if log_file else None,
            wait=wait,
            on_wait=_say(app, quiet),
            on_query=on_query,
            on_trials=on_trials,
            progress=progress,
        )
    outcome, groups, changes = done.outcome, done.groups, done.changes
    if groups:
        from withdrawal_lit.cli.render import new_items

        new_items(app.out, groups, period="in this refresh")
    if changes:
        from withdrawal_lit.cli.trials import render_changes

        render_changes(app.out, changes, period="in this refresh")
    summary = (
        f"refresh {outcome.status}: {outcome.new_records} new records, "
        f"{outcome.revised_records} revised; {outcome.network}; {outcome.seconds:.1f} s"
    )
    if run_log:
        run_log.write(summary)
    if not quiet:
        app.remind_email()
        app.err.print(summary, style="dim", markup=False)
    if not done.trials_ok and outcome.exit_code == 0:
        return EXIT_PARTIAL  # the papers are saved; the registered trials are not up to date
    return outcome.exit_code


def _say(app, quiet):
    def say(text: str) -> None:
        if not quiet:
            app.err.print(f"{text}…", style="dim", markup=False)

    return say


NEW_EPILOG = """\b
Examples:
  withdrawal-lit new                      # the last 7 days
  withdrawal-lit new --since-last-run     # what the last successful refresh brought
  withdrawal-lit new kratom-opioid-withdrawal --days 30 --json
"""


@click.command(epilog=NEW_EPILOG)
@click.argument("names", nargs=-1)
@click.option(
    "--days",
    type=click.IntRange(min=1, max=36500),
    metavar="N",
    help="Changes of the last N days [default: 7].",
)
@click.option(
    "--since-last-run",
    is_flag=True,
    help="Changes since the start of the last successful refresh.",
)
@json_option
@click.pass_obj
def new(app, names, days, since_last_run, as_json):
    """Show the papers each query gained, and those revised, recently (cache only), and the
    registered trials that are new or changed status or posted results.

    A paper is new to a query when the query first returned it; revised when PubMed changed a
    record the query returns (a correction, new MeSH terms, a retraction). Each paper comes
    with its study design, year and bottom line, grouped by query.
    """
    from withdrawal_lit.services.whats_new import DEFAULT_DAYS, news

    if days is not None and since_last_run:
        raise click.UsageError("--days and --since-last-run contradict each other; drop one")
    chosen = app.select(names)
    found = news(app.settings, chosen, days=days, since_last_run=since_last_run)
    groups, changes = found.groups, found.changes
    if found.run is not None:
        period = f"since the refresh of {when(found.run.started_at, seconds=True)}"
    else:
        period = f"in the last {days or DEFAULT_DAYS} days"
    if as_json:
        from withdrawal_lit.cli.render import print_json

        rows = [{"record": "paper", **i.to_json()} for group in groups for i in group.items]
        print_json(sys.stdout, rows + changes)
        return
    if not groups and not changes:
        app.err.print(f"Nothing new {period}.", style="dim", markup=False)
        return
    from withdrawal_lit.cli.render import new_items
    from withdrawal_lit.cli.trials import render_changes

    if groups:
        new_items(app.out, groups, period=period)
    render_changes(app.out, changes, period=period)


@click.command()
@click.option("--limit", type=int, default=20, show_default=True, callback=_limit, metavar="N")
@click.option("--all", "every", is_flag=True, help="Every run that asked NCBI, `search` too.")
@json_option
@click.pass_obj
def runs(app, limit, every, as_json):
    """Show the history of refreshes: when, which queries, how long, the outcome, what came."""
    from withdrawal_lit.services.runs import run_history

    rows = run_history(app.settings, limit=limit, every=every)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, rows)
        return
    if not rows:
        app.err.print(
            "No refresh has run yet; try `withdrawal-lit refresh`.", style="dim", markup=False
        )
        return
    from withdrawal_lit.cli.render import runs_table

    runs_table(app.out, rows)


def _clock(ctx, param, value):
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise click.BadParameter(f"{value!r} is not a time of day; give HH:MM, e.g. 02:30")
    return int(match.group(1)), int(match.group(2))


SCHEDULE_EPILOG = """\b
Examples:
  withdrawal-lit schedule --cron              # a line for `crontab -e`
  withdrawal-lit schedule --systemd --at 05:15
  withdrawal-lit schedule --systemd --install # write the units, then enable the timer
"""


@click.command(epilog=SCHEDULE_EPILOG)
@click.option("--cron", "kind", flag_value="cron", help="Print a crontab line.")
@click.option("--systemd", "kind", flag_value="systemd", help="Print a systemd user timer.")
@click.option(
    "--at",
    default="02:30",
    show_default=True,
    callback=_clock,
    metavar="HH:MM",
    help="Local time of the nightly refresh (NCBI asks for big jobs at night, US time).",
)
@click.option(
    "--install",
    is_flag=True,
    help="With --systemd: write the units to $XDG_CONFIG_HOME/systemd/user (~/.config/...).",
)
@click.pass_obj
def schedule(app, kind, at, install):
    """Print what runs `refresh --quiet` every night for this installation and cache.

    The job names this installation's Python, the cache, the config file and a log file by
    absolute path. It never contains the NCBI API key: keep the key in the config file.
    """
    from withdrawal_lit.services import schedule as service
    from withdrawal_lit.settings import read_config, systemd_user_dir

    if kind is None:
        raise click.UsageError("choose --cron or --systemd")
    if install and kind != "systemd":
        raise click.UsageError("--install writes systemd units; use it with --systemd")
    settings = app.settings
    hour, minute = at
    plan = service.build(settings, hour=hour, minute=minute)
    if kind == "cron":
        click.echo(service.crontab(plan), nl=False)
    else:
        units = service.systemd_units(plan)
        if install:
            for path in service.install(units, systemd_user_dir()):
                app.err.print(f"wrote {path}", markup=False)
            app.err.print(f"Enable the timer with:\n  {service.ENABLE_COMMAND}", markup=False)
        else:
            folder = systemd_user_dir()
            for name, text in units.items():
                click.echo(f"# {folder / name}\n{text}")
            app.err.print(
                f"Save both files there (or rerun with --install), then:\n"
                f"  {service.ENABLE_COMMAND}",
                markup=False,
            )
    notes = [f"The refresh log goes to {plan.log_file}."]
    if plan.email_is_placeholder:
        notes.append(
            f"Replace {service.EMAIL_PLACEHOLDER} with your email (NCBI asks for one), or set "
            f"email in {settings.config_path}."
        )
    if "api_key" not in read_config(settings.config_path):
        notes.append(
            f"For 10 requests/s keep your NCBI API key in {settings.config_path} "
            '(api_key = "...", chmod 600): the job reads it there and never shows it.'
        )
    app.err.print("\n".join(notes), style="dim", markup=False)


COMMANDS = [refresh, new, runs, schedule]
