"""Extractive bottom lines: the one or two sentences of an abstract a reader should see (pure).

A bottom line is evidence, not opinion: every sentence shown is copied verbatim from the record,
never rephrased, so a reader can trust it as the authors' own words. ``bottom_line`` prefers
the authors' conclusions section of a structured abstract; otherwise it scores the abstract's
sentences with the weights of ``scorer_weights`` (the one place they are documented):

    conclusion cues ("these findings suggest", "we conclude", "may", present-tense claims)
  + position (later is better, the last sentence best)
  + repetition of the title's subject words and of the query's concepts
  - penalties for methods, aims, gaps in knowledge, calls for more research, statistics
    and number-heavy sentences, and for sentences in background or methods sections

and shows the best sentence, with its better neighbour when that scores well too, in
document order. For an abstract without a conclusions section, ``conclusion`` adjusts the
scores and says which sentences may be shown: the closing finding is favoured, background
and definition sentences are penalised, and a paragraph's first third is passed over while
a later sentence states a finding. Registration, funding and copyright lines are never shown.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from withdrawal_lit.records import AbstractSection, Article

if TYPE_CHECKING:
    from withdrawal_lit.design import Assessment

# -- Sentence splitting --------------------------------------------------------------------
# Tokens that end in a full stop without ending a sentence (compared lower-case, without the
# final stop). "no" only counts before a digit ("No. 5"); "al" only after "et".
ABBREVIATIONS = frozenset(
    {
        "al",
        "e.g",
        "i.e",
        "vs",
        "v",
        "cf",
        "ca",
        "approx",
        "fig",
        "figs",
        "eq",
        "ref",
        "refs",
        "vol",
        "resp",
        "incl",
        "dr",
        "st",
        "mt",
        "mr",
        "mrs",
        "ms",
        "prof",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "viz",
        "sp",
        "spp",
        "subsp",
        "var",
        "korth",  # botanical author: Mitragyna speciosa (Korth.) Havil.
        "havil",
    }
)
# Words after which a single capital letter names a thing ("hepatitis C.", "group B.") rather
# than being a person's initial ("by J. Smith"), so the stop after it can end a sentence.
DESIGNATORS = frozenset(
    {
        "hepatitis",
        "vitamin",
        "group",
        "groups",
        "type",
        "class",
        "phase",
        "grade",
        "schedule",
        "table",
        "figure",
        "arm",
        "part",
        "kinase",
        "factor",
        "step",
        "stage",
        "level",
        "model",
        "cohort",
        "condition",
        "site",
        "appendix",
        "panel",
        "protein",
    }
)
# Words that commonly open a sentence: after "U.S." or "a.m." they mark a sentence end.
SENTENCE_STARTERS = frozenset(
    [
        "The",
        "This",
        "These",
        "Those",
        "We",
        "Our",
        "In",
        "It",
        "Its",
        "A",
        "An",
        "Among",
        "Although",
        "However",
        "Moreover",
        "Furthermore",
        "Overall",
        "Participants",
        "Patients",
        "Results",
        "Conclusions",
        "There",
        "Such",
        "Most",
        "All",
        "No",
        "Both",
        "Further",
        "Future",
        "Finally",
        "Thus",
        "Here",
        "To",
        "Data",
        "Of",
    ]
)
# Words before a person's initial ("by J. Smith", "and A. Jones").
_NAME_LEADS = frozenset({"by", "and", "with", "from", "to", "of", "et"})
_CANDIDATE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_INTERNAL_STOPS = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")
_LIST_NUMBER = re.compile(r"^\(?\d{1,2}$")
_NEXT_WORD = re.compile(r"\s+(\S+)")
_CONTEXT_CHARS = 120


def _opens_sentence(word: str) -> bool:
    """Whether the next word may start a sentence (not a lower-case continuation)."""
    first = word[0]
    if first.isdigit() or not first.isalpha():
        return True
    if first.isupper():
        return True
    if "\u0370" <= first <= "\u03ff":  # Greek: "μ-Opioid ..." and "κ-opioid ..." open sentences
        return True
    # "mRNA", "pH", "iPSCs": lower-case first letter but a capital inside the word.
    return any(c.isupper() for c in word[1:])


def _is_boundary(before: str, stop: str, next_word: str) -> bool:
    """Does the punctuation run ``stop`` close a sentence, given the text ``before`` it (the
    last few words are enough) and the ``next_word`` after it?"""
    if not _opens_sentence(next_word):
        return False
    if stop[0] in "!?" or stop[-1] in "\"'”’)]":
        return True
    words = before.rsplit(None, 2)  # the rules read the last two words only
    if not words:
        return False
    token = words[-1].lstrip("([\"'“‘")
    lowered = token.lower()
    if lowered == "al":
        return len(words) < 2 or words[-2].lower() != "et"
    if lowered == "no":
        return not next_word[0].isdigit()
    if lowered in ABBREVIATIONS:
        return False
    if _INTERNAL_STOPS.match(token):  # "U.S", "a.m", "Ph.D"
        return next_word.strip("\"'“‘(") in SENTENCE_STARTERS
    if len(token) == 1 and token.isupper():  # an initial, or "hepatitis C"
        previous = words[-2] if len(words) > 1 else ""
        return previous.lower() in DESIGNATORS or (
            previous.isalpha() and previous.islower() and previous not in _NAME_LEADS
        )
    if _LIST_NUMBER.match(token):  # "1." opening a numbered item, not "... was 12."
        previous = words[-2] if len(words) > 1 else ""
        return bool(previous) and previous[-1] not in ":;.!?"
    return True


def split_sentences(text: str) -> list[str]:
    """Split abstract text into sentences; each is an exact substring of ``text``, stripped.

    A stop ends a sentence when whitespace and a word that may open one follow, unless the
    token before it is an abbreviation ("et al.", "e.g.", "Fig.", "vs.", "St."), an initial
    ("J. Smith"), an item number ("1."), or an internally dotted abbreviation ("U.S.") not
    followed by a typical sentence opener. Decimals and ".001" never end one (no space follows).
    """
    sentences = []
    start = 0
    for m in _CANDIDATE_END.finditer(text):
        following = _NEXT_WORD.match(text, m.end())
        if following is None:
            continue
        # The rules read two words of the current sentence; a window keeps splitting linear.
        before = text[max(start, m.start() - _CONTEXT_CHARS) : m.start()]
        if _is_boundary(before, m.group(), following.group(1)):
            piece = text[start : m.end()].strip()
            if piece:
                sentences.append(piece)
            start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# -- Bottom line ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Summary:
    sentences: tuple[str, ...]
    source: str  # "conclusions" | "scored" | "title-only" | "none"

    @property
    def text(self) -> str:
        if self.source == "none":
            return "No abstract available."
        return " ".join(self.sentences)


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

_WEIGHTS: dict = {
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
_CUES = tuple((re.compile(p, re.IGNORECASE), w) for p, w in _WEIGHTS["cues"].items())
_METHOD = re.compile(
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
_AIM = re.compile(
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
_BACKGROUND = re.compile(
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
_AGENDA = re.compile(
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
_ANAPHORA = re.compile(
    r"^(?:it|its|they|their|such|(?:this|these|those)\s+(?:is|are|was|were|"
    r"suggests?|indicates?|shows?|means?|explains?|makes?|may|might|can|could|would|"
    r"highlights?|underlines?))\b",
    re.IGNORECASE,
)
_STATISTICS = re.compile(
    r"\bbetween (?:the )?(?:two |treatment |study )?groups\b|\bvs\.?\s|\bp\s*[<=>]|\b95%"
    r"|\b(?:odds|hazard|risk|rate) ratio\b|\bmean difference\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Words of a title that say nothing about its subject.
_TITLE_STOPWORDS = frozenset(
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
_WORD = re.compile(r"[^\W\d_]+")


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _content_words(text: str) -> set[str]:
    stems = {_stem(w) for w in _WORD.findall(text)}
    return {w for w in stems if w not in _TITLE_STOPWORDS}


def scorer_weights() -> dict:
    """The weights ``bottom_line`` scores sentences with (a copy: the one documented place)."""
    return copy.deepcopy(_WEIGHTS)


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int  # document order over the whole abstract
    text: str
    section: AbstractSection | None


def _is_conclusion(section: AbstractSection) -> int | None:
    """Rank of the section among conclusion kinds (0 best), or None."""
    label = (section.label or "").strip().rstrip(":")
    for rank, pattern in enumerate(CONCLUSION_LABELS):
        if label and pattern.search(label):
            return rank
    if (section.category or "").upper() == "CONCLUSIONS":
        return len(CONCLUSION_LABELS)
    return None


def _usable(sentence: str) -> bool:
    return not BOILERPLATE_SENTENCE.search(sentence)


def _fit(sentences: Sequence[str], limit: int, max_chars: int) -> tuple[str, ...]:
    """The first sentence, then more while they fit in ``max_chars`` (up to ``limit``)."""
    from withdrawal_lit.conclusion import is_cut

    chosen = [sentences[0]]
    for sentence in sentences[1:limit]:
        if len(" ".join([*chosen, sentence])) > max_chars or is_cut(sentence):
            break
        chosen.append(sentence)
    return tuple(chosen)


def _conclusions(article: Article, limit: int) -> tuple[str, ...]:
    ranked = [
        (rank, i, s)
        for i, s in enumerate(article.abstract_sections)
        if (rank := _is_conclusion(s)) is not None and not BOILERPLATE_SECTION.search(s.label or "")
    ]
    for _, _, section in sorted(ranked, key=lambda r: (r[0], r[1])):
        sentences = [s for s in split_sentences(section.text) if _usable(s)]
        if sentences:
            return _fit(sentences, limit, _WEIGHTS["max_chars"])
    return ()


def _concept_patterns(concepts: Sequence[Sequence[str]]) -> list[re.Pattern]:
    """One pattern per synonym group; a trailing * truncates as in PubMed ("opioid*")."""
    patterns = []
    for group in concepts:
        alternatives = []
        for term in group:
            term = term.strip().strip('"')
            if not term:
                continue
            if term.endswith("*"):
                alternatives.append(re.escape(term[:-1]) + r"\w*")
            else:
                alternatives.append(re.escape(term))
        if alternatives:
            patterns.append(
                re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
            )
    return patterns


def score_sentence(
    sentence: str,
    position: float,
    is_last: bool,
    *,
    section: AbstractSection | None = None,
    title_words: set[str] | frozenset[str] = frozenset(),
    concepts: Sequence[re.Pattern] = (),
) -> float:
    """Score one sentence; ``position`` runs from 0 (first) to 1 (last) in the abstract."""
    w = _WEIGHTS
    score = _cue(sentence)
    score += w["position"] * position + (w["last"] if is_last else 0.0)
    if title_words:
        score += w["title"] * len(title_words & _content_words(sentence)) / len(title_words)
    score += w["concept"] * sum(1 for p in concepts if p.search(sentence))
    for name, pattern in (
        ("method", _METHOD),
        ("aim", _AIM),
        ("background", _BACKGROUND),
        ("agenda", _AGENDA),
        ("statistics", _STATISTICS),
    ):
        if pattern.search(sentence):
            score += w[name]
    numbers = len(_NUMBER.findall(sentence))
    if numbers >= 4 and numbers > 0.15 * len(sentence.split()):
        score += w["numbers"]
    if section is not None and (
        (section.category or "").upper() in PREAMBLE_CATEGORIES
        or (section.label and PREAMBLE_SECTION.match(section.label))
    ):
        score += w["preamble_section"]
    if len(sentence) < 30:
        score += w["short"]
    return score


def _cue(sentence: str) -> float:
    """The conclusion-cue part of a sentence's score (capped)."""
    return min(
        sum(weight for pattern, weight in _CUES if pattern.search(sentence)), _WEIGHTS["cue_cap"]
    )


