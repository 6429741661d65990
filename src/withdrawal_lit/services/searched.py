"""What a successful search of a query leaves in the cache, whichever command ran it: the
query's state (its file's title and term, NCBI's count and translation, the date marks the
next incremental refresh starts from) and its line in the search log."""

from __future__ import annotations

from withdrawal_lit import __version__
from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.records import Query
from withdrawal_lit.store import Store


def save_searched(
    store: Store,
    query: Query,
    *,
    at: str,
    count: int | None,
    translation: str | None,
    mark: str | None,
) -> None:
    """The query's state after a search that succeeded at ``at``."""
    store.save_query_state(
        query.name,
        title=query.title,
        term=normalise_term(query.term),
        term_hash=term_hash(query.term),
        count=count,
        translation=translation,
        success_at=at,
        edat_high=mark,
        mdat_high=mark,
    )


def log_searched(store: Store, query: Query, **entry) -> None:
    """The search's line in the search log; ``entry``: the rest of ``Store.log_search``'s
    fields (run_id, at, mode: "full" or "incremental", the counts, translation, warnings)."""
    store.log_search(
        query=query.name,
        term=normalise_term(query.term),
        term_hash=term_hash(query.term),
        version=__version__,
        **entry,
    )
