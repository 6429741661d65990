"""What kind of evidence one article is: design, population, size, what it studied (pure).

Users triage a ranked list by the strength of each paper's evidence, so the design has to be
right more often than not and has to say what it was decided from (``Assessment.basis``).

Design is decided from the strongest source that speaks, in this order:

1. PubMed publication types, which NLM indexers assign from the full text. When several are
   present the first of ``PUBLICATION_TYPE_ORDER`` wins (a "Review" that is also a "Systematic
   Review" is a systematic review; "Clinical Trial" + "Randomized Controlled Trial" is an RCT; a
   "Case Reports" + "Review" is a case report with a literature review). A few are then refined:
   a "Review" whose title or abstract says it is systematic (or pooled) becomes a systematic
   review (meta-analysis), and one written by an expert panel as recommendations becomes a
   guideline; a systematic review that pooled becomes a meta-analysis; a trial with
   evidence of randomisation (MeSH "Random Allocation", or the text) becomes an RCT; an
   "Observational Study" indexed or written up as a cross-sectional survey becomes
   cross-sectional; and any primary study whose MeSH subjects are animals only is an animal study.
2. MeSH, when no publication type decides: in vitro / in silico descriptors, animal species
   without human participants, trial descriptors (Random Allocation, Double-Blind Method...),
   then case-control / cohort / cross-sectional / retrospective (a case series when the
   authors call it one) / survey and interview descriptors.
3. Text cues in the title and abstract, when both are silent (records not yet indexed). Cues
   are read from the title and from sentences that describe this study: sections labelled
   BACKGROUND/INTRODUCTION are skipped, and so are sentences that call for future work
   ("randomised trials are needed"), so that prior work and wishes do not pass for the design.

Population follows the design for animal and in-vitro studies and for primary human designs;
for syntheses and unclassified records it comes from MeSH (Humans / Animals / species), else
from text cues. Sample size is the largest plausible study total named in the text, reported
only for designs that have participants (or animals) of their own, or pool them (see
``sample_size``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from withdrawal_lit.records import Article
from withdrawal_lit.sentences import split_sentences

# Bump when a rule below changes: the cache re-derives stored designs made by other versions.
RULES_VERSION = "1"


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

# -- Text cues -----------------------------------------------------------------------------
_I = re.IGNORECASE
_UPPERCASE_LITERAL = re.compile(r"(?<!\\)[A-Z]")


def _cue(pattern: str) -> re.Pattern[str]:
    """A text cue, matched against the lowercased text of ``_Text``.

    Case-insensitive matching doubles the time the regex engine takes over an abstract, and
    lowercasing the text once costs next to nothing, so cues are written in lowercase and
    compiled without IGNORECASE. An uppercase letter could then never match: refused here.
    """
    if stray := _UPPERCASE_LITERAL.search(pattern):
        raise ValueError(f"text cue has an uppercase letter at {stray.start()}: {pattern!r}")
    return re.compile(pattern)


def _number_words() -> dict[str, int]:
    """ "one" ... "ninety-nine": style guides spell out numbers that open a sentence ("Thirty-two
    male rats"), and small case series are written out ("three patients")."""
    small = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
    tens = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    words = {w: i for i, w in enumerate(small, start=1)}
    for t, ten in enumerate(tens, start=2):
        words[ten] = 10 * t
        words.update({f"{ten}-{unit}": 10 * t + u for u, unit in enumerate(small[:9], start=1)})
    return words


NUMBER_WORDS = _number_words()
_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)"
)

# Sentences that speak of what should be done, or of what is missing, are not this study.
HEDGE = _cue(
    r"\b(needed|warranted|required|future|should|lack(?:s|ing)?|absence|would|no (?:published )?"
    r"(?:randomi[sz]ed|controlled|clinical)|remains? to be|are scarce|is scarce)\b",
)
# Section labels whose text describes earlier work, not this study.
BACKGROUND_LABELS = re.compile(r"^(background|introduction|context|rationale|importance)", _I)
BACKGROUND_CATEGORIES = frozenset({"BACKGROUND"})