def _candidates(article: Article) -> list[_Candidate]:
    """Usable sentences of the abstract, split section by section, in document order."""
    structured = any(s.label or s.category for s in article.abstract_sections)
    found: list[_Candidate] = []
    for section in article.abstract_sections:
        if section.label and BOILERPLATE_SECTION.search(section.label):
            continue
        for sentence in split_sentences(section.text):
            if _usable(sentence):
                found.append(_Candidate(len(found), sentence, section if structured else None))
    return found


def _scored(article: Article, concepts: Sequence[Sequence[str]], limit: int) -> tuple[str, ...]:
    """The best sentences by ``score_sentence``, as ``conclusion`` adjusts and restricts them
    (closing sentences favoured, background penalised, not the first third of a paragraph)."""
    from withdrawal_lit import conclusion

    candidates = _candidates(article)
    if not candidates:
        return ()
    texts = [c.text for c in candidates]
    texts[-1], truncated = conclusion.strip_truncation(texts[-1])
    if not texts[-1]:
        texts, candidates = texts[:-1], candidates[:-1]
        if not candidates:
            return ()
    patterns = _concept_patterns(concepts)
    title_words = _content_words(article.title)
    last = len(candidates) - 1
    base = [
        score_sentence(
            texts[i],
            c.index / last if last else 1.0,
            c.index == last,
            section=c.section,
            title_words=title_words,
            concepts=patterns,
        )
        for i, c in enumerate(candidates)
    ]
    structured = any(c.section is not None for c in candidates)
    sentences = conclusion.Sentences(
        texts,
        agenda=[bool(_AGENDA.search(text)) for text in texts],
        cues=[_cue(text) for text in texts],
        structured=structured,
    )
    pool = sentences.eligible()
    scores = sentences.adjusted(base, pool, truncated)
    # Highest score wins; on a tie the later sentence (closer to the conclusion).
    best = max(pool, key=lambda i: (scores[i], i))
    chosen = [best]
    if limit > 1 and not conclusion.is_cut(texts[best]):
        if _ANAPHORA.match(texts[best]) and best - 1 in pool:
            neighbours = [best - 1]
        else:
            neighbours = sorted(
                (i for i in (best - 1, best + 1) if i in pool),
                key=lambda i: scores[i],
                reverse=True,
            )[:1]
            neighbours = [
                i
                for i in neighbours
                if scores[i] >= _WEIGHTS["second_min_score"] and sentences.may_follow(i)
            ]
        budget = _WEIGHTS["max_chars"] - len(texts[best]) - 1
        chosen.extend(i for i in neighbours if len(texts[i]) <= budget)
    return tuple(texts[i] for i in sorted(chosen))


