"""Sentence splitting: abbreviations, initials, numbered items; nothing lost or altered."""

from __future__ import annotations

import re

import pytest
from data.labelled_records import LABELLED, Labelled

from withdrawal_lit.sentences import split_sentences


def by_id(cases: tuple[Labelled, ...]) -> list:
    return [pytest.param(case, id=case.id) for case in cases]


# -- Sentence splitting --------------------------------------------------------------------
SPLITS = [
    pytest.param(
        "As Smith et al. showed, kratom is used. We asked why.",
        ["As Smith et al. showed, kratom is used.", "We asked why."],
        id="et-al-lowercase",
    ),
    pytest.param(
        "Smith et al. (2019) found this. We did too.",
        ["Smith et al. (2019) found this.", "We did too."],
        id="et-al-bracket",
    ),
    pytest.param(
        "As reported by Lee et al. Mitragynine binds. It works.",
        ["As reported by Lee et al. Mitragynine binds.", "It works."],
        id="et-al-capital",
    ),
    pytest.param(
        "Scales, e.g. COWS, were used. Then more.",
        ["Scales, e.g. COWS, were used.", "Then more."],
        id="e.g.",
    ),
    pytest.param(
        "Tapers (i.e. dose reductions) failed. Why?",
        ["Tapers (i.e. dose reductions) failed.", "Why?"],
        id="i.e.",
    ),
    pytest.param(
        "Melatonin vs. Placebo was compared. It won.",
        ["Melatonin vs. Placebo was compared.", "It won."],
        id="vs.",
    ),
    pytest.param(
        "Scores fell (Fig. 2). Sleep rose (Figs. 3 and 4). Done.",
        ["Scores fell (Fig. 2).", "Sleep rose (Figs. 3 and 4).", "Done."],
        id="fig.",
    ),
    pytest.param(
        "Doses were approx. 20 mg. Users agreed.",
        ["Doses were approx. 20 mg.", "Users agreed."],
        id="approx.",
    ),
    pytest.param(
        "Dr. Smith and St. John's wort. Next sentence.",
        ["Dr. Smith and St. John's wort.", "Next sentence."],
        id="dr-st",
    ),
    pytest.param(
        "The effect was 0.05 mg/kg and 1.5 h. It lasted.",
        ["The effect was 0.05 mg/kg and 1.5 h.", "It lasted."],
        id="decimals",
    ),
    pytest.param(
        "Scores differed (p < .001). Sleep did not (P=.03 unadjusted). End.",
        ["Scores differed (p < .001).", "Sleep did not (P=.03 unadjusted).", "End."],
        id="p-values",
    ),
    pytest.param(
        "Data from J. Smith were used. Then A. B. Jones replied.",
        ["Data from J. Smith were used.", "Then A. B. Jones replied."],
        id="initials",
    ),
    pytest.param(
        "Many had hepatitis C. We treated them. Vitamin D. Was low.",
        ["Many had hepatitis C.", "We treated them.", "Vitamin D.", "Was low."],
        id="single-letter-designators",
    ),
    pytest.param(
        "Aims: 1. To assess sleep. 2. To assess craving. The end.",
        ["Aims: 1. To assess sleep.", "2. To assess craving.", "The end."],
        id="numbered-list",
    ),
    pytest.param(
        "The median score was 12. Patients improved.",
        ["The median score was 12.", "Patients improved."],
        id="number-at-sentence-end",
    ),
    pytest.param(
        "The U.S. Food and Drug Administration warned. Sales fell in the U.S. The end.",
        ["The U.S. Food and Drug Administration warned.", "Sales fell in the U.S.", "The end."],
        id="u.s.",
    ),
    pytest.param(
        "Ramelteon — an MT1/MT2 agonist — helped. Sleep improved.",
        ["Ramelteon — an MT1/MT2 agonist — helped.", "Sleep improved."],
        id="em-dashes",
    ),
    pytest.param(
        "α2-Agonists at 10 µg/kg helped. μ-Opioid binding rose. κ-opioid binding fell.",
        ["α2-Agonists at 10 µg/kg helped.", "μ-Opioid binding rose.", "κ-opioid binding fell."],
        id="greek-and-micro",
    ),
    pytest.param(
        "Binding was high (Ki = 7.2 nM). Efficacy was low.",
        ["Binding was high (Ki = 7.2 nM).", "Efficacy was low."],
        id="ends-in-bracket",
    ),
    pytest.param(
        'Users called it "a lifesaver." Others disagreed.',
        ['Users called it "a lifesaver."', "Others disagreed."],
        id="ends-in-quote",
    ),
    pytest.param(
        "Users called it “a lifesaver.” Others disagreed.",
        ["Users called it “a lifesaver.”", "Others disagreed."],
        id="ends-in-curly-quote",
    ),
    pytest.param(
        "Use of Mitragyna spp. was common. M. speciosa was named.",
        ["Use of Mitragyna spp. was common.", "M. speciosa was named."],
        id="lowercase-continuation",
    ),
    pytest.param(
        "Mitragyna speciosa Korth. (Rubiaceae) grows in Thailand. It is a tree.",
        ["Mitragyna speciosa Korth. (Rubiaceae) grows in Thailand.", "It is a tree."],
        id="botanical-author",
    ),
    pytest.param(
        "Was it effective? Yes! mRNA levels rose.",
        ["Was it effective?", "Yes!", "mRNA levels rose."],
        id="question-exclamation-mrna",
    ),
    pytest.param(
        "Rats were dosed (5 mg/kg, i.p.) before naloxone (1 mg/kg, s.c.). Signs were scored.",
        ["Rats were dosed (5 mg/kg, i.p.) before naloxone (1 mg/kg, s.c.).", "Signs were scored."],
        id="dotted-routes",
    ),
    pytest.param(
        "Published 2020. 25 patients were enrolled.",
        ["Published 2020.", "25 patients were enrolled."],
        id="year-then-digit",
    ),
    pytest.param(
        "No. 5 was best. It held.",
        ["No. 5 was best.", "It held."],
        id="no.-number",
    ),
    pytest.param(
        "© 2021 Elsevier Inc. All rights reserved.",
        ["© 2021 Elsevier Inc. All rights reserved."],
        id="inc.",
    ),
    pytest.param(
        "  One sentence without a stop  ",
        ["One sentence without a stop"],
        id="no-stop-stripped",
    ),
    pytest.param("", [], id="empty"),
    pytest.param(
        "First line.\nSecond line.\n\nThird.",
        ["First line.", "Second line.", "Third."],
        id="newlines",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text, expected):
    sentences = split_sentences(text)
    assert sentences == expected
    assert all(s in text and s == s.strip() for s in sentences)


@pytest.mark.parametrize("case", by_id(LABELLED))
def test_split_sentences_loses_nothing_from_labelled_abstracts(case: Labelled):
    for section in case.article.abstract_sections:
        sentences = split_sentences(section.text)
        assert all(s in section.text for s in sentences)
        assert "".join(sentences).replace(" ", "") == re.sub(r"\s", "", section.text)
