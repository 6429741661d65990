"""`queries list`, `search`, `show`, `config`."""

from __future__ import annotations

import sys

import click

from withdrawal_lit.cli.options import filter_options, json_option, validate_pmid
from withdrawal_lit.cli.progress import TerminalProgress
from withdrawal_lit.errors import EXIT_CODES_HELP, EXIT_PARTIAL, QueryFileError
from withdrawal_lit.rank import weights_help


@click.command("list")
@click.argument("names", nargs=-1)
@json_option
@click.pass_obj
def queries(app, names, as_json):
    """List the predefined questions, their PubMed terms and what the cache holds for each."""
    from withdrawal_lit.queries import select

    chosen = select(app.queries, names)
    from withdrawal_lit.services.provenance import query_states

    states = query_states(app.settings, [q.name for q in chosen])
    rows = []
    for q in chosen:
        state = states.get(q.name)
        rows.append(
            {
                "name": q.name,
                "title": q.title,
                "question": q.question,
                "term": " ".join(q.term.split()),
                "registry_term": q.registry_term,
                "tags": list(q.tags),
                "concepts": [list(c) for c in q.concepts],
                "roles": list(q.roles),
                "cached": state.cached if state else 0,
                "count": state.last_count if state else None,
                "updated": state.last_success_at if state else None,
                "file": q.path,
            }
        )
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, rows)
        return
    from withdrawal_lit.cli.render import queries_table

    queries_table(app.out, rows)


@click.command(epilog=f"\b\nRanking: {weights_help()}\n\b\n{EXIT_CODES_HELP}")
@click.argument("names", nargs=-1)
@click.option("--term", help="Run an ad-hoc PubMed term instead of the predefined queries.")
@click.option(
    "--roles",
    help="With --term: the role of each AND-block, comma-separated (intervention, condition,"
    " outcome, population, design); inferred when not given.",
)
@click.option("--offline", is_flag=True, help="Use the cache only; never touch the network.")
@click.option("--refresh", is_flag=True, help="Ask PubMed again even if the cache is fresh.")
@click.option("--explain", is_flag=True, help="Show each component of each paper's score.")
@click.option(
    "--no-trials", is_flag=True, help="Leave out the registered trials (ClinicalTrials.gov)."
)
@filter_options(default_limit=10)
@json_option
@click.pass_obj
def search(
    app,
    names,
    term,
    roles,
    offline,
    refresh,
    explain,
    no_trials,
    limit,
    since,
    designs,
    sort,
    retracted_in_place,
    as_json,
):
    """Run the predefined PubMed queries (or NAMES, or --term) and print ranked, summarised papers.

    A query is asked of PubMed when the cache has never seen it, its term changed, or its last
    search is older than max_age_hours (24 by default); otherwise the cache answers. With
    --offline the network is never touched. Under each question's papers come its registered
    trials from ClinicalTrials.gov (its registry_term; asked on the same schedule), with
    status, phase, enrollment, dates, results and linked PMIDs; --no-trials leaves them out.
    When they cannot be shown (--offline before any were fetched, the register unreachable)
    the papers still print, the trials section says why, and the exit code is 1 (partial).
    """
    from withdrawal_lit.services.search import Filters, run_search

    if offline and refresh:
        raise click.UsageError("--offline and --refresh contradict each other; drop one")
    chosen = app.select(names, term, roles)
    shown = {"limit": limit, "since": since, "designs": designs, "sort": sort}
    filters = Filters(**shown, retracted_last=not retracted_in_place, explain=explain)
    with TerminalProgress(app.err, enabled=app.interactive and not as_json) as progress:
        answer = run_search(
            app.settings,
            chosen,
            offline=offline,
            refresh=refresh,
            filters=filters,
            progress=progress,
            trials=app.settings.trials and not no_trials,
        )
    outcome = answer.outcome
    trials = {section.query.name: section for section in answer.sections}
    if as_json:
        from withdrawal_lit.cli.render import print_json
        from withdrawal_lit.cli.trials import section_rows

        rows = []
        for r in outcome.results:
            rows.extend({"record": "paper", **i.to_json()} for i in r.items)
            if r.query.name in trials:
                rows.extend(section_rows(trials[r.query.name]))
        print_json(sys.stdout, rows)
    else:
        from withdrawal_lit.cli.render import search_results
        from withdrawal_lit.cli.trials import render_section

        def under(result):
            if result.query.name in trials:
                render_section(app.out, trials[result.query.name])

        search_results(app.out, outcome.results, explain=explain, after=under)
    if answer.trials_network:
        app.err.print(answer.trials_network, style="dim", markup=False)
    if outcome.network:  # a run with nothing at all to show raised above, on one line
        app.remind_email()
        app.err.print(
            f"{outcome.network}; {outcome.new_records} new records cached.",
            style="dim",
            markup=False,
            soft_wrap=True,
        )
    for warning in answer.warnings:
        app.err.print(warning, style="yellow", markup=False, soft_wrap=True)
    if answer.error is not None:
        raise answer.error
    if answer.missing:
        by_reason: dict[str, list[str]] = {}
        for section in answer.missing:  # one line per reason, not one per question
            by_reason.setdefault(section.missing, []).append(section.query.name)
        for reason, names in by_reason.items():
            app.err.print(
                f"warning: registered trials missing for {', '.join(names)}: {reason}",
                style="yellow",
                markup=False,
                soft_wrap=True,
            )
        return EXIT_PARTIAL


@click.command()
@click.argument("pmid")
@click.option("--offline", is_flag=True, help="Do not fetch from PubMed when not cached.")
@json_option
@click.pass_obj
def show(app, pmid, offline, as_json):
    """Show one record in full: citation, design, flags, MeSH, abstract, bottom line, and the
    trials it reports. PMID may also be an NCT number: the registered trial and its papers."""
    from withdrawal_lit.services.show import show_paper

    if pmid.strip().upper().startswith("NCT"):
        from withdrawal_lit.cli.trials import show_trial

        return show_trial(app, pmid, offline=offline, as_json=as_json)
    pmid = validate_pmid(pmid)
    paper = show_paper(app.settings, pmid, offline=offline, queries=_queries(app).values())
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, paper.to_json())
        return
    from withdrawal_lit.cli.render import article_panel
    from withdrawal_lit.cli.trials import render_registrations

    article_panel(app.out, paper.article, paper.assessment, paper.summary, paper.found_by)
    render_registrations(app.out, paper.registrations)


def _queries(app) -> dict:
    """The predefined queries; none when their files cannot be read (`show` still works)."""
    try:
        return app.queries
    except QueryFileError:
        return {}


@click.command()
@json_option
@click.pass_obj
def config(app, as_json):
    """Show the resolved settings and paths (the API key masked) and where each can be set."""
    from withdrawal_lit.settings import describe

    values = describe(app.settings)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, values)
        return
    from withdrawal_lit.cli.render import settings_table

    settings_table(app.out, values)
    app.err.print(
        "Set them with flags, environment variables (WITHDRAWAL_LIT_DB, WITHDRAWAL_LIT_QUERIES, "
        "WITHDRAWAL_LIT_EUTILS_URL, WITHDRAWAL_LIT_CTGOV_URL, WITHDRAWAL_LIT_TRIALS, NCBI_EMAIL, "
        "NCBI_API_KEY) or the config file.",
        style="dim",
        markup=False,
    )


COMMANDS = [search, show, config]  # queries: see query_cmds
