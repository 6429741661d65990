"""The SQLite cache: records, which query found which PMID, query state, runs and the search log.

``Store`` is one object made of parts that each own some tables and receive the open
``Database`` (``connection``: opening, migrating, transactions, the change counter); the parts
never call each other (tests/test_store.py checks). The modules, and the store's attribute
for each part: ``records`` (the records, their columns and full-text index), ``hits`` (which
query returns which PMID, each query's state), ``features`` (stored ranking features:
``store.ranking``), ``runs`` (runs and the search log), ``provenance`` (what PRISMA and
reports count), ``refresh`` (what the nightly refresh reads), ``trials`` (registered trials),
``role_scores`` (each record's stored role score), ``query_index`` (bm25 over a query's own
records), ``views`` (what `search` showed of a paper: ``paper_views``) and ``maintenance``
(`cache check` and salvage). The schema is in ``schema``. Callers use the store's methods
(``store.upsert(...)``); each is its part's method of the same name, except ``upsert``, which
also links the trials each new or revised paper names and forgets a revised record's role
scores, and ``rebuild_index``, which also forgets every role score and ranking feature.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Self

from withdrawal_lit.records import Article
from withdrawal_lit.store.connection import Database, cache_error, check_file, now_iso
from withdrawal_lit.store.features import Feature, Features, FeatureState
from withdrawal_lit.store.hits import Candidate, Hits, QueryState
from withdrawal_lit.store.maintenance import TABLE_KEYS, Maintenance
from withdrawal_lit.store.paper_views import PaperViews
from withdrawal_lit.store.provenance import ProvenanceQueries, QueryVersion, RecordBrief
from withdrawal_lit.store.query_index import QueryIndex
from withdrawal_lit.store.records import Derived, Records, UpsertCounts
from withdrawal_lit.store.refresh import CachedDates, Change, RefreshQueries
from withdrawal_lit.store.role_scores import RoleScores
from withdrawal_lit.store.runs import LogEntry, RunRecord, Runs
from withdrawal_lit.store.schema import MIGRATIONS, SCHEMA_VERSION, SQLITE_HEADER
from withdrawal_lit.store.trials import StoredTrial, TrialChange, TrialQueries, TrialSyncState


class _Of:
    """A method of one of the store's parts, called on the store: ``upsert = _Of("records")``
    makes ``store.upsert`` the ``records`` part's ``upsert``."""

    def __init__(self, part: str):
        self.part = part

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, store: Store | None, owner: type | None = None):
        if store is None:
            return self
        return getattr(getattr(store, self.part), self.name)


