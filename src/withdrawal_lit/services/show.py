"""`show`: one paper (or one registered trial) in full, from the cache or fetched and saved."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from withdrawal_lit.design import assess
from withdrawal_lit.errors import NcbiError, NotFound
from withdrawal_lit.paper import Paper
from withdrawal_lit.records import Article, Query
from withdrawal_lit.services.assessment import derive
from withdrawal_lit.services.ncbi_client import ncbi_client
from withdrawal_lit.services.open_cache import open_store
from withdrawal_lit.services.trials import fetch_trial, paper_registrations, trial_by_id
from withdrawal_lit.settings import Settings
from withdrawal_lit.store import Store, now_iso
from withdrawal_lit.summarize import bottom_line


def show_paper(
    settings: Settings, pmid: str, *, offline: bool, queries: Iterable[Query] = ()
) -> Paper:
    """`show PMID`: with --offline from the cache only (there must be one). Its bottom line is
    the one `search` shows under the first of ``queries`` (the predefined ones) that found it."""
    with open_store(settings, readonly=offline, existing=offline) as store:
        article, found_by = show(settings, store, pmid, offline=offline)
        registrations = paper_registrations(store, article.pmid)
    concepts = {q.name: q.concepts for q in queries}
    first = next((concepts[name] for name in found_by if name in concepts), ())
    return Paper(
        article,
        assess(article),
        bottom_line(article, first),
        found_by=tuple(found_by),
        registrations=tuple(registrations),
    )


def show(
    settings: Settings, store: Store, pmid: str, *, offline: bool
) -> tuple[Article, list[str]]:
    """One record and the queries that found it; fetched from PubMed when not cached."""
    article = store.get(pmid)
    if article is None and not offline and not store.readonly:
        at = now_iso()
        try:
            with ncbi_client(settings) as (client, _), store.transaction():
                for batch in client.fetch([pmid]):
                    store.upsert(((a, derive(a)) for a in batch), at)
        except NcbiError:
            raise NotFound(f"PMID {pmid} is not in PubMed", "check the number") from None
        article = store.get(pmid)
    if article is None:
        how = "run without --offline to fetch it" if offline else "check the number"
        raise NotFound(f"PMID {pmid} is not in the cache", how)
    return article, store.queries_for(pmid)


def show_trial(settings: Settings, nct: str, *, offline: bool):
    """`show NCT...`: the trial's view from the cache, else (online) from the register, then
    saved."""
    with open_store(settings, readonly=offline, existing=offline) as store:
        view = trial_by_id(store, nct, today=date.today())
        if view is None and not offline:
            from withdrawal_lit.ctgov import CtgovClient

            with CtgovClient(settings) as client:
                view = fetch_trial(store, client, nct, today=date.today())
    if view is None:
        raise NotFound(f"{nct} is not in the cache", "run `withdrawal-lit show` without --offline")
    return view
