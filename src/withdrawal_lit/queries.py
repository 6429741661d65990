"""Choosing queries (pure): the named ones a user asks for, and an ad-hoc --term search as a
Query with concepts read from the term itself. Query files are loaded by ``query_files``."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence

from withdrawal_lit import roles as roles_module
from withdrawal_lit.errors import InputError
from withdrawal_lit.pubmed_term import normalise_term, term_concepts, term_syntax_problem
from withdrawal_lit.query_files import ADHOC_PREFIX
from withdrawal_lit.records import Query


def select(queries: dict[str, Query], names: Sequence[str]) -> list[Query]:
    """The named queries in the order given (all of them, in name order, when none are named)."""
    if not names:
        return list(queries.values())
    chosen: list[Query] = []
    for name in dict.fromkeys(names):
        if name not in queries:
            close = difflib.get_close_matches(name, list(queries), n=1, cutoff=0.5)
            suggestion = f"did you mean '{close[0]}'? " if close else ""
            raise InputError(
                f"unknown query '{name}'", f"{suggestion}`withdrawal-lit queries` lists them"
            )
        chosen.append(queries[name])
    return chosen


def adhoc(term: str, roles: str | None = None) -> Query:
    """An ad-hoc --term search as a Query, with concepts derived from the term itself and
    their roles inferred, or as ``roles`` (comma-separated, one per AND-block) says."""
    text = normalise_term(term)
    if not text:
        raise InputError(
            "the search term is empty", "give a PubMed term, e.g. --term 'kratom AND withdrawal'"
        )
    problem = term_syntax_problem(text)
    if problem:
        offset, what, fix = problem
        raise InputError(f"search term: {what} (at character {offset + 1})", fix)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    title = text if len(text) <= 60 else text[:57].rstrip() + "..."
    concepts = term_concepts(text)
    try:
        given = roles_module.parse_option(roles, len(concepts)) if roles else ()
    except roles_module.RoleError as exc:
        raise InputError(exc.problem, exc.fix) from None
    return Query(
        name=f"{ADHOC_PREFIX}{digest}",
        title=title,
        question=f"Ad-hoc PubMed search: {text}",
        term=text,
        tags=("adhoc",),
        concepts=concepts,
        roles=given or roles_module.infer(concepts),
    )
