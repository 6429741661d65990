"""The vocabulary of study designs: the designs, PubMed publication types and MeSH
descriptors that decide them (data; the rules are in ``design``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Design:
    slug: str
    label: str
    level: int  # 1 = strongest evidence ... 6 = not classifiable as evidence


DESIGNS: dict[str, Design] = {
    d.slug: d
    for d in (
        # Syntheses of primary studies found by a systematic search.
        Design("meta-analysis", "Meta-analysis", 1),
        Design("systematic-review", "Systematic review", 1),
        Design("rct", "Randomised controlled trial", 2),
        # Guidelines rest on systematic reviews but mix evidence with expert consensus, so they
        # rank with trials, below the syntheses themselves.
        Design("guideline", "Guideline", 2),
        # Trials without evidence of randomisation: single-arm, open-label, non-randomised
        # controlled. Randomisation is never inferred from "double-blind" alone.
        Design("non-randomized-trial", "Non-randomised trial", 3),
        Design("observational", "Cohort or case-control study", 3),
        Design("cross-sectional", "Cross-sectional study or survey", 4),
        Design("case-report", "Case report or series", 4),
        Design("narrative-review", "Narrative review", 4),
        Design("animal", "Animal study", 5),
        # Mechanistic work without living animals: receptor binding, cells, microsomes, docking.
        Design("in-vitro", "In vitro or in silico study", 5),
        # Editorials, comments, letters without data, errata, protocols, and records nothing
        # classifies: not weak evidence but no evidence of a study, hence below all others.
        Design("other", "Other or unclassified", 6),
    )
}

PUBLICATION_TYPE_ORDER: tuple[tuple[str, frozenset[str]], ...] = (
    ("meta-analysis", frozenset({"Meta-Analysis", "Network Meta-Analysis"})),
    # Scoping reviews search systematically, so they count with systematic reviews.
    ("systematic-review", frozenset({"Systematic Review", "Scoping Review"})),
    (
        "guideline",
        frozenset(
            {
                "Practice Guideline",
                "Guideline",
                "Consensus Development Conference",
                "Consensus Development Conference, NIH",
            }
        ),
    ),
    (
        "animal",
        frozenset(
            {
                "Randomized Controlled Trial, Veterinary",
                "Clinical Trial, Veterinary",
                "Observational Study, Veterinary",
            }
        ),
    ),
    ("rct", frozenset({"Randomized Controlled Trial"})),
    (
        "non-randomized-trial",
        frozenset(
            {
                "Clinical Trial",
                "Clinical Trial, Phase I",
                "Clinical Trial, Phase II",
                "Clinical Trial, Phase III",
                "Clinical Trial, Phase IV",
                "Controlled Clinical Trial",
                "Pragmatic Clinical Trial",
                "Adaptive Clinical Trial",
                "Equivalence Trial",
            }
        ),
    ),
    ("observational", frozenset({"Observational Study"})),
    ("case-report", frozenset({"Case Reports"})),
    ("narrative-review", frozenset({"Review"})),
    (
        "other",
        frozenset(
            {
                "Editorial",
                "Comment",
                "News",
                "Newspaper Article",
                "Published Erratum",
                "Retraction of Publication",
                "Expression of Concern",
                "Clinical Trial Protocol",
                "Interview",
                "Biography",
                "Autobiography",
                "Lecture",
                "Address",
                "Congress",
                "Patient Education Handout",
                "Personal Narrative",
                "Portrait",
            }
        ),
    ),
)
# "Journal Article", "Letter", "Comparative Study", "Multicenter Study", "Evaluation Study",
# "Validation Study", "Clinical Study" and the research-support types say nothing about design.

PRIMARY_DESIGNS = frozenset(
    {"rct", "non-randomized-trial", "observational", "cross-sectional", "case-report"}
)
HUMAN_DESIGNS = PRIMARY_DESIGNS | {"guideline"}
SIZED_DESIGNS = PRIMARY_DESIGNS | {"animal", "meta-analysis", "systematic-review"}

POPULATIONS = ("human", "animal", "in vitro", "mixed", "unknown")
BASES = ("publication type", "MeSH", "text", "none")

# -- MeSH vocabulary -----------------------------------------------------------------------
MESH_IN_VITRO = frozenset(
    {
        "In Vitro Techniques",
        "Molecular Docking Simulation",
        "Molecular Dynamics Simulation",
        "Computer Simulation",
        "Cell Line",
        "Cell Line, Tumor",
        "Cells, Cultured",
        "HEK293 Cells",
        "CHO Cells",
        "HeLa Cells",
        "Hep G2 Cells",
        "Radioligand Assay",
        "Microsomes, Liver",
        "Hepatocytes",
    }
)
# Hamsters are in MeSH for CHO cells, not as living subjects.
MESH_CELL_ORIGIN_SPECIES = frozenset({"Cricetinae", "Cricetulus", "Mesocricetus"})
MESH_SPECIES = frozenset(
    {
        "Rats",
        "Mice",
        "Zebrafish",
        "Guinea Pigs",
        "Rabbits",
        "Dogs",
        "Cats",
        "Swine",
        "Sheep",
        "Macaca mulatta",
        "Macaca fascicularis",
        "Primates",
        "Rodentia",
        "Disease Models, Animal",
        "Caenorhabditis elegans",
        "Drosophila melanogaster",
    }
)
MESH_HUMAN_PARTICIPANTS = frozenset(
    {
        "Adult",
        "Young Adult",
        "Middle Aged",
        "Aged",
        "Aged, 80 and over",
        "Adolescent",
        "Child",
        "Child, Preschool",
        "Infant",
        "Infant, Newborn",
        "Pregnancy",
    }
)
MESH_RANDOMISED = frozenset({"Random Allocation"})
MESH_TRIAL = frozenset(
    {"Double-Blind Method", "Single-Blind Method", "Cross-Over Studies", "Placebos"}
)
MESH_CASE_CONTROL = frozenset({"Case-Control Studies"})
MESH_COHORT = frozenset(
    {"Cohort Studies", "Prospective Studies", "Longitudinal Studies", "Follow-Up Studies"}
)
MESH_CROSS_SECTIONAL = frozenset({"Cross-Sectional Studies"})
MESH_RETROSPECTIVE = frozenset({"Retrospective Studies"})
MESH_SURVEY = frozenset({"Surveys and Questionnaires", "Health Surveys"})
# Interview and focus-group studies collect data once from participants: the table's closest
# row is cross-sectional.
MESH_QUALITATIVE = frozenset({"Qualitative Research", "Interviews as Topic", "Focus Groups"})
