"""A query file's `registry_term`: the ClinicalTrials.gov search expression (pure: no I/O).

ClinicalTrials.gov's search language (Essie) is not PubMed's: it has no field tags such as
[tiab] or [Mesh] and no * truncation; fields are scoped with operators written before a
bracket, e.g. ``AREA[InterventionName]kratom`` or ``AREA[LastUpdatePostDate]RANGE[2024,MAX]``.
A PubMed term pasted here would silently search for the wrong thing (or be refused with a 400
after a round trip), so the cheap mistakes are caught when the file is read.
"""

from __future__ import annotations

import re

from withdrawal_lit.pubmed_term import term_syntax_problem

MAX_REGISTRY_TERM = 2000  # characters; the register takes the term in a URL
# Essie operators that take a [bracketed] argument.
BRACKET_OPERATORS = ("AREA", "SEARCH", "EXPANSION", "COVERAGE", "RANGE", "DISTANCE")
_BRACKET_RE = re.compile(r"(\w*)\[([^\]]*)\]?")


def registry_term_problem(term: str) -> tuple[str, str] | None:
    """(problem, fix) when ``term`` cannot be a ClinicalTrials.gov expression; else None."""
    text = " ".join(term.split())
    if not text:
        return "it is empty", 'write e.g. registry_term = "(kratom OR mitragynine) AND opioid"'
    if len(text) > MAX_REGISTRY_TERM:
        return (
            f"it is {len(text)} characters; at most {MAX_REGISTRY_TERM} fit in a request",
            "keep the intervention and condition words and drop the rest",
        )
    outside_quotes = re.sub(r'"[^"]*"', '""', text)
    for match in _BRACKET_RE.finditer(outside_quotes):
        operator, inside = match.group(1), match.group(2)
        if operator not in BRACKET_OPERATORS:
            return (
                f"[{inside}] is a PubMed field tag; ClinicalTrials.gov does not know it",
                "write plain words, or scope a field as AREA[InterventionName]kratom",
            )
    if "*" in outside_quotes:
        return (
            "'*' truncation is PubMed syntax; ClinicalTrials.gov does not expand it",
            "list the word forms (ClinicalTrials.gov adds synonyms itself)",
        )
    problem = term_syntax_problem(text)
    if problem:
        offset, what, fix = problem
        return f"{what} (at character {offset + 1})", fix
    words = outside_quotes.replace("(", " ( ").replace(")", " ) ").split()
    for before, after in zip(["("] + words, words + [")"], strict=True):
        if after in ("AND", "OR") and before in ("(", "AND", "OR", "NOT"):
            return f"'{after}' has nothing before it", "remove it or add the missing words"
        if before in ("AND", "OR", "NOT") and after == ")":
            return f"'{before}' has nothing after it", "remove it or add the missing words"
    return None
