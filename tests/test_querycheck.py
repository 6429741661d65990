"""querycheck (pure): the terms of a PubMed term, and what PubMed's messages and translation
say was not searched as written. Translations are in NCBI's own shape (esearch*.xml)."""

from __future__ import annotations

import pytest

from withdrawal_lit.querycheck import Leaf, canonical_field, leaves, review


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ('"Opioid-Related Disorders"[Mesh]',
         [Leaf("Opioid-Related Disorders", "MeSH Terms", True)]),
        ("kratom*[tiab] OR ketum[tiab]",
         [Leaf("kratom*", "Title/Abstract"), Leaf("ketum", "Title/Abstract")]),
        ("opioid withdrawal[tiab]", [Leaf("opioid withdrawal", "Title/Abstract")]),
        ('("a"[ti] AND b) NOT c[pt]',
         [Leaf("a", "Title", True), Leaf("b"), Leaf("c", "Publication Type")]),
        ('"Clinical Trials as Topic"[Mesh:NoExp]',
         [Leaf("Clinical Trials as Topic", "MeSH Terms:noexp", True)]),
        ("x[xyz]", [Leaf("x", "xyz")]),
    ],
)  # fmt: skip
def test_leaves(term, expected):
    assert leaves(term) == expected


def test_canonical_field_names_match_query_translations():
    assert canonical_field("tiab") == "Title/Abstract"
    assert canonical_field("nm") == "Supplementary Concept"
    assert canonical_field("pa") == "Pharmacological Action"
    assert canonical_field("Mesh:NoExp") == "MeSH Terms:noexp"


OK_TERM = '("Opioid-Related Disorders"[Mesh] OR "opioid dependen*"[tiab]) AND kratom*[tiab]'
OK_TRANSLATION = (
    '("opioid related disorders"[MeSH Terms] OR "opioid dependen*"[Title/Abstract]) '
    "AND kratom*[Title/Abstract]"
)

CASES = [
    # (id, term, translation, errors, warnings, ok, fragments of the problems)
    ("as-written", OK_TERM, OK_TRANSLATION, (), (), True, []),
    ("misspelled-heading", '"Opioid Related Disorder"[Mesh] OR kratom*[tiab]',
     "kratom*[Title/Abstract]", ("PhraseNotFound: Opioid Related Disorder",), (), False,
     ['heading "Opioid Related Disorder"[MeSH Terms] not found']),
    ("heading-dropped-silently", '"Mitragina"[Mesh] OR kratom*[tiab]',
     "kratom*[Title/Abstract]", (), (), False, ["missing from the search PubMed ran"]),
    ("unknown-substance", '"mitraginine"[nm] OR kratom[tiab]', "kratom[Title/Abstract]",
     ('PhraseNotFound: "mitraginine"[nm]',), (), False, ["substance name"]),
    ("quoted-phrase-split", '"biak-biak"[tiab] OR kratom[tiab]',
     "biak[Title/Abstract] OR kratom[Title/Abstract]", (),
     ('QuotedPhraseNotFound: "biak-biak"',), False, ['quoted phrase "biak-biak"']),
    ("split-without-message", '"7-OH-MG"[tiab]',
     "7[Title/Abstract] AND oh[Title/Abstract] AND mg[Title/Abstract]", (), (), False,
     ["was split into separate words"]),
    ("unknown-field", "kratom[xyz]", None, ("FieldNotFound: xyz",), (), False,
     ["field tag [xyz]"]),
    # an unquoted word PubMed has never seen finds nothing: worth showing, not a failure
    ("unquoted-word-not-found", "kratom[tiab] OR abcxyz[tiab]", "kratom[Title/Abstract]",
     ("PhraseNotFound: abcxyz",), (), True, []),
    ("stopword-ignored", "kratom[tiab] AND the[tiab]", "kratom[Title/Abstract]", (),
     ("PhraseIgnored: the",), True, []),
    ("no-items", "abcXYZ", "(abcXYZ[All Fields])", ("PhraseNotFound: abcXYZ",),
     ("OutputMessage: No items found.",), True, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("term", "translation", "errors", "warnings", "ok", "fragments"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_review(term, translation, errors, warnings, ok, fragments):
    result = review(term, translation, errors, warnings)
    assert result.ok is ok, result.problems
    assert len(result.messages) == len(errors) + len(warnings)
    for fragment in fragments:
        assert any(fragment in problem for problem in result.problems), result.problems


def test_review_lists_what_was_split_and_dropped():
    result = review(
        '"Mitragina"[Mesh] OR "7-OH-MG"[tiab] OR kratom[tiab]',
        "7[Title/Abstract] AND oh[Title/Abstract] AND mg[Title/Abstract] OR kratom[Title/Abstract]",
        (),
        (),
    )
    assert [leaf.show() for leaf in result.dropped] == ['"Mitragina"[MeSH Terms]']
    assert [leaf.show() for leaf in result.split] == ['"7-OH-MG"[Title/Abstract]']