CUE_META_ANALYSIS_TITLE = _cue(r"meta-?analy[sz][ie]s|pooled analysis")
CUE_META_ANALYSIS = _cue(
    r"\b(?:we|this|the present|the current|our)\s+(?:systematic review and\s+)?meta-?analy"
    r"|\bmeta-?analy[sz][ie]s\s+(?:was|were)\s+(?:conducted|performed|undertaken|carried out)"
    r"|\bwere\s+(?:pooled|meta-?analy[sz]ed)|\brandom[- ]effects?\b|\bfixed[- ]effects?\b"
    r"|\bpooled\s+(?:estimate|prevalence|effect|odds|risk|relative|mean|standardi[sz]ed|"
    r"analysis|data|incidence|rate|sensitivity)",
)
CUE_SYSTEMATIC_TITLE = _cue(
    r"\b(?:systematic(?:ally)?|scoping|umbrella|rapid)\s+(?:literature\s+)?review",
)
CUE_SYSTEMATIC = _cue(
    r"\b(?:we|this|the present|the current|our)\s+(?:conducted\s+|performed\s+|undertook\s+|"
    r"carried out\s+)?(?:a\s+)?(?:systematic|scoping|umbrella|rapid)\s+(?:literature\s+)?review"
    r"|\bsystematic(?:ally)?\s+search|\bsearched\s+systematically|\bprisma\b|\bprospero\b"
    r"|\b(?:\d+|" + _WORDNUM + r")\s+(?:\w+\s+){0,2}(?:studies|trials|articles|reports|papers)\s+"
    r"(?:were|was)\s+included|\b(?:studies|trials|articles|reports)\s+met\s+(?:the\s+)?"
    r"(?:inclusion|eligibility)",
)
CUE_GUIDELINE_TITLE = _cue(
    r"\bguidelines?\b|\bconsensus statement|\bposition statement|\bpractice parameter"
    r"|\brecommendations\s+(?:for|on|from)\b",
)
CUE_GUIDELINE = _cue(
    r"\b(?:this|these|the present)\s+(?:\w+\s+){0,2}(?:guideline|consensus statement|"
    r"recommendations)\b|\bexpert panel\b|\brecommendations were (?:developed|formulated)"
    r"|\bdelphi\b|\bconsensus (?:process|conference|panel)\b",
)
CUE_CASE_TITLE = _cue(
    r"\bcase reports?\b|\bcase series\b|\ba case of\b|\breport of (?:a|an|\w+) cases?\b"
    r"|\bin an? (?:\w+[- ])?(?:\d+[- ](?:year|month|week|day)[- ]old\s+)?"
    r"(?:man|woman|patient|neonate|newborn|infant|boy|girl)\b",
)
CUE_CASE = _cue(
    r"\bwe\s+(?:report|present|describe)\s+(?:a|an|the|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,2})\s+(?:\w+[- ]){0,3}?(?:cases?|patients?|man|woman|men|women|neonates?|"
    r"newborns?|infants?|boy|girl|\d+[- ](?:year|month|week|day)[- ]old)\b"
    r"|\bcase series\b|\bcase report\b"
    r"|\b(?:a|an)\s+\d+[- ](?:year|month|week|day)[- ]old\s+(?:\w+\s+)?(?:man|woman|male|"
    r"female|boy|girl|patient|infant|neonate)\s+(?:presented|was|with|who|developed)\b",
)
CUE_REVIEW_TITLE = _cue(r"\b(?:review|overview)\b")
CUE_REVIEW = _cue(
    r"\b(?:this|the present|our)\s+(?:\w+\s+)?review\b|\bwe\s+(?:review|summari[sz]e|discuss)"
    r"\s+(?:the\s+)?(?:current|available|existing|recent|published|literature|evidence|"
    r"pharmacology|state)|\breview(?:s|ed)?\s+(?:of\s+)?the\s+(?:current\s+|available\s+|"
    r"existing\s+|published\s+)?(?:literature|evidence)\b|\bliterature review\b"
    r"|\bnarrative review\b|\bthis (?:article|paper|chapter)\s+(?:reviews|summari[sz]es|"
    r"discusses|provides an overview)",
)
_SPECIES = r"(?:rats|mice|zebrafish|rodents|animals|larvae|monkeys|dogs)"
CUE_ANIMAL_TITLE = _cue(
    r"\b(?:rats?|mice|mouse|murine|zebrafish|rodents?|rat model|mouse model)\b",
)
CUE_ANIMAL = _cue(
    r"\b" + _SPECIES + r"\s+(?:were|was|received|showed|treated|exposed|given|displayed|"
    r"developed|exhibited|underwent|self-administered)\b"
    r"|\b(?:male|female|adult|naive|naïve|morphine-dependent|opioid-dependent)\s+(?:[\w/-]+\s+)"
    r"{0,2}(?:rats|mice|zebrafish)\b|\bin\s+(?:rats|mice|zebrafish|rodents)\b"
    r"|\b\d+\s+(?:male\s+|female\s+)?(?:rats|mice)\b"
    r"|\b(?:sprague[- ]dawley|wistar|long[- ]evans|c57bl/6\w*|icr mice|swiss webster|balb/c)\b",
)
_HUMAN_NOUNS = (
    r"(?:patients|participants|volunteers|respondents|adults|veterans|women|men|individuals|"
    r"subjects|users|inpatients|outpatients|neonates|infants|children|adolescents|people|persons)"
)
CUE_HUMAN = _cue(
    r"\b(?:\d[\d,]*|" + _WORDNUM + r")\s+(?:[\w-]+\s+){0,3}?" + _HUMAN_NOUNS + r"\b"
    r"|\b(?:patients|participants|volunteers|respondents|individuals|veterans|adults)\s+"
    r"(?:were|who|with|completed|received|reported|enrolled)\b"
    r"|\b(?:enrolled|recruited)\b|\b(?:a|an)\s+\d+[- ]year[- ]old\b",
)
CUE_IN_VITRO = _cue(
    r"\bin vitro\b|\bin silico\b|\breceptor binding\b|\bbinding (?:affinit(?:y|ies)|assays?)\b"
    r"|\bradioligand\b|\b(?:hek[- ]?293|cho|hepg2|sh-sy5y)\b|\bcell lines?\b|\bdocking\b"
    r"|\bmolecular dynamics\b|\bliver microsomes\b|\bhepatocytes\b|\b(?:cultured|transfected)\s+"
    r"cells\b|\bgtp[γg]s\b|\b(?:β|beta)-arrestin",
)
CUE_RANDOMISED = _cue(
    r"(?<!non-)(?<!not )(?<!quasi-)(?<!without )\brandomi[sz](?:ed|ation)\b"
    r"|\brandomly\s+(?:assigned|allocated)\b",
)
CUE_TRIAL = _cue(
    r"\bopen[- ]label\b|\bsingle[- ]arm\b|\bnon-?randomi[sz]ed\b|\buncontrolled\b"
    r"|\b(?:double|single)[- ]blind(?:ed)?\b|\bplacebo[- ]controlled\b"
    r"|\bcross-?over\s+(?:study|trial|design)\b|\bphase\s+(?:i{1,3}v?|[1-4])[ab]?\s+"
    r"(?:\w+\s+)?(?:study|trial)\b|\bclinical trial\b|\bpilot (?:study|trial)\b"
    r"|\bdose[- ]escalation\b|\b(?:this|our|the present)\s+(?:[\w-]+\s+){0,3}?trial\b",
)
CUE_CASE_CONTROL = _cue(r"\bcase[- ]control\b|\bmatched controls?\b")
CUE_CROSS_SECTIONAL = _cue(r"\bcross[- ]sectional\b")
CUE_COHORT = _cue(
    r"\bcohort\b|\b(?:prospective|retrospective|longitudinal|population-based)\s+"
    r"(?:\w+\s+){0,2}(?:study|analysis|review|follow-up)\b|\bchart review\b"
    r"|\b(?:medical|health|electronic health|clinical) records\b|\bclaims (?:data|database)\b"
    r"|\bregistry\b|\bpoison (?:control |information )?cent(?:er|re)s?\b",
)
CUE_SURVEY = _cue(
    r"\bsurvey(?:ed|s)?\b|\bquestionnaires?\b|\brespondents\b|\bqualitative\b"
    r"|\bsemi-structured interviews?\b|\bfocus groups?\b|\bthematic(?:ally)? analy",
)
CUE_CASE_SERIES = _cue(r"\bcase series\b")

