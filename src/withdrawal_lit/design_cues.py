"""Text cues of study designs and populations, as lowercase regexes (data; the rules that
read them are in ``design``, ``design_facts`` and ``sample_size``)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_UPPERCASE_LITERAL = re.compile(r"(?<!\\)[A-Z]")


def cue(pattern: str) -> re.Pattern[str]:
    """A text cue, matched against the lowercased text of ``StudyText``.

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
WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)"
)

# Sentences that speak of what should be done, or of what is missing, are not this study.
HEDGE = cue(
    r"\b(needed|warranted|required|future|should|lack(?:s|ing)?|absence|would|no (?:published )?"
    r"(?:randomi[sz]ed|controlled|clinical)|remains? to be|are scarce|is scarce)\b",
)
# Section labels whose text describes earlier work, not this study.
BACKGROUND_LABELS = re.compile(r"^(background|introduction|context|rationale|importance)", _I)
BACKGROUND_CATEGORIES = frozenset({"BACKGROUND"})

CUE_META_ANALYSIS_TITLE = cue(r"meta-?analy[sz][ie]s|pooled analysis")
CUE_META_ANALYSIS = cue(
    r"\b(?:we|this|the present|the current|our)\s+(?:systematic review and\s+)?meta-?analy"
    r"|\bmeta-?analy[sz][ie]s\s+(?:was|were)\s+(?:conducted|performed|undertaken|carried out)"
    r"|\bwere\s+(?:pooled|meta-?analy[sz]ed)|\brandom[- ]effects?\b|\bfixed[- ]effects?\b"
    r"|\bpooled\s+(?:estimate|prevalence|effect|odds|risk|relative|mean|standardi[sz]ed|"
    r"analysis|data|incidence|rate|sensitivity)",
)
CUE_SYSTEMATIC_TITLE = cue(
    r"\b(?:systematic(?:ally)?|scoping|umbrella|rapid)\s+(?:literature\s+)?review",
)
CUE_SYSTEMATIC = cue(
    r"\b(?:we|this|the present|the current|our)\s+(?:conducted\s+|performed\s+|undertook\s+|"
    r"carried out\s+)?(?:a\s+)?(?:systematic|scoping|umbrella|rapid)\s+(?:literature\s+)?review"
    r"|\bsystematic(?:ally)?\s+search|\bsearched\s+systematically|\bprisma\b|\bprospero\b"
    r"|\b(?:\d+|" + WORDNUM + r")\s+(?:\w+\s+){0,2}(?:studies|trials|articles|reports|papers)\s+"
    r"(?:were|was)\s+included|\b(?:studies|trials|articles|reports)\s+met\s+(?:the\s+)?"
    r"(?:inclusion|eligibility)",
)
CUE_GUIDELINE_TITLE = cue(
    r"\bguidelines?\b|\bconsensus statement|\bposition statement|\bpractice parameter"
    r"|\brecommendations\s+(?:for|on|from)\b",
)
CUE_GUIDELINE = cue(
    r"\b(?:this|these|the present)\s+(?:\w+\s+){0,2}(?:guideline|consensus statement|"
    r"recommendations)\b|\bexpert panel\b|\brecommendations were (?:developed|formulated)"
    r"|\bdelphi\b|\bconsensus (?:process|conference|panel)\b",
)
CUE_CASE_TITLE = cue(
    r"\bcase reports?\b|\bcase series\b|\ba case of\b|\breport of (?:a|an|\w+) cases?\b"
    r"|\bin an? (?:\w+[- ])?(?:\d+[- ](?:year|month|week|day)[- ]old\s+)?"
    r"(?:man|woman|patient|neonate|newborn|infant|boy|girl)\b",
)
CUE_CASE = cue(
    r"\bwe\s+(?:report|present|describe)\s+(?:a|an|the|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,2})\s+(?:\w+[- ]){0,3}?(?:cases?|patients?|man|woman|men|women|neonates?|"
    r"newborns?|infants?|boy|girl|\d+[- ](?:year|month|week|day)[- ]old)\b"
    r"|\bcase series\b|\bcase report\b"
    r"|\b(?:a|an)\s+\d+[- ](?:year|month|week|day)[- ]old\s+(?:\w+\s+)?(?:man|woman|male|"
    r"female|boy|girl|patient|infant|neonate)\s+(?:presented|was|with|who|developed)\b",
)
CUE_REVIEW_TITLE = cue(r"\b(?:review|overview)\b")
CUE_REVIEW = cue(
    r"\b(?:this|the present|our)\s+(?:\w+\s+)?review\b|\bwe\s+(?:review|summari[sz]e|discuss)"
    r"\s+(?:the\s+)?(?:current|available|existing|recent|published|literature|evidence|"
    r"pharmacology|state)|\breview(?:s|ed)?\s+(?:of\s+)?the\s+(?:current\s+|available\s+|"
    r"existing\s+|published\s+)?(?:literature|evidence)\b|\bliterature review\b"
    r"|\bnarrative review\b|\bthis (?:article|paper|chapter)\s+(?:reviews|summari[sz]es|"
    r"discusses|provides an overview)",
)
_SPECIES = r"(?:rats|mice|zebrafish|rodents|animals|larvae|monkeys|dogs)"
CUE_ANIMAL_TITLE = cue(
    r"\b(?:rats?|mice|mouse|murine|zebrafish|rodents?|rat model|mouse model)\b",
)
CUE_ANIMAL = cue(
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
CUE_HUMAN = cue(
    r"\b(?:\d[\d,]*|" + WORDNUM + r")\s+(?:[\w-]+\s+){0,3}?" + _HUMAN_NOUNS + r"\b"
    r"|\b(?:patients|participants|volunteers|respondents|individuals|veterans|adults)\s+"
    r"(?:were|who|with|completed|received|reported|enrolled)\b"
    r"|\b(?:enrolled|recruited)\b|\b(?:a|an)\s+\d+[- ]year[- ]old\b",
)
CUE_IN_VITRO = cue(
    r"\bin vitro\b|\bin silico\b|\breceptor binding\b|\bbinding (?:affinit(?:y|ies)|assays?)\b"
    r"|\bradioligand\b|\b(?:hek[- ]?293|cho|hepg2|sh-sy5y)\b|\bcell lines?\b|\bdocking\b"
    r"|\bmolecular dynamics\b|\bliver microsomes\b|\bhepatocytes\b|\b(?:cultured|transfected)\s+"
    r"cells\b|\bgtp[γg]s\b|\b(?:β|beta)-arrestin",
)
CUE_RANDOMISED = cue(
    r"(?<!non-)(?<!not )(?<!quasi-)(?<!without )\brandomi[sz](?:ed|ation)\b"
    r"|\brandomly\s+(?:assigned|allocated)\b",
)
CUE_TRIAL = cue(
    r"\bopen[- ]label\b|\bsingle[- ]arm\b|\bnon-?randomi[sz]ed\b|\buncontrolled\b"
    r"|\b(?:double|single)[- ]blind(?:ed)?\b|\bplacebo[- ]controlled\b"
    r"|\bcross-?over\s+(?:study|trial|design)\b|\bphase\s+(?:i{1,3}v?|[1-4])[ab]?\s+"
    r"(?:\w+\s+)?(?:study|trial)\b|\bclinical trial\b|\bpilot (?:study|trial)\b"
    r"|\bdose[- ]escalation\b|\b(?:this|our|the present)\s+(?:[\w-]+\s+){0,3}?trial\b",
)
CUE_CASE_CONTROL = cue(r"\bcase[- ]control\b|\bmatched controls?\b")
CUE_CROSS_SECTIONAL = cue(r"\bcross[- ]sectional\b")
CUE_COHORT = cue(
    r"\bcohort\b|\b(?:prospective|retrospective|longitudinal|population-based)\s+"
    r"(?:\w+\s+){0,2}(?:study|analysis|review|follow-up)\b|\bchart review\b"
    r"|\b(?:medical|health|electronic health|clinical) records\b|\bclaims (?:data|database)\b"
    r"|\bregistry\b|\bpoison (?:control |information )?cent(?:er|re)s?\b",
)
CUE_SURVEY = cue(
    r"\bsurvey(?:ed|s)?\b|\bquestionnaires?\b|\brespondents\b|\bqualitative\b"
    r"|\bsemi-structured interviews?\b|\bfocus groups?\b|\bthematic(?:ally)? analy",
)
CUE_CASE_SERIES = cue(r"\bcase series\b")

# Broad cues for what a review or commentary covers (it has no subjects of its own).
REVIEW_HUMAN = cue(
    r"\b(?:patients|humans?|participants|people|users|clinical (?:studies|trials|data|evidence)"
    r"|case reports|volunteers|respondents|adults)\b",
)
REVIEW_ANIMAL = cue(
    r"\b(?:animals?|rats?|mice|mouse|rodents?|preclinical|zebrafish|murine)\b",
)
