"""A PubMed term read locally: the form sent to NCBI, its hash and the syntax check."""

from __future__ import annotations

import hashlib

import pytest

from withdrawal_lit.pubmed_term import normalise_term, term_hash, term_syntax_problem


def test_normalise_and_hash_ignore_layout():
    laid_out = '(\n  "Melatonin"[Mesh]\n  OR melatonin*[tiab]\n)\nAND sleep*[tiab]\n'
    flat = '( "Melatonin"[Mesh] OR melatonin*[tiab] ) AND sleep*[tiab]'
    assert normalise_term(laid_out) == flat
    assert term_hash(laid_out) == term_hash(flat) == hashlib.sha256(flat.encode()).hexdigest()
    assert term_hash(flat) != term_hash(flat.replace("sleep", "insomnia"))


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ('("a b)"[tiab] OR c)', None),  # brackets and parentheses inside quotes are text
        ("a[tiab] OR b[mesh terms]", None),
        ("(a OR b))", "')' has no matching '('"),
        ("a]", "']' has no matching '['"),
        ("a[ti[ab]", "'[' inside a field tag"),
    ],
)
def test_term_syntax_check(term, problem):
    found = term_syntax_problem(term)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found[1]
