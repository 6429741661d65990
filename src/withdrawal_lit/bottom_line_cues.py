"""The vocabulary of bottom lines: scorer weights and the patterns they apply to (data).

``summarize`` holds the rules that use them; ``WEIGHTS`` is the one documented place of the
weights (``summarize.scorer_weights`` hands out a copy).
"""

from __future__ import annotations

import re

# Labels of the sections that hold the authors' conclusions, best first.
CONCLUSION_LABELS: tuple[re.Pattern, ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"conclu",  # CONCLUSION(S), CONCLUSIONS AND RELEVANCE, AUTHORS' CONCLUSIONS
        r"^interpretation",
        r"implications",
        r"^discussion",
    )
)
# Sections that describe the question and the methods, not findings.
PREAMBLE_SECTION = re.compile(
    r"^(background|introduction|context|rationale|objectives?|aims?|purpose|goals?|"
    r"hypothesis|methods?|materials|design|setting|participants|subjects|patients|"
    r"interventions?|measure|main outcome|outcome measures|data sources|data collection|"
    r"data extraction|study selection|selection criteria|search|eligibility|review methods|"
    r"procedures?|study design|experimental design)",
    re.IGNORECASE,
)
PREAMBLE_CATEGORIES = frozenset({"BACKGROUND", "OBJECTIVE", "METHODS"})
# Sections and sentences that are never a bottom line: registrations, funding, copyright.
BOILERPLATE_SECTION = re.compile(
    r"(registration|funding|trial number|prospero|level of evidence|key ?words|copyright|"
    r"disclosure|conflicts? of interest)",
    re.IGNORECASE,
)
BOILERPLATE_SENTENCE = re.compile(
    r"^(?:trial registration|clinical ?trials?\.gov|registration|funding|funded by|copyright|"
    r"\(c\) \d{4}|level of evidence|prospero)|©|all rights reserved|\bpublished by\b"
    r"|\bNCT\d{8}\b|\bCRD\d{6,}\b|\bISRCTN\d+\b|\bthis article is protected by copyright",
    re.IGNORECASE,
)