# -- Interventions and outcomes ------------------------------------------------------------
# (canonical name, patterns). Patterns are regexes matched on word boundaries (a hyphen is a
# boundary: "buprenorphine-naloxone" names both); an all-caps abbreviation is matched
# case-sensitively ("COWS", not cows), everything else ignoring case. Names are reported in
# order of first mention, title first.
INTERVENTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("melatonin", ("melatonin",)),
    ("ramelteon", ("ramelteon",)),
    ("suvorexant", ("suvorexant",)),
    ("trazodone", ("trazodone",)),
    ("zolpidem", ("zolpidem",)),
    ("kratom", ("kratom", "Mitragyna speciosa", "Mitragyna", r"M\. speciosa", "ketum", "kratum")),
    ("7-hydroxymitragynine", ("7-hydroxymitragynine", r"7-OH-mitragynine", "7-OH", "7-OHMG")),
    ("mitragynine pseudoindoxyl", ("mitragynine pseudoindoxyl",)),
    ("mitragynine", (r"(?<!7-OH-)mitragynine(?! pseudoindoxyl)",)),
    ("buprenorphine", ("buprenorphine", "Suboxone", "Subutex")),
    ("methadone", ("methadone",)),
    ("naltrexone", ("naltrexone",)),
    ("naloxone", ("naloxone",)),
    ("lofexidine", ("lofexidine", "Lucemyra")),
    ("clonidine", ("clonidine",)),
    ("tizanidine", ("tizanidine",)),
    ("gabapentin", ("gabapentin",)),
    ("pregabalin", ("pregabalin",)),
    ("tramadol", ("tramadol",)),
    ("morphine", ("morphine",)),
    ("oxycodone", ("oxycodone",)),
    ("fentanyl", ("fentanyl",)),
    ("cannabidiol", ("cannabidiol", "CBD")),
    ("ibogaine", ("ibogaine",)),
    ("acupuncture", ("acupuncture", "electroacupuncture", "acupoint")),
    ("Chinese herbal medicine", ("Chinese herbal medicine", "traditional Chinese medicine")),
)
OUTCOMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("COWS", ("COWS", "Clinical Opiate Withdrawal Scale")),
    ("SOWS", ("SOWS", "Subjective Opiate Withdrawal Scale", "SOWS-Gossop")),
    (
        "withdrawal severity",
        (
            "withdrawal (?:severity|symptoms?|scores?|signs|syndrome)",
            "severity of (?:opioid |opiate )?withdrawal",
            "OOWS",
            "(?:somatic|precipitated) withdrawal",
        ),
    ),
    ("sleep", ("sleep", "insomnia", "PSQI", "polysomnograph(?:y|ic)")),
    ("craving", ("craving", "cravings", "cue-induced craving")),
    ("anxiety", ("anxiety", "anxiety-like", "anxiolytic")),
    ("depression", (r"(?<!respiratory )depression", "depressive", "PHQ-9", "BDI")),
    ("respiratory depression", ("respiratory depression",)),
    ("pain", ("pain", "analgesia", "analgesic", "antinociception", "antinociceptive")),
    (
        "adverse events",
        ("adverse events?", "adverse effects?", "adverse reactions?", "side effects?", "safety"),
    ),
    (
        "hepatotoxicity",
        (
            "hepatotoxicity",
            "liver injury",
            "liver damage",
            "liver failure",
            "hepatic injury",
            "DILI",
            "cholestasis",
            "cholestatic",
            "hepatitis",
        ),
    ),
    ("seizures", ("seizures?", "convulsions?", "status epilepticus")),
    ("dependence", ("dependence", "abuse liability", "abuse potential", "addiction liability")),
    ("mortality", ("mortality", "deaths?", "fatalit(?:y|ies)", "died")),
    (
        "retention in treatment",
        ("retention", "retained in treatment", "treatment completion", "drop-?outs?"),
    ),
)


