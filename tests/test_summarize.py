"""Sentence splitting and extractive bottom lines: labelled set, verbatim rule, scorer."""

from __future__ import annotations

import re

import pytest
from data.labelled_records import LABELLED, Labelled, record

from withdrawal_lit.design import assess
from withdrawal_lit.records import Article
from withdrawal_lit.summarize import (
    Summary,
    bottom_line,
    key_facts,
    scorer_weights,
    split_sentences,
)


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


# -- Bottom lines of the labelled set ------------------------------------------------------
def expected_source(case: Labelled) -> str:
    """Where the labelled bottom line sits: a conclusions-like section, or anywhere."""
    if not case.bottom_line:
        return "none"
    for section in case.article.abstract_sections:
        label = (section.label or "").lower()
        conclusion_like = section.category == "CONCLUSIONS" or any(
            word in label for word in ("conclu", "interpretation", "discussion")
        )
        if conclusion_like and all(s in section.text for s in case.bottom_line):
            return "conclusions"
    return "scored"


@pytest.mark.parametrize("case", by_id(LABELLED))
def test_bottom_line_matches_label(case: Labelled):
    summary = bottom_line(case.article)
    assert summary.sentences == case.bottom_line
    assert summary.source == expected_source(case)


@pytest.mark.parametrize("case", by_id(LABELLED))
@pytest.mark.parametrize("max_sentences", [1, 2, 3])
@pytest.mark.parametrize(
    "concepts", [(), (("kratom", "Mitragyna speciosa"), ("withdraw*",)), (("melatonin",),)]
)
def test_every_shown_sentence_is_verbatim(case: Labelled, max_sentences, concepts):
    summary = bottom_line(case.article, concepts, max_sentences=max_sentences)
    assert 0 < len(summary.sentences) <= max_sentences or summary.source == "none"
    source_text = case.article.title if summary.source == "title-only" else case.article.abstract
    assert all(s and s in source_text for s in summary.sentences)
    assert len(summary.text) <= scorer_weights()["max_chars"] or len(summary.sentences) == 1


# -- Sources -------------------------------------------------------------------------------
def test_no_abstract_is_none():
    summary = bottom_line(record("1", "Kratom and the opioid crisis"))
    assert summary == Summary((), "none")
    assert summary.text == "No abstract available."


def test_abstract_of_boilerplate_only_falls_back_to_the_title():
    article = record("1", "Kratom letter", "© 2020 The Authors. All rights reserved.")
    summary = bottom_line(article)
    assert summary == Summary(("Kratom letter",), "title-only")
    assert summary.text == "Kratom letter"


def test_text_joins_sentences():
    assert Summary(("One.", "Two."), "scored").text == "One. Two."


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("CONCLUSIONS", "CONCLUSIONS"),
        ("CONCLUSION", None),
        ("Conclusions and Relevance", "CONCLUSIONS"),
        ("AUTHORS' CONCLUSIONS", "CONCLUSIONS"),
        ("INTERPRETATION", "CONCLUSIONS"),
        ("IMPLICATIONS", None),
        ("DISCUSSION", None),
        ("SUMMARY", "CONCLUSIONS"),
    ],
)
def test_conclusion_sections_by_label_or_category(label, category):
    article = record(
        "1",
        "Melatonin trial",
        (
            ("METHODS", "Adults were randomized to melatonin or placebo."),
            ("RESULTS", "Melatonin improved sleep quality."),
            (label, category, "Melatonin may help sleep. Larger trials are needed."),
        ),
    )
    summary = bottom_line(article)
    assert summary == Summary(
        ("Melatonin may help sleep.", "Larger trials are needed."), "conclusions"
    )


def test_conclusions_preferred_to_discussion():
    article = record(
        "1",
        "",
        (
            ("DISCUSSION", "We discuss limitations."),
            ("CONCLUSIONS", "Kratom relieved withdrawal."),
        ),
    )
    assert bottom_line(article).sentences == ("Kratom relieved withdrawal.",)


def test_conclusions_skip_registration_and_copyright():
    article = record(
        "1",
        "",
        (
            ("RESULTS", "Melatonin improved sleep."),
            ("CONCLUSIONS", "Melatonin helps sleep. © 2020 Elsevier Ltd. All rights reserved."),
            ("TRIAL REGISTRATION", "NCT01234567."),
        ),
    )
    assert bottom_line(article).sentences == ("Melatonin helps sleep.",)


