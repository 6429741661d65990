"""Entry terms added to an ad-hoc term's concept groups for ranking."""

from __future__ import annotations

import pytest

from withdrawal_lit.synonyms import expand, of

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
    # Secologanin Tryptamine Alkaloids: the two kratom alkaloids are each other's siblings
    ([["mitragynine"]], (("mitragynine", "7-hydroxymitragynine"),)),
    ([["7-hydroxymitragynine"]], (("7-hydroxymitragynine", "mitragynine", "7-oh-mitragynine"),)),
    # Receptors, Opioid, mu: the Greek letter and the receptor
    ([["mu-opioid"]], (("mu-opioid", "μ-opioid", "mu opioid receptor"),)),
    # a plant's binomial name: its genus heading's entry terms
    ([["mitragyna speciosa"]], (("mitragyna speciosa", "kratom", "mitragyna", "ketum"),)),
    ([["valeriana officinalis"]], (("valeriana officinalis", "valerian"),)),
    # Chemical and Drug Induced Liver Injury; Drug Overdose
    (
        [["hepatotoxicity"]],
        (("hepatotoxicity", "liver injury", "toxic hepatitis", "drug-induced hepatitis"),),
    ),
    ([["overdose"]], (("overdose", "overdosage"),)),
    # Sleep Initiation and Maintenance Disorders' entry terms
    (
        [["insomnia"]],
        (("insomnia", "sleeplessness", "sleep initiation", "sleep maintenance",
          "sleep disturbance*"),),
    ),
]  # fmt: skip


# A group naming a class in its role gets the class's words (synonyms.CLASSES); in another
# role, or naming no class, it is left as it was.
CLASS_WORDS = [
    # (groups, roles, a word added to group i, or None for no class word at all)
    ([["kratom"], ["toxicity"]], ["intervention", "outcome"], (1, "fatal*")),
    ([["kratom"], ["safety"]], ["intervention", "outcome"], (1, "overdos*")),
    ([["kratom"], ["dependence"]], ["intervention", "outcome"], (1, "withdrawal")),
    ([["kratom"], ["receptor"]], ["intervention", "mechanism"], (1, "agonis*")),
    ([["herbal"], ["heroin"], ["trial"]],
     ["intervention", "condition", "design"], (2, "placebo")),
    ([["kratom"], ["opioid withdrawal"]], ["intervention", "condition"], (1, "dependen*")),
    ([["kratom"], ["toxicity"]], ["intervention", "condition"], None),  # not an outcome here
    ([["kratom"], ["opioid"], ["detoxification"]],
     ["intervention", "condition", "condition"], (2, "withdrawal")),
    ([["melatonin"], ["abstinence"]], ["intervention", "condition"], (1, "dependen*")),
    ([["kratom"], ["pharmacokinetics"]], ["intervention", "mechanism"], (1, "bioavailab*")),
    ([["kratom"], ["mu-opioid"]], ["intervention", "mechanism"], (1, "half-li*")),
    # Sleep Wake Disorders / Sleep Initiation and Maintenance Disorders
    ([["insomnia"], ["methadone"]], ["outcome", "condition"], (0, "sleep*")),
    ([["melatonin"], ["sleep"]], ["intervention", "outcome"], (1, "insomni*")),
    ([["insomnia"], ["melatonin"]], ["condition", "intervention"], None),  # not an outcome
    ([["kratom"], ["pain"]], ["intervention", "outcome"], None),  # no class named
    ([["safety"]], [], None),  # no roles given: entry terms only
]  # fmt: skip


@pytest.mark.parametrize(
    ("groups", "roles", "added"), CLASS_WORDS, ids=[str(c) for c in CLASS_WORDS]
)
def test_a_group_naming_a_class_in_its_role_gets_the_class_words(groups, roles, added):
    plain = expand(groups)
    widened = expand(groups, roles)
    if added is None:
        assert widened == plain
        return
    index, word = added
    assert word in widened[index] and word not in plain[index]
    assert widened[index][: len(plain[index])] == plain[index]  # typed words first
    assert [g for i, g in enumerate(widened) if i != index] == [
        g for i, g in enumerate(plain) if i != index
    ]


def test_a_query_is_ranked_with_its_widened_groups():
    from withdrawal_lit.queries import adhoc

    groups = of(adhoc("kratom AND (adverse effects OR toxicity)"))
    assert "death*" in groups[1] and "mitragyna" in groups[0]


@pytest.mark.parametrize(("groups", "expected"), EXPANDED, ids=[str(g) for g, _ in EXPANDED])
def test_entry_terms_follow_each_synonym_without_duplicates(groups, expected):
    assert expand(groups) == expected


def test_a_condition_class_is_evidence_of_the_role_only():
    # relevance (bm25, concepts found) would otherwise reward "kratom dependence" in a
    # question about opioid withdrawal
    groups, roles = [["kratom"], ["opioid withdrawal"]], ["intervention", "condition"]
    assert "addict*" in expand(groups, roles)[1]
    assert "addict*" not in expand(groups, roles, relevance=True)[1]
    assert (
        "death*"
        in expand([["kratom"], ["toxicity"]], ["intervention", "outcome"], relevance=True)[1]
    )


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("overdose", ("overdosage",)),
        ("overdoses", ("overdosage",)),  # a plural finds its singular's entry terms
        ("Insomnia", ("sleeplessness", "sleep initiation", "sleep maintenance",
                      "sleep disturbance*")),
        ("side effects", ("adverse effects", "adverse events", "adverse reactions")),
        ("analysis", ()),  # not a plural
        ("opioid withdrawals", ("opiate withdrawal",)),
        ("", ()),
    ],
)  # fmt: skip
def test_entry_terms_are_found_from_a_typed_word_or_its_plural(typed, found):
    from withdrawal_lit.synonyms import entry_terms

    assert entry_terms(typed) == found


@pytest.mark.parametrize(
    ("word", "stem"),
    [("fatalities", "fatalit"), ("receptors", "receptor"), ("analysis", "analysis"),
     ("abuse", "abuse"), ("stress", "stress"), ("mus", "mus")],
)  # fmt: skip
def test_a_typed_plural_is_cut_back_to_what_its_singular_shares(word, stem):
    from withdrawal_lit import synonyms

    assert synonyms.stem(word) == stem
