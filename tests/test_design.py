"""Design, population, sample size, interventions and outcomes: the labelled set and rules."""

from __future__ import annotations

import dataclasses

import pytest
from data.labelled_records import DEVELOPMENT, HELD_OUT, LABELLED, Labelled, record

from withdrawal_lit.design import assess, classify
from withdrawal_lit.design_cues import cue
from withdrawal_lit.design_vocabulary import BASES, DESIGNS, POPULATIONS, PUBLICATION_TYPE_ORDER
from withdrawal_lit.records import Article


def by_id(cases: tuple[Labelled, ...]) -> list:
    return [pytest.param(case, id=case.id) for case in cases]


# -- The table -----------------------------------------------------------------------------
def test_designs_table_is_complete_and_ordered():
    assert list(DESIGNS) == [
        "meta-analysis",
        "systematic-review",
        "rct",
        "guideline",
        "non-randomized-trial",
        "observational",
        "cross-sectional",
        "case-report",
        "narrative-review",
        "animal",
        "in-vitro",
        "other",
    ]
    assert all(slug == d.slug for slug, d in DESIGNS.items())
    levels = [d.level for d in DESIGNS.values()]
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] == 6
    assert len({d.label for d in DESIGNS.values()}) == len(DESIGNS)


def test_publication_type_order_names_only_known_designs():
    assert {slug for slug, _ in PUBLICATION_TYPE_ORDER} <= set(DESIGNS)


def test_design_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DESIGNS["rct"].level = 1  # type: ignore[misc]


# -- The labelled set ----------------------------------------------------------------------
def test_labelled_set_is_large_varied_and_valid():
    assert len(LABELLED) >= 60
    assert len({case.id for case in LABELLED}) == len(LABELLED)
    assert {case.design for case in LABELLED} == set(DESIGNS)
    assert {case.population for case in LABELLED} == set(POPULATIONS)
    assert len(HELD_OUT) >= 15 and set(DEVELOPMENT).isdisjoint(HELD_OUT)
    flags = [
        (c.article.retracted, c.article.has_erratum, c.article.expression_of_concern)
        for c in LABELLED
    ]
    assert all(any(f[i] for f in flags) for i in range(3))
    assert any(not c.article.abstract for c in LABELLED)
    assert any(not c.article.mesh for c in LABELLED)


@pytest.mark.parametrize("case", by_id(LABELLED))
def test_design_matches_label(case: Labelled):
    assert assess(case.article).design.slug == case.design


@pytest.mark.parametrize("case", by_id(LABELLED))
def test_population_matches_label(case: Labelled):
    assert assess(case.article).population == case.population


@pytest.mark.parametrize("case", by_id(LABELLED))
def test_sample_size_matches_label(case: Labelled):
    assert assess(case.article).sample_size == case.sample_size


# (retracted, erratum, expression of concern) as each record's notices say, read off the
# records by hand: a Retracted Publication / RetractionIn, an ErratumIn, an
# ExpressionOfConcernIn. Every other labelled record has none.
FLAGGED = {
    "90000018": (True, False, False),
    "90000047": (False, True, False),
    "90000048": (False, False, True),
}


@pytest.mark.parametrize("case", by_id(LABELLED))
def test_flags_come_from_the_record(case: Labelled):
    a = assess(case.article)
    flags = (a.retracted, a.has_erratum, a.expression_of_concern)
    assert flags == FLAGGED.get(case.id, (False, False, False))
    assert a.basis in BASES


# -- Priorities ----------------------------------------------------------------------------
RCT_TEXT = "Adults were randomly assigned to melatonin or placebo for 14 days."


