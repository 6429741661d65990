"""Opening the cache for a command: whether it must exist already, whether this process may
write it, and bringing rows derived by older rules up to date. Services open and close it
(``with open_store(...) as store``); the CLI never does."""

from __future__ import annotations

import os

from withdrawal_lit.errors import Busy, CacheError, NoCache
from withdrawal_lit.services.assessment import reassess
from withdrawal_lit.settings import Settings
from withdrawal_lit.store import Store


def cache_is_readonly(settings: Settings) -> bool:
    """Whether this process may not write the cache, judged by the effective ids and
    privileges, as opening the file will be (plain access() asks about the real ones)."""
    path = settings.db_path
    effective = os.access in os.supports_effective_ids
    return path.exists() and not os.access(path, os.W_OK, effective_ids=effective)


def open_store(settings: Settings, *, readonly: bool = False, existing: bool = False) -> Store:
    """Open the cache (a context manager that closes it); re-derive design columns written by
    older classification rules when it is writable. ``existing``: never create it, raise
    ``NoCache`` instead. A cache this process cannot write is opened read-only."""
    if existing and not settings.db_path.exists():
        raise NoCache(settings.db_path)
    store = Store.open(settings.db_path, readonly=readonly or cache_is_readonly(settings))
    if not store.readonly:
        reassess(store)
    return store


def open_if_exists(settings: Settings) -> Store | None:
    """The cache read as it is, or None when there is none yet."""
    if not settings.db_path.exists():
        return None
    return open_store(settings, readonly=True)


def open_for_search(settings: Settings, *, offline: bool) -> Store:
    """--offline means no network, not read-only: ranking features found out of date are
    stored once (when no other process is writing), so the next offline search is quick.
    A cache this process cannot write is read as it is; with --offline there must be one."""
    if not offline:
        return open_store(settings)
    try:
        return open_store(settings, existing=True)
    except NoCache:
        raise
    except (Busy, CacheError):  # a damaged cache fails again, with its own message
        return open_store(settings, readonly=True)