@dataclass(frozen=True, slots=True)
class _Named:
    name: str
    hints: tuple[str, ...] | None  # lower-case literals one of which any match contains
    patterns: tuple[re.Pattern, ...]


def _hint(pattern: str) -> str:
    """The literal start of a pattern ("" when it starts with regex syntax)."""
    literal = re.match(r"[\w \-]*", pattern).group()
    if len(literal) < len(pattern) and pattern[len(literal)] in "?*{":
        literal = literal[:-1]  # "seizures?": the "s" is optional
    return literal.lower()


def _compile(table: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[_Named, ...]:
    """Per canonical name, one pattern ignoring case and one for all-caps abbreviations, with
    literal hints that let most names be ruled out without running a regex."""
    compiled = []
    for name, patterns in table:
        caps = [p for p in patterns if re.fullmatch(r"[A-Z0-9-]+", p)]
        other = [p for p in patterns if p not in caps]
        found = []
        if other:
            found.append(re.compile(r"\b(?:" + "|".join(other) + r")\b", _I))
        if caps:
            found.append(re.compile(r"\b(?:" + "|".join(caps) + r")\b"))
        hints = tuple(_hint(p) for p in patterns)
        compiled.append(_Named(name, None if "" in hints else hints, tuple(found)))
    return tuple(compiled)


_INTERVENTION_PATTERNS = _compile(INTERVENTIONS)
_OUTCOME_PATTERNS = _compile(OUTCOMES)


@dataclass(frozen=True, slots=True)
class Assessment:
    design: Design
    population: str  # one of POPULATIONS
    basis: str  # one of BASES: which evidence decided the design
    sample_size: int | None
    interventions: tuple[str, ...]
    outcomes: tuple[str, ...]
    retracted: bool
    has_erratum: bool
    expression_of_concern: bool


@dataclass(frozen=True, slots=True)
class _Text:
    """The parts of a record that text cues read.

    All lowercased: the cues (``_cue``) are written for lowercase text.
    """

    title: str
    sentences: tuple[str, ...]  # abstract sentences, background sections left out
    keywords: tuple[str, ...]
    study: str  # title and sentences without hedges: what this paper says it did
    full: str  # title, sentences and keywords


def _text_of(article: Article) -> _Text:
    sentences: list[str] = []
    for section in article.abstract_sections:
        if section.category in BACKGROUND_CATEGORIES or (
            section.label and BACKGROUND_LABELS.match(section.label)
        ):
            continue
        # Split before lowercasing: a capital letter is how a sentence start is recognised.
        sentences.extend(s.lower() for s in split_sentences(section.text))
    title = (article.title or "").lower()
    keywords = tuple(k.lower() for k in article.keywords)
    study = " ".join([title, *(s for s in sentences if not HEDGE.search(s))])
    full = " ".join([title, *sentences, *keywords])
    return _Text(title, tuple(sentences), keywords, study, full)


@dataclass(frozen=True, slots=True)
class _Mesh:
    terms: frozenset[str]

    def has(self, names: Iterable[str]) -> bool:
        return any(n in self.terms for n in names)

    @property
    def in_vitro(self) -> bool:
        return self.has(MESH_IN_VITRO)

    @property
    def species(self) -> bool:
        """Living animals: species descriptors (or the Animals check tag without cell lines)."""
        if any(t in MESH_SPECIES or t.startswith(("Rats, ", "Mice, ")) for t in self.terms):
            return True
        return "Animals" in self.terms and not (self.in_vitro or self.has(MESH_CELL_ORIGIN_SPECIES))

    @property
    def humans(self) -> bool:
        """Human participants: "Humans", unless it only marks human cells or tissue."""
        if "Humans" not in self.terms:
            return False
        return not self.in_vitro or self.has(MESH_HUMAN_PARTICIPANTS)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the rules read of one article, computed once."""

    article: Article
    mesh: _Mesh
    text: _Text


def _facts(article: Article) -> _Facts:
    return _Facts(article, _Mesh(frozenset(article.mesh_terms)), _text_of(article))


def _title_or_study(title_cue: re.Pattern, body_cue: re.Pattern, text: _Text) -> bool:
    return bool(title_cue.search(text.title) or body_cue.search(text.study))


def _pooled(text: _Text) -> bool:
    return bool(
        CUE_META_ANALYSIS_TITLE.search(text.title)
        or CUE_META_ANALYSIS.search(text.study)
        or any(CUE_META_ANALYSIS_TITLE.search(k) for k in text.keywords)
    )


def _systematic(text: _Text) -> bool:
    return bool(
        CUE_SYSTEMATIC_TITLE.search(text.title)
        or CUE_SYSTEMATIC.search(text.study)
        or any(CUE_SYSTEMATIC_TITLE.search(k) for k in text.keywords)
    )


def _animal_subjects(text: _Text) -> bool:
    """The study's own subjects are animals and no human participants are described."""
    animal = CUE_ANIMAL_TITLE.search(text.title) or CUE_ANIMAL.search(text.study)
    return bool(animal) and not CUE_HUMAN.search(text.study)


def _design_from_publication_types(types: frozenset[str]) -> str | None:
    for slug, names in PUBLICATION_TYPE_ORDER:
        if types & names:
            return slug
    return None


def _design_from_mesh(mesh: _Mesh, text: _Text) -> tuple[str, str] | None:
    """(slug, basis) from MeSH, sharpened by the text where MeSH is ambiguous; or None."""
    if mesh.in_vitro and not mesh.species and not _human_study_mesh(mesh):
        return "in-vitro", "MeSH"
    if mesh.species and not mesh.humans:
        return "animal", "MeSH"
    if mesh.has(MESH_RANDOMISED):
        return "rct", "MeSH"
    if mesh.has(MESH_TRIAL):
        if CUE_RANDOMISED.search(text.study):
            return "rct", "text"
        return "non-randomized-trial", "MeSH"
    if mesh.has(MESH_CASE_CONTROL | MESH_COHORT):
        return "observational", "MeSH"
    if mesh.has(MESH_CROSS_SECTIONAL):
        return "cross-sectional", "MeSH"
    if mesh.has(MESH_RETROSPECTIVE):
        # Indexers add "Retrospective Studies" to case series too; the authors' word decides.
        if CUE_CASE_SERIES.search(text.study):
            return "case-report", "text"
        return "observational", "MeSH"
    if mesh.has(MESH_SURVEY | MESH_QUALITATIVE):
        return "cross-sectional", "MeSH"
    return None


def _human_study_mesh(mesh: _Mesh) -> bool:
    return mesh.has(
        MESH_HUMAN_PARTICIPANTS
        | MESH_RANDOMISED
        | MESH_TRIAL
        | MESH_CASE_CONTROL
        | MESH_COHORT
        | MESH_CROSS_SECTIONAL
        | MESH_RETROSPECTIVE
        | MESH_SURVEY
        | MESH_QUALITATIVE
    )


def _design_from_text(text: _Text) -> str | None:
    if _pooled(text):
        return "meta-analysis"
    if _systematic(text):
        return "systematic-review"
    if _title_or_study(CUE_GUIDELINE_TITLE, CUE_GUIDELINE, text):
        return "guideline"
    if _title_or_study(CUE_CASE_TITLE, CUE_CASE, text):
        return "case-report"
    if _title_or_study(CUE_REVIEW_TITLE, CUE_REVIEW, text):
        return "narrative-review"
    if _animal_subjects(text):
        return "animal"
    study = text.study
    if CUE_IN_VITRO.search(study) and not CUE_HUMAN.search(study):
        return "in-vitro"
    if CUE_RANDOMISED.search(study):
        return "rct"
    if CUE_TRIAL.search(study):
        return "non-randomized-trial"
    if CUE_CASE_CONTROL.search(study):
        return "observational"
    if CUE_CROSS_SECTIONAL.search(study):
        return "cross-sectional"
    if CUE_COHORT.search(study):
        return "observational"
    if CUE_SURVEY.search(study):
        return "cross-sectional"
    return None


def _refine(slug: str, mesh: _Mesh, text: _Text) -> tuple[str, str]:
    """Sharpen a publication-type design with MeSH or text; returns (slug, basis)."""
    if slug == "narrative-review":
        if _pooled(text):
            return "meta-analysis", "text"
        if _systematic(text):
            return "systematic-review", "text"
        if _title_or_study(CUE_GUIDELINE_TITLE, CUE_GUIDELINE, text):
            return "guideline", "text"
    if slug == "systematic-review" and _pooled(text):
        return "meta-analysis", "text"
    if slug in PRIMARY_DESIGNS:
        if mesh.species and not mesh.humans:
            return "animal", "MeSH"
        if not mesh.terms and _animal_subjects(text):
            return "animal", "text"
    if slug == "non-randomized-trial":
        if mesh.has(MESH_RANDOMISED):
            return "rct", "MeSH"
        if CUE_RANDOMISED.search(text.study):
            return "rct", "text"
    if slug == "observational":
        if mesh.has(MESH_CROSS_SECTIONAL | MESH_SURVEY) and not mesh.has(
            MESH_COHORT | MESH_CASE_CONTROL
        ):
            return "cross-sectional", "MeSH"
        if not mesh.has(MESH_COHORT | MESH_CASE_CONTROL | MESH_RETROSPECTIVE):
            study = text.study
            if CUE_CASE_SERIES.search(study):
                return "case-report", "text"
            cohort = CUE_COHORT.search(study) or CUE_CASE_CONTROL.search(study)
            if not cohort and (CUE_CROSS_SECTIONAL.search(study) or CUE_SURVEY.search(study)):
                return "cross-sectional", "text"
    return slug, "publication type"


def classify(article: Article) -> tuple[str, str]:
    """(design slug, basis) for one article; see the module docstring for the order."""
    return _classify(_facts(article))


def _classify(facts: _Facts) -> tuple[str, str]:
    mesh, text = facts.mesh, facts.text
    slug = _design_from_publication_types(frozenset(facts.article.publication_types))
    if slug is not None:
        return _refine(slug, mesh, text)
    decided = _design_from_mesh(mesh, text)
    if decided is not None:
        return decided
    slug = _design_from_text(text)
    if slug is not None:
        return slug, "text"
    return "other", "none"


# Broad cues for what a review or commentary covers (it has no subjects of its own).
_REVIEW_HUMAN = _cue(
    r"\b(?:patients|humans?|participants|people|users|clinical (?:studies|trials|data|evidence)"
    r"|case reports|volunteers|respondents|adults)\b",
)
_REVIEW_ANIMAL = _cue(
    r"\b(?:animals?|rats?|mice|mouse|rodents?|preclinical|zebrafish|murine)\b",
)


def population(article: Article, slug: str) -> str:
    """Who or what was studied: human, animal, in vitro, mixed or unknown."""
    return _population(_facts(article), slug)


def _population(facts: _Facts, slug: str) -> str:
    if slug == "animal":
        return "animal"
    if slug == "in-vitro":
        return "in vitro"
    if slug in HUMAN_DESIGNS:
        return "human"
    mesh = facts.mesh
    kinds = {
        kind
        for kind, present in (
            ("human", mesh.humans),
            ("animal", mesh.species),
            ("in vitro", mesh.in_vitro and not mesh.humans and not mesh.species),
        )
        if present
    }
    if not kinds:
        text = facts.text.full
        kinds = {
            kind
            for kind, cue in (
                ("human", _REVIEW_HUMAN),
                ("animal", _REVIEW_ANIMAL),
                ("in vitro", CUE_IN_VITRO),
            )
            if cue.search(text)
        }
    if len(kinds) > 1:
        return "mixed"
    return kinds.pop() if kinds else "unknown"


# -- Sample size ---------------------------------------------------------------------------
_COUNT_NOUNS = (
    r"(?:participants|patients|adults|subjects|respondents|users|individuals|women|men|"
    r"veterans|rats|mice|volunteers|persons|people|infants|neonates|newborns|children|"
    r"adolescents|cases|inpatients|outpatients|mothers|dyads|pairs|zebrafish|animals|"
    r"exposures|controls|clients|residents|smokers|students|pregnancies|addicts|"
    r"physicians|clinicians|nurses|pharmacists|prescribers|providers|workers|employees|"
    r"prisoners|inmates|members|drivers|"
    r"participant|patient|adult|subject|respondent|user|individual|woman|man|veteran|rat|"
    r"mouse|volunteer|person|infant|neonate|newborn|child|adolescent|animal|exposure|"
    r"case(?!\s+(?:series|reports?|studies|control)))"
)
# A number that is not part of a decimal, a fraction, a range or an identifier ("2.5", "1/3",
# "A2"). The check on the character before it comes after its first digit: a pattern that
# opens with a digit lets the regex engine skip straight to the next digit, several times
# faster than trying a lookbehind at every position.
_NUMBER = r"(\d(?<![\w.,/-]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?![\w.,/-]*\d)"
# Words that may stand between a count and its noun ("264 opioid-dependent adults") must not
# be units, function words or screening states: those make the count something else.
_NOT_MODIFIER = (
    r"(?:of|in|with|to|the|and|or|for|per|from|after|before|at|on|by|were|was|who|mg|g|kg|"
    r"µg|mcg|ml|years?|months?|weeks?|days?|hours?|h|min|minutes|nights?|sessions?|doses?|"
    r"times|studies|trials|articles|records|sites|centers|centres|countries|states|items|"
    r"screened|invited|approached|contacted|assessed|previously|published)"
)
_MODIFIERS = r"(?:(?!" + _NOT_MODIFIER + r"\b)[^\W\d][\w'\-–]*\s+){0,3}?"
_COUNTED = r"\s+" + _MODIFIERS + r"(" + _COUNT_NOUNS + r")\b"
# Counts in digits and in words, as two patterns (one alternation would try both branches at
# every position); group 1 is the number, group 2 the noun. The word pattern's lookahead
# rejects most positions on their first letter.
COUNT_DIGITS = _cue(_NUMBER + _COUNTED)
COUNT_WORDS = _cue(r"(?=[eftnos])\b(" + _WORDNUM + r")" + _COUNTED)
N_EQUALS = _cue(r"(?<![\w])n\s*[=:]\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\d)")
TOTAL_OF = _cue(r"\ba total of\s+(\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*%)")
# After a count: "per group", "screened", "studies" make it not the study total.
_NOT_TOTAL_AFTER = _cue(
    r"^\s*(?:[–-]\s*\d+\s*)?(?:\)\s*)?(?:per\b|/|each\b|in each\b|(?:were\s+)?(?:screened|"
    r"invited|approached|contacted|assessed for eligibility)\b|%|(?:studies|trials|articles|"
    r"records|citations|publications|reports|papers|abstracts|samples|mg|doses)\b)",
)
_YEAR_BEFORE = _cue(r"\b(?:in|from|since|between|during|until|through|by|to|and)\s*$")
_SUM_GAP = _cue(r"^\s*(?:[\w-]+,?\s+){0,4}?(?:and|versus|vs\.?)\s+$")
_CONTROLS = _cue(r"\bcontrols\b")
_GAP_VERBS = _cue(r"\b(?:were|was|are|is|had|have|completed|\w+ed)\b")
_SINGLE_CASE = _cue(
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:case(?!\s+series)|patient|neonate|newborn|"
    r"infant|man|woman|boy|girl)\b",
)
MAX_PLAUSIBLE_N = 10_000_000


def _as_int(token: str) -> int:
    return NUMBER_WORDS.get(token.lower()) or int(token.replace(",", ""))


def _counts(sentence: str) -> list[tuple[int, int, int]]:
    """(value, start, end) of each "<number> [modifiers] <people noun>" in one sentence."""
    matches = [(m, True) for m in COUNT_DIGITS.finditer(sentence)]
    if words := [(m, False) for m in COUNT_WORDS.finditer(sentence)]:
        matches = sorted(matches + words, key=lambda pair: pair[0].start())
    found = []
    end = 0
    for m, in_digits in matches:
        if m.start() < end:  # inside the count before it (as one alternation would skip it)
            continue
        end = m.end()
        token = m.group(1)
        value = _as_int(token)
        if _NOT_TOTAL_AFTER.match(sentence[m.end() :]):
            continue
        year_like = in_digits and 1900 <= value <= 2100 and "," not in token
        if year_like and _YEAR_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()]):
            continue
        found.append((value, m.start(), m.end()))
    return found