@pytest.mark.parametrize(
    ("types", "mesh", "title", "abstract", "expected"),
    [
        pytest.param(
            ("Review", "Systematic Review"),
            (),
            "Kratom",
            "",
            ("systematic-review", "publication type"),
            id="review+sr",
        ),
        pytest.param(
            ("Review",),
            (),
            "Melatonin for insomnia: a systematic review",
            "",
            ("systematic-review", "text"),
            id="review-titled-systematic",
        ),
        pytest.param(
            ("Review",),
            (),
            "Melatonin in addiction",
            "A recent meta-analysis found benefits. This review discusses them.",
            ("narrative-review", "publication type"),
            id="review-citing-a-meta-analysis",
        ),
        pytest.param(
            ("Review", "Systematic Review"),
            (),
            "Kratom",
            "Estimates were pooled with a random-effects model.",
            ("meta-analysis", "text"),
            id="sr-that-pooled",
        ),
        pytest.param(
            ("Meta-Analysis", "Systematic Review", "Review"),
            (),
            "",
            "",
            ("meta-analysis", "publication type"),
            id="ma+sr+review",
        ),
        pytest.param(
            ("Clinical Trial", "Randomized Controlled Trial"),
            (),
            "",
            "",
            ("rct", "publication type"),
            id="trial+rct",
        ),
        pytest.param(
            ("Clinical Trial",),
            ("Humans", "Random Allocation"),
            "",
            "",
            ("rct", "MeSH"),
            id="trial+random-allocation",
        ),
        pytest.param(
            ("Clinical Trial",), (), "", RCT_TEXT, ("rct", "text"), id="trial+randomised-text"
        ),
        pytest.param(
            ("Clinical Trial",),
            (),
            "",
            "Twelve adults received ramelteon. A randomized trial is warranted.",
            ("non-randomized-trial", "publication type"),
            id="trial+randomised-only-as-a-wish",
        ),
        pytest.param(
            ("Controlled Clinical Trial",),
            (),
            "A non-randomized controlled trial",
            "",
            ("non-randomized-trial", "publication type"),
            id="non-randomised",
        ),
        pytest.param(
            ("Case Reports", "Review"),
            (),
            "",
            "",
            ("case-report", "publication type"),
            id="case-report+review",
        ),
        pytest.param(
            ("Case Reports", "Letter"),
            (),
            "",
            "",
            ("case-report", "publication type"),
            id="case-report+letter",
        ),
        pytest.param(
            ("Practice Guideline", "Review"),
            (),
            "",
            "",
            ("guideline", "publication type"),
            id="guideline+review",
        ),
        pytest.param(
            ("Review",),
            (),
            "Recommendations for managing kratom withdrawal",
            "An expert panel reached consensus through a modified Delphi process.",
            ("guideline", "text"),
            id="review-written-as-recommendations",
        ),
        pytest.param(
            ("Randomized Controlled Trial",),
            ("Animals", "Rats", "Male"),
            "",
            "",
            ("animal", "MeSH"),
            id="rct-in-rats",
        ),
        pytest.param(
            ("Randomized Controlled Trial, Veterinary",),
            (),
            "",
            "",
            ("animal", "publication type"),
            id="veterinary-rct",
        ),
        pytest.param(
            ("Review",),
            ("Animals", "Rats"),
            "",
            "",
            ("narrative-review", "publication type"),
            id="review-of-animal-studies",
        ),
        pytest.param(
            ("Meta-Analysis",),
            ("Animals", "Mice"),
            "",
            "",
            ("meta-analysis", "publication type"),
            id="ma-of-animal-studies",
        ),
        pytest.param(
            ("Observational Study",),
            ("Humans", "Cross-Sectional Studies", "Surveys and Questionnaires"),
            "",
            "",
            ("cross-sectional", "MeSH"),
            id="observational+cross-sectional",
        ),
        pytest.param(
            ("Observational Study",),
            ("Humans", "Cohort Studies", "Surveys and Questionnaires"),
            "",
            "",
            ("observational", "publication type"),
            id="observational+cohort-with-questionnaires",
        ),
        pytest.param(
            ("Observational Study",),
            (),
            "",
            "We describe a case series of neonates exposed to kratom.",
            ("case-report", "text"),
            id="observational-called-case-series",
        ),
        pytest.param(
            ("Clinical Trial Protocol",),
            (),
            "Protocol for a randomised controlled trial",
            "",
            ("other", "publication type"),
            id="protocol",
        ),
        pytest.param(("Editorial",), (), "", "", ("other", "publication type"), id="editorial"),
        pytest.param(
            ("Letter",), ("Humans",), "Melatonin", "", ("other", "none"), id="bare-letter"
        ),
        pytest.param(("Journal Article",), (), "", "", ("other", "none"), id="nothing"),
    ],
)
def test_publication_type_priorities(types, mesh, title, abstract, expected):
    article = record("1", title, abstract, types=types, mesh=mesh)
    assert classify(article) == expected


