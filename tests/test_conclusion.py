"""Bottom lines of abstracts without a conclusions section: closing findings, not background."""

from __future__ import annotations

import pytest
from data.labelled_records import record

from withdrawal_lit import conclusion
from withdrawal_lit.sentences import split_sentences
from withdrawal_lit.summarize import bottom_line

BACKGROUND = [
    # (sentence, is background)
    ("Kratom (Mitragyna speciosa) is a tropical tree native to Southeast Asia.", True),
    ("Kratom or Mitragyna speciosa (Korth.) is an evergreen tree of the coffee family.", True),
    ("Kratom is used to self-treat pain and opioid withdrawal.", True),
    ("Kratom is increasingly used in the United States for opioid withdrawal.", True),
    ("Kratom use has been reported to relieve opioid withdrawal symptoms.", True),
    ("Little research has been conducted on kratom for opioid withdrawal.", True),
    ("Little is known about why people use kratom.", True),
    ("There is growing interest in kratom as a substitute for opioids.", True),
    ("Research on melatonin in opioid withdrawal remains limited.", True),
    ("No previous studies have examined kratom in methadone patients.", True),
    # verdicts and findings are not background, even when they are copular
    ("Melatonin is a safe, inexpensive adjunct that may improve sleep.", False),
    ("It is a reasonable option for hospitalized patients.", False),
    ("Kratom use was associated with fewer withdrawal symptoms.", False),
    ("Most respondents used kratom to relieve opioid withdrawal.", False),
    ("These findings suggest kratom is used as a substitute for opioids.", False),
]


@pytest.mark.parametrize(("sentence", "expected"), BACKGROUND, ids=[s for s, _ in BACKGROUND])
def test_background_and_definition_sentences(sentence, expected):
    assert conclusion.is_background(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "text", "truncated"),
    [
        ("Rats were tested.(ABSTRACT TRUNCATED AT 250 WORDS).", "Rats were tested.", True),
        ("Rats were tested. (ABSTRACT TRUNCATED AT 400 WORDS)", "Rats were tested.", True),
        ("Rats were tested.", "Rats were tested.", False),
    ],
)
def test_truncation_marker_is_not_part_of_the_sentence(sentence, text, truncated):
    assert conclusion.strip_truncation(sentence) == (text, truncated)


@pytest.mark.parametrize(
    ("sentence", "cut", "usable"),
    [
        ("The results suggest that X might be a promising treatment for sleep in", True, True),
        ("The highest improvement was observed in dimensions of overall sati", True, False),
        ("Overall, kratom relieved withdrawal.", False, True),
        ('Respondents said it "worked."', False, False),
    ],
)
def test_fragments(sentence, cut, usable):
    assert conclusion.is_cut(sentence) is cut
    assert conclusion.usable_fragment(sentence) is usable


KRATOM = (("kratom", "mitragynine"), ("opioid withdrawal", "withdrawal"))
CASES = [
    # (id, abstract, expected bottom line)
    (
        "definition-with-every-question-word-loses",
        "Kratom is a plant used to self-treat opioid withdrawal. "
        "We surveyed 500 adults who use kratom. "
        "Most respondents were men aged 30 to 50. "
        "Many reported that kratom reduced their opioid use.",
        ("Many reported that kratom reduced their opioid use.",),
    ),
    (
        "gap-in-knowledge-opening-loses",
        "Little research has been conducted on kratom for opioid withdrawal. "
        "We interviewed 20 people in treatment. "
        "Participants described using kratom daily. "
        "Kratom was described as easing withdrawal without serious side effects.",
        ("Kratom was described as easing withdrawal without serious side effects.",),
    ),
    (
        "first-third-only-when-nothing-later-is-a-finding",
        "Kratom eased opioid withdrawal in most users. "
        "We surveyed 500 adults. "
        "The survey was run online in 2019. "
        "Larger studies are needed.",
        ("Kratom eased opioid withdrawal in most users.",),
    ),
    (
        "case-report-context-before-the-case",
        "Kratom is a tree whose leaves are chewed. "
        "Long-term use of kratom may produce effects similar to its withdrawal syndrome. "
        "Kratom is regulated in some countries. "
        "We describe the case of a man who developed insomnia while using kratom. "
        "He responded to clomipramine. "
        "Well-being persisted after stopping tramadol.",
        ("Well-being persisted after stopping tramadol.",),
    ),
    (
        "closing-call-for-research-is-not-the-finding",
        "Opioid withdrawal disturbs sleep. "
        "We randomized 40 patients to melatonin or placebo. "
        "Sleep was recorded for two weeks. "
        "Melatonin improved sleep onset. "
        "Larger trials are warranted.",
        ("Melatonin improved sleep onset.",),
    ),
    (
        "truncated-abstract-gets-no-closing-bonus",
        "Morphine reduced responses in rats with chronic pain. "
        "We tested 16 rats. "
        "These data suggest that chronic pain reduces morphine effectiveness. "
        "Tail-flick latencies were then measured at baseline.(ABSTRACT TRUNCATED AT 250 WORDS).",
        ("These data suggest that chronic pain reduces morphine effectiveness.",),
    ),
    (
        "cut-fragment-that-concludes-nothing-is-left-out",
        "Withdrawal was milder with melatonin. "
        "We enrolled 60 patients. "
        "Sleep improved in both groups. "
        "The highest improvement was observed in dimensions of overall sati",
        ("Sleep improved in both groups.",),
    ),
]


@pytest.mark.parametrize(
    ("abstract", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_unstructured_bottom_lines(abstract, expected):
    summary = bottom_line(record("1", "Kratom and withdrawal", abstract), KRATOM)
    assert summary.sentences == expected
    assert all(s in abstract for s in summary.sentences)


def test_structured_conclusion_is_verbatim_and_a_cut_sentence_is_not_added():
    article = record(
        "1",
        "Mitragynine self-administration",
        (
            ("Results", "Mitragynine was not self-administered."),
            (
                "Conclusions",
                "These results suggest a limited abuse liability of mitragynine. "
                "It appears that mitragynine is deserving of more extensive exploration for",
            ),
        ),
    )
    summary = bottom_line(article)
    assert summary.source == "conclusions"
    assert summary.sentences == ("These results suggest a limited abuse liability of mitragynine.",)


# -- real abstracts, read by path from ../shared --------------------------------------------
REAL_OPENINGS = ["97000006", "20092998", "97000001", "28521200"]


@pytest.mark.parametrize("pmid", REAL_OPENINGS)
def test_real_opening_sentences_are_never_the_bottom_line(ontopic, pmid):
    article = ontopic.articles[pmid]
    opening = split_sentences(article.abstract)[0]
    assert opening not in bottom_line(article, KRATOM).sentences


def test_real_bottom_lines_are_the_authors_conclusions(ontopic):
    """Target: >= 95 % of records with an abstract and a seen conclusion show only sentences
    of the authors' own conclusion (records.json ``bottom_line``)."""
    judged = misses = 0
    missed = []
    for pmid, article in ontopic.articles.items():
        want = ontopic.conclusions[pmid]
        if not article.abstract.strip() or not want:
            continue
        judged += 1
        shown = bottom_line(article, KRATOM).sentences
        if not shown or not all(s in want for s in shown):
            misses += 1
            missed.append(pmid)
    assert judged >= 40
    assert misses <= 0.05 * judged, missed
