"""Phrases in words typed side by side: a head noun with the words that qualify it."""

from __future__ import annotations

import pytest

from withdrawal_lit.term_phrases import chunks, names

CHUNKS = [
    # (typed, read as)
    ("kratom opioid withdrawal", ["kratom", "opioid withdrawal"]),
    ("mu opioid receptor", ["mu opioid receptor"]),
    ("sleep disturbance opioid use disorder", ["sleep disturbance", "opioid use disorder"]),
    ("opioid withdrawal symptoms", ["opioid withdrawal symptoms"]),
    ("randomized controlled trial", ["randomized controlled trial"]),
    ("non-opioid treatment opioid withdrawal trial",
     ["non-opioid treatment", "opioid withdrawal", "trial"]),
    # the substance asked about and its own harm stay two concepts
    ("kratom withdrawal", ["kratom", "withdrawal"]),
    ("kratom adverse effects", ["kratom", "adverse effects"]),
    # a qualifier never reaches over a substance; "use" qualifies a disorder only
    ("sleep opioid withdrawal", ["sleep", "opioid withdrawal"]),
    ("kratom use opioid withdrawal", ["kratom", "use", "opioid withdrawal"]),
    # a receptor named by its subtype, without the head noun (Receptors, Opioid, mu)
    ("kratom mu opioid", ["kratom", "mu opioid"]),
    ("kappa opioids delta", ["kappa opioids", "delta"]),
    # study designs and a withdrawal syndrome's entry term
    ("kratom case reports", ["kratom", "case reports"]),
    ("neonatal abstinence syndrome", ["neonatal abstinence syndrome"]),
    # no head: words of their own
    ("melatonin kratom", ["melatonin", "kratom"]),
    ("", []),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "expected"), CHUNKS, ids=[t or "empty" for t, _ in CHUNKS])
def test_words_typed_side_by_side_are_read_as_phrases(typed, expected):
    assert chunks(typed.split()) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Mitragyna speciosa opioid withdrawal", ["Mitragyna speciosa", "opioid", "withdrawal"]),
        ("valerian Valeriana officinalis", ["valerian", "Valeriana officinalis"]),
        ("speciosa mitragyna", ["speciosa", "mitragyna"]),  # not a name in that order
        ("kratom", ["kratom"]),
    ],
)
def test_a_plants_binomial_name_stays_one_name(typed, expected):
    assert names(typed.split()) == expected