@pytest.mark.parametrize(
    ("mesh", "abstract", "expected"),
    [
        pytest.param(
            ("HEK293 Cells", "Humans", "Receptors, Opioid, mu"),
            "",
            ("in-vitro", "MeSH"),
            id="human-cells",
        ),
        pytest.param(
            ("HEK293 Cells", "Humans", "Mice", "Animals"),
            "",
            ("animal", "MeSH"),
            id="cells-and-mice",
        ),
        pytest.param(
            ("Animals", "CHO Cells", "Cricetulus", "Cricetinae"),
            "",
            ("in-vitro", "MeSH"),
            id="hamster-cells",
        ),
        pytest.param(
            ("In Vitro Techniques", "Microsomes, Liver", "Humans"),
            "",
            ("in-vitro", "MeSH"),
            id="microsomes",
        ),
        pytest.param(("Animals", "Zebrafish"), "", ("animal", "MeSH"), id="zebrafish"),
        pytest.param(
            ("Animals", "Rats, Sprague-Dawley", "Random Allocation"),
            "",
            ("animal", "MeSH"),
            id="randomised-rats",
        ),
        pytest.param(("Humans", "Random Allocation"), "", ("rct", "MeSH"), id="random-allocation"),
        pytest.param(
            ("Humans", "Double-Blind Method"),
            RCT_TEXT,
            ("rct", "text"),
            id="double-blind+randomised",
        ),
        pytest.param(
            ("Humans", "Double-Blind Method"),
            "Twenty adults received melatonin and placebo in turn.",
            ("non-randomized-trial", "MeSH"),
            id="double-blind-alone",
        ),
        pytest.param(
            ("Humans", "Case-Control Studies"), "", ("observational", "MeSH"), id="case-control"
        ),
        pytest.param(
            ("Humans", "Prospective Studies"), "", ("observational", "MeSH"), id="prospective"
        ),
        pytest.param(
            ("Humans", "Cross-Sectional Studies", "Retrospective Studies"),
            "",
            ("cross-sectional", "MeSH"),
            id="retrospective-cross-sectional",
        ),
        pytest.param(
            ("Humans", "Retrospective Studies"), "", ("observational", "MeSH"), id="retrospective"
        ),
        pytest.param(
            ("Humans", "Retrospective Studies"),
            "We report a case series of 12 deaths.",
            ("case-report", "text"),
            id="retrospective-case-series",
        ),
        pytest.param(
            ("Humans", "Surveys and Questionnaires"), "", ("cross-sectional", "MeSH"), id="survey"
        ),
        pytest.param(
            ("Humans", "Qualitative Research"), "", ("cross-sectional", "MeSH"), id="qualitative"
        ),
        pytest.param(
            ("Humans", "Melatonin"),
            "We report a case of kratom hepatitis.",
            ("case-report", "text"),
            id="humans-only",
        ),
    ],
)
def test_mesh_priorities(mesh, abstract, expected):
    assert classify(record("1", "", abstract, mesh=mesh)) == expected


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        ("Kratom use: a systematic review and meta-analysis", "", "meta-analysis"),
        ("Kratom", "We conducted a systematic review of PubMed and Embase.", "systematic-review"),
        ("Kratom", "Studies were identified following PRISMA.", "systematic-review"),
        ("Opioid withdrawal: a consensus statement", "", "guideline"),
        ("Kratom hepatotoxicity", "We report a case of a 25-year-old man.", "case-report"),
        ("Seizures after kratom: a case series", "", "case-report"),
        ("Kratom pharmacology: a narrative review", "", "narrative-review"),
        ("Kratom", "This review summarizes the pharmacology of kratom.", "narrative-review"),
        ("Mitragynine", "Rats were randomly assigned to mitragynine or vehicle.", "animal"),
        ("Mitragynine and morphine withdrawal in mice", "", "animal"),
        ("Kratom alkaloids", "Receptor binding was measured in vitro.", "in-vitro"),
        ("Kratom alkaloids", "We docked mitragynine in silico.", "in-vitro"),
        ("Melatonin", RCT_TEXT, "rct"),
        (
            "Melatonin",
            "In this double-blind, placebo-controlled study, adults took melatonin.",
            "non-randomized-trial",
        ),
        (
            "Lofexidine",
            "In this open-label trial, adolescents received lofexidine.",
            "non-randomized-trial",
        ),
        (
            "Kratom",
            "We matched 40 cases with 80 controls in a case-control design.",
            "observational",
        ),
        ("Kratom", "A cross-sectional study of 200 users.", "cross-sectional"),
        ("Mortality after detoxification: a retrospective cohort study", "", "observational"),
        ("Kratom", "We conducted an online survey of kratom users.", "cross-sectional"),
        ("Kratom", "We held semi-structured interviews with 20 users.", "cross-sectional"),
        ("Kratom and the law", "Kratom is legal in most states.", "other"),
    ],
)
def test_text_cues_when_publication_types_and_mesh_are_silent(title, abstract, expected):
    slug, basis = classify(record("1", title, abstract))
    assert (slug, basis) == (expected, "none" if expected == "other" else "text")


