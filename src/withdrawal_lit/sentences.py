"""Sentence splitting for abstracts: each sentence an exact substring of the text (pure).

Used by ``summarize`` (bottom lines) and ``design_facts`` (design cues are read sentence by
sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache

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

    The design rules and the bottom line both read a record's sentences, and an export reads
    them for every question that found it: the last few hundred texts' splits are kept.

    A stop ends a sentence when whitespace and a word that may open one follow, unless the
    token before it is an abbreviation ("et al.", "e.g.", "Fig.", "vs.", "St."), an initial
    ("J. Smith"), an item number ("1."), or an internally dotted abbreviation ("U.S.") not
    followed by a typical sentence opener. Decimals and ".001" never end one (no space follows).
    """
    return list(_split(text))


@lru_cache(maxsize=512)
def _split(text: str) -> tuple[str, ...]:
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
    return tuple(sentences)