def sample_size(article: Article, slug: str | None = None) -> int | None:
    """The largest plausible study total named in the title or study sentences.

    Counts: "n = 123", "123 participants" (up to three modifiers: "123 opioid-dependent
    adults"), "a total of 1,234", number words ("three patients", "Thirty-two rats"), the sum of arm
    sizes given in one sentence ("melatonin (n = 27) or placebo (n = 27)"), the sum of two
    counts joined by "and"/"versus" ("45 patients and 45 matched controls"), and of the first
    two counts of a sentence naming controls (cases and their controls). Ignored: counts per
    group, counts of people screened or invited, studies and records, previously published
    cases, years, percentages, doses and ages. A case report with no count is one patient.
    Designs without participants of their own (narrative reviews, guidelines, in vitro,
    other) have no sample size.
    """
    facts = _facts(article)
    return _sample_size(facts, slug or _classify(facts)[0])


def _sample_size(facts: _Facts, slug: str) -> int | None:
    if slug not in SIZED_DESIGNS:
        return None
    text = facts.text
    candidates: list[int] = []
    for sentence in (text.title, *text.sentences):
        counts = _counts(sentence)
        candidates.extend(v for v, _, _ in counts)
        for (v1, _, end1), (v2, start2, _) in zip(counts, counts[1:], strict=False):
            gap = sentence[end1:start2]
            if _SUM_GAP.match(gap) and not _GAP_VERBS.search(gap):
                candidates.append(v1 + v2)
        if len(counts) > 1 and _CONTROLS.search(sentence):
            candidates.append(counts[0][0] + counts[1][0])  # cases, then their controls
        if "=" not in sentence and ":" not in sentence and "a total of" not in sentence:
            continue  # neither "n = 27" nor "a total of 54" can be in it
        arms = []
        for m in N_EQUALS.finditer(sentence):
            if _NOT_TOTAL_AFTER.match(sentence[m.end() :]):
                continue
            value = int(m.group(1).replace(",", ""))
            candidates.append(value)
            if sentence[: m.start()].rstrip().endswith(("(", "[")):
                arms.append(value)
        if len(arms) > 1:
            candidates.append(sum(arms))
        for m in TOTAL_OF.finditer(sentence):
            if not _NOT_TOTAL_AFTER.match(sentence[m.end() :]):
                candidates.append(int(m.group(1).replace(",", "")))
    candidates = [c for c in candidates if 0 < c <= MAX_PLAUSIBLE_N]
    if candidates:
        return max(candidates)
    if slug == "case-report" and _SINGLE_CASE.search(" ".join([text.title, *text.sentences])):
        return 1
    return None