WEIGHTS: dict = {
    # Phrases that mark a conclusion; each pattern counts once, the sum is capped.
    "cues": {
        r"\bin (?:conclusion|summary)\b|\bto conclude\b|\bwe conclude\b|\bconclu(?:de|ded|sion)": (
            3.0
        ),
        r"\b(?:these|our|the present|the current|this study'?s?) (?:findings|results|data|"
        r"observations)\b": 2.0,
        r"\btaken together\b|\boverall,": 1.0,
        r"\bsuggest(?:s|ing)?\b|\bsuggested that\b": 1.5,
        r"\bindicat(?:e|es|ed|ing)\b": 1.0,
        r"\bsupport(?:s|ed|ing)?\b": 1.0,
        r"\bmay\b|\bmight\b|\bcould\b": 1.0,
        r"\bwarrant(?:s|ed)?\b": 1.0,
        r"\b(?:further|future|more) (?:research|studies|investigation|trials|work)\b": 0.5,
        r"\b(?:demonstrat|show)(?:e|es|ed|s|n)?\b": 0.5,
        r"\b(?:effective|efficacious|safe|well tolerated|associated with|improv\w*|"
        r"reduc\w*|did not|no (?:significant|difference))\b": 0.5,
        r"\b(?:clinicians?|practice|treatment option|public health|regulat\w+|policy)\b"
        r"|\bshould\s+(?:be\s+)?consider\w*": 0.5,
        # A recommendation of a guideline or panel.
        r"\b(?:we|the panel|the committee|the guideline|this guideline|the (?:working|expert) "
        r"group)\s+(?:strongly\s+|therefore\s+)?recommends?\b": 3.0,
        # A finding stated as general: "consistent across subgroups", "regardless of".
        r"\bconsistent(?:ly)?\b|\bregardless of\b|\bin (?:all|both) (?:groups|subgroups)\b": 1.0,
        # A general claim in the present tense ("X is", "X can cause", "X reduces") rather
        # than a single result in the past tense ("X reduced Y by 40%").
        r"\b(?:is|are|can|appears?|seems?|represents?|provides?|remains?|should|offers?|"
        r"carries|follows?|occurs?|resolves?|causes?|produces?|reduces|improves|increases|"
        r"decreases|attenuates|relieves|alleviates|prevents|combines|differs?|depends?|"
        r"explains?|requires?|inhibits|induces|enhances|affects|alters|modulates|limits|"
        r"predicts|contributes|allows|facilitates|worsens|impairs|protects|lowers|raises|"
        r"resembles|mirrors|persists|helps|eases|blocks|activates|binds|poses|constitutes)\b": (
            1.0
        ),
    },
    "cue_cap": 5.0,
    # Later sentences are favoured: weight × relative position (first 0 ... last 1), and the
    # last sentence gets a further bonus, because abstracts end with their conclusions.
    "position": 1.5,
    "last": 1.0,
    # × the share of the title's content words the sentence repeats: a sentence about the
    # paper's own subject stands alone better than one about a detail.
    "title": 2.0,
    # Per concept (synonym group) of the query that the sentence names.
    "concept": 1.0,
    # Penalties.
    "method": -2.5,  # says what was done, not what was found
    "aim": -2.0,  # states the question or purpose
    "background": -1.5,  # states a gap ("little is known", "no trial has been")
    "agenda": -4.0,  # only asks for more research ("Larger trials are needed.")
    "statistics": -1.0,  # reports a comparison: p values, intervals, ratios, "between groups"
    "numbers": -1.5,  # mostly figures: at least 4 numbers, over 15% of the words
    "preamble_section": -3.0,  # in a BACKGROUND/OBJECTIVE/METHODS section
    "short": -1.0,  # under 30 characters: a fragment
    # Conclusions come in one block, so a second sentence can only be a neighbour of the best
    # one: the better-scoring neighbour is shown if it scores at least this much and both fit
    # in max_chars. A best sentence that opens with a pronoun ("It may...") always brings the
    # sentence before it, which says what the pronoun means. Conclusion sections fill up to
    # max_chars too (their first sentence is always shown).
    "second_min_score": 2.5,
    "max_chars": 320,
}
CUES = tuple((re.compile(p, re.IGNORECASE), w) for p, w in WEIGHTS["cues"].items())
METHOD = re.compile(
    r"^(?:we|the authors)\s+(?:systematically\s+)?(?:searched|conducted|performed|did|"
    r"recruited|enrolled|randomi[sz]ed|analy[sz]ed|used|collected|administered|assessed|"
    r"measured|examined|evaluated|reviewed|compared|surveyed|identified|included|extracted|"
    r"followed|linked|docked|characteri[sz]ed|retrospectively|prospectively)\b"
    r"|\b(?:were|was)\s+(?:recruited|enrolled|randomi[sz]ed|randomly assigned|collected|"
    r"administered|extracted|screened|searched|used to|obtained|calculated|performed|"
    r"conducted|distributed|analy[sz]ed|assessed|measured|rated|recorded|quantified|scored|"
    r"made dependent)\b"
    r"|\bdatabases?\b|\b(?:design|setting|methods?)\s*:|^in this\s+(?:[\w-]+,?\s+)"
    r"{0,5}(?:study|trial)\b",
    re.IGNORECASE,
)
AIM = re.compile(
    r"^(?:the\s+)?(?:aims?|objectives?|purpose|goals?)\s+(?:of|was|were|is)\b"
    r"|\b(?:this|these|the present|our|the current)\s+(?:\w+\s+)?(?:study|review|trial|"
    r"analysis|survey|report|article|paper|guideline|recommendations|statement)\s+"
    r"(?:aimed|aims?|sought|was designed|seeks|is intended|are intended|summari[sz]es|"
    r"examines|addresses|describes)\b"
    r"|^we\s+(?:aimed|sought|hypothesi[sz]ed|set out)\b"
    r"|^to\s+(?:assess|evaluate|examine|determine|investigate|compare|describe|explore|"
    r"characteri[sz]e|estimate|review|test)\b",
    re.IGNORECASE,
)
BACKGROUND = re.compile(
    r"\blittle is known\b|\b(?:is|are|remains?) (?:poorly|not well|incompletely) "
    r"(?:understood|characteri[sz]ed|known)\b|\bfew studies\b|\bno (?:\w+\s+)?(?:studies|study|"
    r"trials?)\s+(?:has|have)\b|\b(?:has|have) not been\b|\b(?:is|are) (?:increasingly|widely|"
    r"commonly) used\b|\b(?:is|are|remains?) (?:unknown|unclear|uncertain|debated|contested|"
    r"scarce|limited)\b"
    # What other work found is context, not this paper's conclusion.
    r"|\b(?:a|recent|previous|prior|earlier|animal|preclinical|other|several|some|many)\s+"
    r"(?:\w+\s+)?(?:meta-analys[ie]s|studies|trials|reviews|reports)\s+(?:have\s+)?(?:found|"
    r"show|showed|shown|reported|suggest|suggested|demonstrated|indicate)\b",
    re.IGNORECASE,
)
# Sentences that only ask for more work: they follow a conclusion, they are not one.
AGENDA = re.compile(
    r"^(?:an?\s+)?(?:further|future|more|larger|additional|prospective|controlled|clinical|"
    r"randomi[sz]ed|"
    r"well-designed|rigorous|adequately|long-term|high-quality|longer)\b[^.]*\b(?:needed|"
    r"warranted|required|necessary|should (?:establish|determine|test|examine|assess|clarify|"
    r"confirm|address))\b"
    r"|^whether\b.*\bremains? to be\b"
    r"|^(?:further|future|more) (?:research|studies|work|investigation|trials)\b"
    r"|\b(?:supports?|warrants?|justif(?:y|ies)|merits?|encourages?)\s+(?:further|future|more|"
    r"additional)\s+(?:\w+\s+){0,3}?(?:study|studies|research|investigation|trials|evaluation)\b",
    re.IGNORECASE,
)
# Openers that point back to the previous sentence ("It may...", "This suggests..."); "he" and
# "she" of a case report name the patient and stand alone.
ANAPHORA = re.compile(
    r"^(?:it|its|they|their|such|(?:this|these|those)\s+(?:is|are|was|were|"
    r"suggests?|indicates?|shows?|means?|explains?|makes?|may|might|can|could|would|"
    r"highlights?|underlines?))\b",
    re.IGNORECASE,
)
STATISTICS = re.compile(
    r"\bbetween (?:the )?(?:two |treatment |study )?groups\b|\bvs\.?\s|\bp\s*[<=>]|\b95%"
    r"|\b(?:odds|hazard|risk|rate) ratio\b|\bmean difference\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Words of a title that say nothing about its subject.
TITLE_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "for",
        "and",
        "or",
        "to",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "vs",
        "versus",
        "after",
        "during",
        "among",
        "its",
        "their",
        "than",
        "into",
        "without",
        "within",
        "between",
        "via",
        "toward",
        "towards",
        "use",
        "using",
        "study",
        "trial",
        "review",
        "systematic",
        "meta",
        "analysis",
        "randomized",
        "randomised",
        "controlled",
        "placebo",
        "double",
        "blind",
        "single",
        "open",
        "label",
        "case",
        "report",
        "series",
        "cohort",
        "cross",
        "sectional",
        "survey",
        "pilot",
        "prospective",
        "retrospective",
        "results",
        "evidence",
        "update",
        "focused",
        "clinical",
        "multicentre",
        "multicenter",
        "national",
        "efficacy",
        "effectiveness",
        "safety",
        "outcome",
        "effect",
        "comparative",
        "comparison",
        "pooled",
        "phase",
        "two",
        "three",
        "new",
    ]
)
WORD = re.compile(r"[^\W\d_]+")