class Store:
    """The cache. Open with ``Store.open(path)``; use as a context manager to close it."""

    error_for = staticmethod(cache_error)  # the one-line error for an SQLite failure

    def __init__(self, db: Database):
        self.db = db
        self.records = Records(db)
        self.hits = Hits(db)
        self.ranking = Features(db)
        self.runs = Runs(db)
        self.provenance = ProvenanceQueries(db)
        self.refresh = RefreshQueries(db)
        self.trials = TrialQueries(db)
        self.maintenance = Maintenance(db)
        self.role_scores = RoleScores(db)
        self.query_index = QueryIndex(db)
        self.views = PaperViews(db)

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, create: bool = True) -> Self:
        return cls(Database.open(path, readonly=readonly, create=create))

    @classmethod
    def inspect(cls, path: Path) -> Self:
        """Open read-only for `cache check` and salvage: no version check, no migration."""
        return cls(Database.inspect(path))

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def readonly(self) -> bool:
        return self.db.readonly

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self, *, wait: bool = True) -> AbstractContextManager[None]:
        """One atomic write (see ``Database.transaction``)."""
        return self.db.transaction(wait=wait)

    def generation(self) -> int:
        return self.db.generation()

    def upsert(self, items: Iterable[tuple[Article, Derived]], seen_at: str) -> UpsertCounts:
        """Insert or replace records (a revision replaces the older copy) and link the trials
        each new or revised paper names; call in a transaction."""
        counts, written = self.records.upsert(items, seen_at)
        if written:
            try:
                self.trials.link_papers(written)
                self.role_scores.forget_role_scores(counts.revised_pmids)  # their text may differ
            except sqlite3.DatabaseError as exc:
                raise cache_error(self.path, exc) from None
        return counts

    def rebuild_index(self, items: Iterable[tuple[Article, Derived]]) -> int:
        """Recreate the full-text index from the records (``Records.rebuild_index``) and forget
        every stored role score and ranking feature, computed from the index's text; call in a
        transaction."""
        done = self.records.rebuild_index(items)
        self.role_scores.forget_role_scores()
        self.ranking.forget_features()
        return done

    # -- records
    update_derived = _Of("records")
    stale_assessments = _Of("records")
    get = _Of("records")
    get_many = _Of("records")
    missing = _Of("records")
    count_records = _Of("records")
    has_records = _Of("records")
    # -- queries and hits
    query_state = _Of("hits")
    save_query_state = _Of("hits")
    record_hits = _Of("hits")
    mark_gone = _Of("hits")
    candidates = _Of("hits")
    texts = _Of("hits")
    queries_for = _Of("hits")
    # -- ranking features
    feature_state = _Of("ranking")
    feature_inputs = _Of("ranking")
    forget_features = _Of("ranking")
    save_features = _Of("ranking")
    features = _Of("ranking")
    scored_candidates = _Of("ranking")
    # -- stored role scores
    role_texts = _Of("role_scores")
    has_role_scores = _Of("role_scores")
    save_role_scores = _Of("role_scores")
    keep_role_scores = _Of("role_scores")
    forget_role_scores = _Of("role_scores")
    ranked_concepts = _Of("role_scores")
    # -- a query's own full-text index
    query_scores = _Of("query_index")
    # -- stored views of shown papers
    paper_views = _Of("views")
    has_paper_views = _Of("views")
    save_paper_views = _Of("views")
    keep_paper_views = _Of("views")
    # -- runs and the search log
    start_run = _Of("runs")
    finish_run = _Of("runs")
    log_search = _Of("runs")
    list_runs = _Of("runs")
    last_run = _Of("runs")
    close_stale_runs = _Of("runs")
    search_history = _Of("runs")
    # -- provenance
    query_versions = _Of("provenance")
    logged_queries = _Of("provenance")
    query_titles = _Of("provenance")
    hit_counts = _Of("provenance")
    distinct_hits = _Of("provenance")
    design_counts = _Of("provenance")
    year_counts = _Of("provenance")
    retracted_records = _Of("provenance")
    # -- refresh
    record_dates = _Of("refresh")
    hits_by_pmid = _Of("refresh")
    changes_since = _Of("refresh")
    # -- registered trials
    save_trials = _Of("trials")
    link_papers = _Of("trials")
    save_trial_sync = _Of("trials")
    forget_trial_hits = _Of("trials")
    trial_sync_state = _Of("trials")
    trial = _Of("trials")
    trials_for = _Of("trials")
    trial_ids_for = _Of("trials")
    trial_facets = _Of("trials")
    ended_without_results = _Of("trials")
    iter_trials = _Of("trials")
    trial_queries = _Of("trials")
    links_of_trial = _Of("trials")
    links_of_paper = _Of("trials")
    trial_changes_since = _Of("trials")
    count_trials = _Of("trials")
    # -- maintenance
    schema_version = _Of("maintenance")
    table_names = _Of("maintenance")
    integrity_problems = _Of("maintenance")
    count_rows = _Of("maintenance")
    orphan_hits = _Of("maintenance")
    unfinished_runs = _Of("maintenance")
    record_pmids = _Of("maintenance")
    raw_records = _Of("maintenance")
    indexed_text = _Of("maintenance")
    index_without_records = _Of("maintenance")
    index_finds = _Of("maintenance")
    readable_rows = _Of("maintenance")
    pmids_known_elsewhere = _Of("maintenance")
    restore_rows = _Of("maintenance")


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLITE_HEADER",
    "TABLE_KEYS",
    "CachedDates",
    "Candidate",
    "Change",
    "Database",
    "Derived",
    "Feature",
    "FeatureState",
    "LogEntry",
    "QueryState",
    "QueryVersion",
    "RecordBrief",
    "RunRecord",
    "Store",
    "StoredTrial",
    "TrialChange",
    "TrialSyncState",
    "UpsertCounts",
    "check_file",
    "now_iso",
]
