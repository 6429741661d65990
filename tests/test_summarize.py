"""Extractive bottom lines: labelled set, verbatim rule, scorer."""

from __future__ import annotations

import pytest
from data.labelled_records import LABELLED, Labelled, record

from withdrawal_lit.records import Article
from withdrawal_lit.summarize import (
    Summary,
    bottom_line,
    scorer_weights,
)


def by_id(cases: tuple[Labelled, ...]) -> list:
    return [pytest.param(case, id=case.id) for case in cases]


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


def test_a_sentence_not_in_the_record_is_never_shown(monkeypatch):
    """The verbatim rule holds even if a scoring step returned altered text."""
    from withdrawal_lit import summarize

    monkeypatch.setattr(summarize, "_conclusions", lambda article, limit: ("Not in it.",))
    text = "Kratom may relieve withdrawal, as suggested by users."
    assert bottom_line(record("1", "Kratom", text)) == Summary((), "none")