def test_background_section_and_wishes_do_not_set_the_design():
    article = record(
        "1",
        "Kratom users in Malaysia",
        (
            ("BACKGROUND", "A randomized controlled trial of kratom showed benefits."),
            ("METHODS", "We surveyed 300 regular users with a questionnaire."),
            ("CONCLUSIONS", "Randomized trials are needed."),
        ),
    )
    assert classify(article) == ("cross-sectional", "text")


# -- Population ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("types", "mesh", "abstract", "expected"),
    [
        (("Review",), ("Humans", "Animals"), "", "mixed"),
        (("Review",), ("Animals", "Rats"), "", "animal"),
        (("Review",), ("Humans",), "", "human"),
        (("Review",), (), "Rodent studies and surveys of kratom users disagree.", "mixed"),
        (("Review",), (), "Surveys of patients who use kratom.", "human"),
        (("Review",), (), "Kratom is a tree.", "unknown"),
        (("Randomized Controlled Trial",), ("Humans", "Animals"), "", "human"),
        (("Editorial",), ("Humans",), "", "human"),
        (("Journal Article",), ("HEK293 Cells", "Humans"), "", "in vitro"),
        (("Journal Article",), ("HEK293 Cells", "Humans", "Mice"), "", "animal"),
    ],
)
def test_population(types, mesh, abstract, expected):
    assert assess(record("1", "", abstract, types=types, mesh=mesh)).population == expected


def test_assess_empty_record():
    a = assess(Article(pmid="1"))
    assert (a.design.slug, a.basis, a.population, a.sample_size) == (
        "other",
        "none",
        "unknown",
        None,
    )
    assert (a.interventions, a.outcomes) == ((), ())
    assert not (a.retracted or a.has_erratum or a.expression_of_concern)


def test_real_nested_case_control_record(realdata):
    from withdrawal_lit.xmlparse import iter_articles

    with open(realdata / "pubmed4.xml", "rb") as stream:
        (article,) = list(iter_articles(stream))
    a = assess(article)
    assert (a.design.slug, a.basis, a.population) == ("observational", "publication type", "human")
    assert a.sample_size == 386 + 896  # cases and their matched controls


@pytest.mark.parametrize(
    "pattern, ok",
    [
        (r"\bprisma\b", True),
        (r"[^\W\d][\w'\-]*\S", True),  # uppercase escapes are not letters to match
        (r"\bPRISMA\b", False),  # would never match the lowercased text
        (r"phase (?:I{1,3}|[1-4])", False),
    ],
)
def test_text_cues_are_written_for_lowercased_text(pattern, ok):
    if ok:
        assert cue(pattern).pattern == pattern
    else:
        with pytest.raises(ValueError, match="uppercase"):
            cue(pattern)


@pytest.mark.parametrize(
    "title, expected",
    [
        ("KRATOM USE: A SYSTEMATIC REVIEW FOLLOWING PRISMA", "systematic-review"),
        ("Kratom in Sprague-Dawley Rats", "animal"),
        ("A Phase II Trial of melatonin", "non-randomized-trial"),
    ],
)
def test_cues_match_whatever_the_case_of_the_record(title, expected):
    assert classify(Article(pmid="1", title=title))[0] == expected
