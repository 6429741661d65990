"""Pieces every service shares: opening the cache, deriving per-record values, progress."""

from __future__ import annotations

from typing import Protocol

from withdrawal_lit import design
from withdrawal_lit.records import Article
from withdrawal_lit.settings import Settings
from withdrawal_lit.store import Derived, Store


class Progress(Protocol):
    """What services report while they work; the CLI draws it, tests ignore it."""

    def stage(self, text: str) -> None: ...

    def start(self, total: int, text: str) -> None: ...

    def advance(self, n: int) -> None: ...

    def warn(self, text: str) -> None: ...


class NullProgress:
    def stage(self, text: str) -> None:
        pass

    def start(self, total: int, text: str) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def warn(self, text: str) -> None:
        pass


def derive(article: Article) -> Derived:
    a = design.assess(article)
    return Derived(
        design=a.design.slug,
        evidence_level=a.design.level,
        population=a.population,
        sample_size=a.sample_size,
        assessed_with=design.RULES_VERSION,
    )


def open_store(settings: Settings, *, readonly: bool = False) -> Store:
    """Open the cache; re-derive design columns written by older classification rules."""
    store = Store.open(settings.db_path, readonly=readonly)
    if not readonly:
        reassess(store)
    return store


def reassess(store: Store) -> int:
    stale = [(a.pmid, derive(a)) for a in store.stale_assessments(design.RULES_VERSION)]
    if stale:
        with store.transaction():
            store.update_derived(stale)
    return len(stale)
