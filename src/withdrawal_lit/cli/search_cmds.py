"""`queries list`, `search`, `show`, `config`."""

from __future__ import annotations

import sys

import click

from withdrawal_lit.cli.options import filter_options, json_option, validate_pmid
from withdrawal_lit.errors import EXIT_CODES_HELP
from withdrawal_lit.rank import weights_help


@click.command("list")
@click.argument("names", nargs=-1)
@json_option
@click.pass_obj
def queries(app, names, as_json):
    """List the predefined questions, their PubMed terms and what the cache holds for each."""
    from withdrawal_lit.queries import select

    chosen = select(app.queries, names)
    rows = []
    store = _open_if_exists(app)
    for q in chosen:
        state = store.query_state(q.name) if store else None
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
    if store:
        store.close()
    if as_json:
        from withdrawal_lit.cli.render import print_json

        print_json(sys.stdout, rows)
        return
    from withdrawal_lit.cli.render import queries_table

    queries_table(app.out, rows)


def _open_for_search(app, offline: bool):
    """--offline means no network, not read-only: ranking features found out of date are
    stored once (when no other process is writing), so the next offline search is quick.
    A cache this process cannot write is read as it is."""
    from withdrawal_lit.errors import Busy, CacheError

    if not offline:
        return app.open_store()
    try:
        return app.open_store()
    except (Busy, CacheError):  # a damaged cache fails again, with its own message
        return app.open_store(readonly=True)


def _open_if_exists(app):
    if not app.settings.db_path.exists():
        return None
    return app.open_store(readonly=True)


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
    from withdrawal_lit.cli.progress import TerminalProgress
    from withdrawal_lit.errors import NotFound
    from withdrawal_lit.services.search import Filters
    from withdrawal_lit.services.search import search as run_search

    if offline and refresh:
        raise click.UsageError("--offline and --refresh contradict each other; drop one")
    chosen = app.select(names, term, roles)
    shown = {"limit": limit, "since": since, "designs": designs, "sort": sort}
    filters = Filters(**shown, retracted_last=not retracted_in_place, explain=explain)
    if offline and not app.settings.db_path.exists():
        raise NotFound(
            f"no cache at {app.settings.db_path} yet",
            "run `withdrawal-lit search` without --offline to fill it",
        )
    store = _open_for_search(app, offline)
    try:
        with TerminalProgress(app.err, enabled=app.interactive and not as_json) as progress:
            outcome = run_search(
                app.settings,
                store,
                chosen,
                offline=offline,
                refresh=refresh,
                filters=filters,
                progress=progress,
            )
            sections, trials_network = [], None
            if app.settings.trials and not no_trials:
                from withdrawal_lit.cli.trials import load_sections

                sections, trials_network = load_sections(
                    app,
                    store,
                    chosen,
                    offline=offline,
                    refresh=refresh,
                    progress=progress,
                    limit=limit,
                )
    finally:
        store.close()
    if outcome.results and all(r.error is not None and not r.items for r in outcome.results):
        raise outcome.results[0].error  # nothing to show: the error is the whole answer
    trials = {section.query.name: section for section in sections}
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
    if trials_network:
        app.err.print(trials_network, style="dim", markup=False)
    if outcome.network:  # a run with nothing at all to show raised above, on one line
        app.remind_email()
        app.err.print(
            f"{outcome.network}; {outcome.new_records} new records cached.",
            style="dim",
            markup=False,
            soft_wrap=True,
        )
    _report_failures(app, outcome)
    missing = [s for s in sections if s.missing]
    if missing:
        from withdrawal_lit.errors import EXIT_PARTIAL

        for section in missing:
            app.err.print(
                f"warning: {section.query.name}: registered trials missing: {section.missing}",
                style="yellow",
                markup=False,
                soft_wrap=True,
            )
        return EXIT_PARTIAL


def _report_failures(app, outcome) -> None:
    """Cached results make a network failure a warning; with nothing to show it is an error."""
    from withdrawal_lit.errors import NetworkError, NotFound

    for result in outcome.failed:
        message = result.error.one_line()
        if isinstance(result.error, NetworkError) and result.items:
            when = (result.last_success_at or "")[:10]
            app.err.print(
                f"warning: {result.query.name}: {message} — showing cached results from {when}",
                style="yellow",
                markup=False,
                soft_wrap=True,
            )
    fatal = [r for r in outcome.failed if not r.items]
    if fatal:
        raise fatal[0].error
    if outcome.results and all(r.total == 0 for r in outcome.results):
        if all(r.count == 0 for r in outcome.results):
            return  # PubMed itself found nothing: an answer, not an error
        if not any(r.source == "pubmed" for r in outcome.results):
            raise NotFound(
                "the cache holds no records for these queries",
                "run `withdrawal-lit search` without --offline to fill it",
            )


@click.command()
@click.argument("pmid")
@click.option("--offline", is_flag=True, help="Do not fetch from PubMed when not cached.")
@json_option
@click.pass_obj
def show(app, pmid, offline, as_json):
    """Show one record in full: citation, design, flags, MeSH, abstract, bottom line, and the
    trials it reports. PMID may also be an NCT number: the registered trial and its papers."""
    from withdrawal_lit.design import assess
    from withdrawal_lit.services.search import show as load
    from withdrawal_lit.summarize import bottom_line

    if pmid.strip().upper().startswith("NCT"):
        from withdrawal_lit.cli.trials import show_trial

        return show_trial(app, pmid, offline=offline, as_json=as_json)
    pmid = validate_pmid(pmid)
    store = app.open_store(readonly=offline)
    try:
        article, found_by = load(app.settings, store, pmid, offline=offline)
        from withdrawal_lit.services.trials import paper_registrations

        registrations = paper_registrations(store, article.pmid)
    finally:
        store.close()
    assessment = assess(article)
    summary = bottom_line(article)
    if as_json:
        from withdrawal_lit.cli.render import print_json

        payload = article.to_dict()
        payload.update(
            design=assessment.design.slug,
            evidence_level=assessment.design.level,
            population=assessment.population,
            sample_size=assessment.sample_size,
            retracted=assessment.retracted,
            bottom_line=summary.text,
            found_by=found_by,
            url=article.url,
            trial_ids=list(article.trial_ids),
            registrations=registrations,
        )
        print_json(sys.stdout, payload)
        return
    from withdrawal_lit.cli.render import article_panel
    from withdrawal_lit.cli.trials import render_registrations

    article_panel(app.out, article, assessment, summary, found_by)
    render_registrations(app.out, registrations)


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
