"""The SQLite cache: records, which query found which PMID, query state, runs and the search log.

``Store`` is one class assembled from the parts each module owns: ``core`` (opening,
migrating, records, hits, ranking features, runs), ``provenance`` (the search log for `log`,
PRISMA and reports), ``refresh`` (what the nightly refresh reads and writes),
``maintenance`` (`cache check` and `cache rebuild`) and ``trials`` (registered trials). The
schema is in ``schema``.
"""

from __future__ import annotations

from withdrawal_lit.store.core import (
    Candidate,
    Derived,
    Feature,
    FeatureState,
    QueryState,
    StoreCore,
    UpsertCounts,
    check_file,
    now_iso,
)
from withdrawal_lit.store.maintenance import Maintenance
from withdrawal_lit.store.provenance import (
    LogEntry,
    ProvenanceQueries,
    QueryVersion,
    RecordBrief,
)
from withdrawal_lit.store.refresh import CachedDates, Change, RefreshQueries, RunRecord
from withdrawal_lit.store.schema import MIGRATIONS, SCHEMA_VERSION, SQLITE_HEADER
from withdrawal_lit.store.trials import StoredTrial, TrialChange, TrialQueries, TrialSyncState


class Store(TrialQueries, ProvenanceQueries, RefreshQueries, Maintenance, StoreCore):
    """The cache. Open with ``Store.open(path)``; use as a context manager to close it."""


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLITE_HEADER",
    "CachedDates",
    "Candidate",
    "Change",
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