def test_conclusions_stop_at_the_character_budget():
    long = "Kratom " + "use " * 80 + "was common."
    article = record("1", "", (("CONCLUSIONS", f"{long} Short second."),))
    assert bottom_line(article).sentences == (long,)


def test_max_sentences_one():
    case = next(c for c in LABELLED if len(c.bottom_line) == 2)
    assert bottom_line(case.article, max_sentences=1).sentences == case.bottom_line[:1]


# -- The scorer ----------------------------------------------------------------------------
def test_scorer_weights_are_documented_and_a_copy():
    weights = scorer_weights()
    for key in (
        "cues",
        "position",
        "last",
        "title",
        "concept",
        "method",
        "aim",
        "background",
        "agenda",
        "numbers",
        "second_min_score",
        "max_chars",
    ):
        assert key in weights
    weights["position"] = 99
    weights["cues"].clear()
    assert scorer_weights()["position"] != 99 and scorer_weights()["cues"]


UNSTRUCTURED = (
    "Kratom is a tree of Southeast Asia. "
    "We surveyed 500 people who use kratom. "
    "Most used kratom for pain (62%, 95% CI 58–66). "
    "Kratom relieved withdrawal for many respondents. "
    "These findings suggest that kratom is used as a substitute for opioids. "
    "Further research is needed."
)


def test_scored_prefers_the_conclusion_and_skips_calls_for_research():
    summary = bottom_line(record("1", "Kratom use survey", UNSTRUCTURED), max_sentences=1)
    assert summary == Summary(
        ("These findings suggest that kratom is used as a substitute for opioids.",), "scored"
    )


def test_scored_pronoun_brings_its_antecedent():
    text = (
        "Gabapentin was given to 60 patients. "
        "Gabapentin reduced withdrawal signs when added to a methadone taper. "
        "It may be a useful adjunct."
    )
    assert bottom_line(record("1", "Gabapentin", text)).sentences == (
        "Gabapentin reduced withdrawal signs when added to a methadone taper.",
        "It may be a useful adjunct.",
    )


def test_scored_skips_copyright_lines():
    text = (
        "Melatonin may improve sleep in this population. © 2021 Elsevier Inc. All rights reserved."
    )
    assert bottom_line(record("1", "Melatonin", text)).sentences == (
        "Melatonin may improve sleep in this population.",
    )


def test_question_words_do_not_outweigh_the_closing_finding():
    """The question's words steer between findings, but the authors' closing finding wins
    over an earlier one however many of the question's words that one names."""
    text = (
        "Insomnia and withdrawal are common during detoxification. "
        "We reviewed 40 charts. "
        "Melatonin may improve sleep in these patients. "
        "Lofexidine may reduce opioid withdrawal in the same patients."
    )
    article = record("1", "Two adjuncts", text)
    for concepts in ((("melatonin", "ramelteon"), ("sleep*", "insomnia")), (("lofexidine",),)):
        summary = bottom_line(article, concepts, 1)
        assert summary.sentences == (
            "Lofexidine may reduce opioid withdrawal in the same patients.",
        )


def test_method_and_aim_sentences_lose_to_findings():
    text = (
        "Kratom may relieve withdrawal, as suggested by users. "
        "The aim of this study was to assess whether kratom may relieve withdrawal. "
        "We conducted an online survey that may be biased."
    )
    summary = bottom_line(record("1", "Kratom", text), max_sentences=1)
    assert summary.sentences == ("Kratom may relieve withdrawal, as suggested by users.",)


def test_key_facts():
    case = next(c for c in LABELLED if c.id == "90000018")
    facts = key_facts(case.article, assess(case.article))
    assert facts == {
        "pmid": "90000018",
        "design": "Randomised controlled trial",
        "evidence_level": 2,
        "population": "human",
        "n": 96,
        "interventions": ["melatonin"],
        "outcomes": ["withdrawal severity", "sleep", "COWS", "adverse events"],
        "flags": ["retracted"],
    }


def test_empty_article_has_no_bottom_line():
    assert bottom_line(Article(pmid="1")).source == "none"


def test_real_records_keep_the_verbatim_rule(realdata):
    from withdrawal_lit.xmlparse import iter_articles

    for path in sorted(realdata.glob("pubmed*.xml")):
        with open(path, "rb") as stream:
            for article in iter_articles(stream):
                summary = bottom_line(article)
                assert summary.source in ("conclusions", "scored", "none")
                assert all(s in article.abstract for s in summary.sentences)
                if article.pmid == "27797938":  # structured: its CONCLUSIONS section
                    assert summary.source == "conclusions"
