"""The SQLite cache: records, which query found which PMID, query state, runs and the search log.

``Store`` is one class assembled from the parts each module owns: ``core`` (opening,
migrating, records, hits, ranking features, runs), ``provenance`` (the search log for `log`,
PRISMA and reports), ``refresh`` (what the nightly refresh reads and writes) and
``maintenance`` (`cache check` and `cache rebuild`). The schema is in ``schema``.
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


class Store(ProvenanceQueries, RefreshQueries, Maintenance, StoreCore):
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
    "UpsertCounts",
    "check_file",
    "now_iso",
]