def bottom_line(
    article: Article, concepts: Sequence[Sequence[str]] = (), max_sentences: int = 2
) -> Summary:
    """One or two verbatim sentences that say what the paper found.

    Order: the first sentences of a conclusions section ("conclusions"); else the best-scored
    sentences of the abstract, returned in document order ("scored"); an abstract with no
    usable sentence (only registration or copyright lines) falls back to the title
    ("title-only"); no abstract gives ``Summary((), "none")``.
    """
    limit = max(1, max_sentences)
    if not article.abstract.strip():
        return Summary((), "none")
    sentences = _conclusions(article, limit)
    source = "conclusions"
    if not sentences:
        sentences, source = _scored(article, concepts, limit), "scored"
    if not sentences:
        if not article.title.strip():
            return Summary((), "none")
        sentences, source = (article.title.strip(),), "title-only"
    record_text = article.title if source == "title-only" else article.abstract
    assert all(s in record_text for s in sentences), "bottom line must be verbatim"
    return Summary(sentences, source)


def key_facts(article: Article, assessment: Assessment) -> dict:
    """What a renderer shows beside the bottom line, as plain values."""
    flags = [
        name
        for name, present in (
            ("retracted", assessment.retracted),
            ("expression of concern", assessment.expression_of_concern),
            ("erratum", assessment.has_erratum),
        )
        if present
    ]
    return {
        "pmid": article.pmid,
        "design": assessment.design.label,
        "evidence_level": assessment.design.level,
        "population": assessment.population,
        "n": assessment.sample_size,
        "interventions": list(assessment.interventions),
        "outcomes": list(assessment.outcomes),
        "flags": flags,
    }