def _named(table: tuple[_Named, ...], article: Article, *, mesh: bool) -> tuple[str, ...]:
    """Canonical names found in title, abstract and keywords (and MeSH headings when ``mesh``),
    in order of first mention."""
    parts = [article.title, article.abstract, " ; ".join(article.keywords)]
    text = " \n ".join([*parts, *article.mesh_terms] if mesh else parts)
    lowered = text.lower()
    hits = []
    for named in table:
        if named.hints is not None and not any(h in lowered for h in named.hints):
            continue
        starts = [m.start() for p in named.patterns if (m := p.search(text))]
        if starts:
            hits.append((min(starts), named.name))
    return tuple(name for _, name in sorted(hits))


def interventions(article: Article) -> tuple[str, ...]:
    """Named interventions and substances (canonical names of ``INTERVENTIONS``); MeSH counts
    ("Mitragyna" is kratom)."""
    return _named(_INTERVENTION_PATTERNS, article, mesh=True)


def outcomes(article: Article) -> tuple[str, ...]:
    """Named outcomes (canonical names of ``OUTCOMES``) from the text only: MeSH headings such
    as "Heroin Dependence" name the condition studied, not an outcome measured."""
    return _named(_OUTCOME_PATTERNS, article, mesh=False)


def triage(article: Article) -> tuple[Design, str, int | None]:
    """(design, population, sample size): what the cache stores per record for ranking and
    filtering, without the named interventions and outcomes, which take half the time of
    ``assess`` and are only shown for records on screen."""
    facts = _facts(article)
    slug, _ = _classify(facts)
    return DESIGNS[slug], _population(facts, slug), _sample_size(facts, slug)


def assess(article: Article) -> Assessment:
    """Design, population, size, named interventions and outcomes, and warning flags."""
    facts = _facts(article)
    slug, basis = _classify(facts)
    return Assessment(
        design=DESIGNS[slug],
        population=_population(facts, slug),
        basis=basis,
        sample_size=_sample_size(facts, slug),
        interventions=interventions(article),
        outcomes=outcomes(article),
        retracted=article.retracted,
        has_erratum=article.has_erratum,
        expression_of_concern=article.expression_of_concern,
    )
