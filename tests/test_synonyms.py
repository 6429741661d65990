"""Entry terms added to an ad-hoc term's concept groups for ranking."""

from __future__ import annotations

import pytest

from withdrawal_lit.synonyms import expand

EXPANDED = [
    # (concept groups typed, groups ranked with)
    ([["kratom"]], (("kratom", "mitragyna", "mitragyna speciosa", "ketum", "kratum", "biak"),)),
    ([["Opioid"], ["sleep"]], (("Opioid", "opiate"), ("sleep",))),
    # harms: the adverse-effects qualifier's narrower ones, Substance-Related Disorders' entries
    (
        [["adverse effects", "toxicity"]],
        (
            (
                "adverse effects", "toxicity", "side effects", "adverse events",
                "adverse reactions", "poisoning",
            ),
        ),
    ),
    ([["dependence"]], (("dependence", "addiction", "abuse", "use disorder"),)),
    ([["abuse", "misuse"]], (("abuse", "misuse", "dependence", "addiction", "use disorder"),)),
    ([["receptor"]], (("receptor",),)),  # not in the table: as typed
]  # fmt: skip


@pytest.mark.parametrize(("groups", "expected"), EXPANDED, ids=[str(g) for g, _ in EXPANDED])
def test_entry_terms_follow_each_synonym_without_duplicates(groups, expected):
    assert expand(groups) == expected
