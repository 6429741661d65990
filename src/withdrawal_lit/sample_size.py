"""The study total an abstract names: participants, animals or cases (pure)."""

from __future__ import annotations

from withdrawal_lit.design_cues import NUMBER_WORDS, WORDNUM, cue
from withdrawal_lit.design_facts import Facts
from withdrawal_lit.design_vocabulary import SIZED_DESIGNS

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
COUNT_DIGITS = cue(_NUMBER + _COUNTED)
COUNT_WORDS = cue(r"(?=[eftnos])\b(" + WORDNUM + r")" + _COUNTED)
N_EQUALS = cue(r"(?<![\w])n\s*[=:]\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\d)")
TOTAL_OF = cue(r"\ba total of\s+(\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*%)")
# After a count: "per group", "screened", "studies" make it not the study total.
_NOT_TOTAL_AFTER = cue(
    r"^\s*(?:[–-]\s*\d+\s*)?(?:\)\s*)?(?:per\b|/|each\b|in each\b|(?:were\s+)?(?:screened|"
    r"invited|approached|contacted|assessed for eligibility)\b|%|(?:studies|trials|articles|"
    r"records|citations|publications|reports|papers|abstracts|samples|mg|doses)\b)",
)
_YEAR_BEFORE = cue(r"\b(?:in|from|since|between|during|until|through|by|to|and)\s*$")
_SUM_GAP = cue(r"^\s*(?:[\w-]+,?\s+){0,4}?(?:and|versus|vs\.?)\s+$")
_CONTROLS = cue(r"\bcontrols\b")
_GAP_VERBS = cue(r"\b(?:were|was|are|is|had|have|completed|\w+ed)\b")
_SINGLE_CASE = cue(
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


def study_total(facts: Facts, slug: str) -> int | None:
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
