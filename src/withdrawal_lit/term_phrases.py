"""Phrases in words typed side by side (pure): ``kratom opioid withdrawal`` is kratom and
opioid withdrawal, not three concepts.

PubMed's automatic term mapping first looks a run of unquoted words up as a phrase (a MeSH
heading or entry term such as "opioid withdrawal", "opioid receptor", "adverse effects") and
only splits what it cannot map. Ranking cannot ask MeSH, so it reads the run the way such
phrases are built: a head noun ("withdrawal", "receptor", "effects", "trial") with the words
that qualify it before it ("use", "adverse", "randomized"), then at most one substance
("opioid"), itself qualified only by a subtype ("mu opioid"). The substance must be one
MeSH files disorders under ("Opioid-Related Disorders", "Alcohol-Related Disorders", ...),
so "kratom withdrawal" stays kratom and withdrawal: the substance asked about, and its
harm. Everything else stays a word of its own, as before.
"""

from __future__ import annotations

import re

# Nouns a typed phrase ends in.
_HEAD = re.compile(
    r"(?:withdrawal|dependen(?:ce|cy)|addiction|abuse|misuse|disorders?|receptors?|agonists?|"
    r"effects|events|reactions|trials?|symptoms|syndromes?|disturbances?|injury|medicines?|"
    r"therap(?:y|ies)|treatments?|maintenance|detoxification|binding|studies|reports?|series|reviews?)"
)
# Substances that name whose withdrawal, receptor or disorder it is (one per phrase): those
# with a "...-Related Disorders" heading of their own, and drug/substance.
_SUBSTANCE = re.compile(
    r"(?:opioids?|opiates?|opium|heroin|morphine|methadone|buprenorphine|fentanyl|oxycodone|"
    r"alcohol|cocaine|stimulants?|methamphetamines?|amphetamines?|benzodiazepines?|cannabis|"
    r"marijuana|nicotine|tobacco|drugs?|substances?)"
)
# Heads a substance can qualify (its disorder, its receptor, its treatment).
_SUBSTANCE_HEAD = re.compile(
    r"(?:withdrawal|dependen(?:ce|cy)|addiction|abuse|misuse|disorders?|receptors?|agonists?|"
    r"symptoms|syndromes?|therap(?:y|ies)|treatments?|maintenance|detoxification)"
)
# Words that qualify a head (or a substance before it: "mu opioid receptor").
_QUALIFIER = re.compile(
    r"(?:mu|kappa|delta|adverse|side|withdrawal|sleep|randomi[sz]ed|controlled|clinical|"
    r"placebo|physical|precipitated|spontaneous|neonatal|acute|protracted|chronic|liver|"
    r"herbal|traditional|chinese|complementary|alternative|integrative|non-\w+|agonist|"
    r"maintenance|substitution|replacement|prescription|abstinence|case|cohort|observational|"
    r"systematic)"
)
# The only words that qualify a substance itself ("mu opioid", "prescription opioid").
_BEFORE_SUBSTANCE = re.compile(r"(?:mu|kappa|delta|prescription|illicit|synthetic)")
_SUBTYPE = re.compile(r"(?:mu|kappa|delta)")
_OPIOID = re.compile(r"(?:opioids?|opiates?)")
MAX_QUALIFIERS = 3
# Heads that finish a phrase already made ("opioid withdrawal symptoms").
_TAIL = re.compile(r"(?:symptoms|signs|syndromes?|scores?)")


def chunks(words: list[str]) -> list[str]:
    """``words`` (lower-case, in typed order) grouped into phrases and single words."""
    taken = [False] * len(words)
    spans: list[tuple[int, int]] = []
    for end, word in enumerate(words):
        if taken[end] or not _HEAD.fullmatch(word):
            continue
        start, substance, qualifiers = end, False, 0
        while start > 0 and not taken[start - 1]:
            before = words[start - 1]
            if not substance and _SUBSTANCE.fullmatch(before) and _SUBSTANCE_HEAD.fullmatch(word):
                substance = True
            elif substance and _BEFORE_SUBSTANCE.fullmatch(before):
                pass
            elif (
                not substance
                and qualifiers < MAX_QUALIFIERS
                and (
                    _QUALIFIER.fullmatch(before)
                    or (before == "use" and word.startswith("disorder"))
                )
            ):
                qualifiers += 1
            else:
                break
            start -= 1
        if start < end:
            while end + 1 < len(words) and _TAIL.fullmatch(words[end + 1]):
                end += 1
            spans.append((start, end))
            for i in range(start, end + 1):
                taken[i] = True
    for i in range(1, len(words)):
        # a receptor named by its subtype without the head ("mu opioid": Receptors, Opioid, mu)
        if (
            not taken[i - 1]
            and not taken[i]
            and _SUBTYPE.fullmatch(words[i - 1])
            and _OPIOID.fullmatch(words[i])
        ):
            spans.append((i - 1, i))
            taken[i - 1] = taken[i] = True
    out: list[str] = []
    for i, word in enumerate(words):
        span = next((s for s in spans if s[0] == i), None)
        if span:
            out.append(" ".join(words[span[0] : span[1] + 1]))
        elif not taken[i]:
            out.append(word)
    return out


# Plants named by genus and species epithet, each an entry term of its MeSH genus heading
# (Mitragyna, Papaver, Passiflora, Valerian, Cannabis): PubMed maps the two words as one
# name, and the epithet alone names nothing.
BINOMIALS = frozenset(
    [
        "mitragyna speciosa",
        "papaver somniferum",
        "passiflora incarnata",
        "valeriana officinalis",
        "cannabis sativa",
    ]
)


def names(words: list[str]) -> list[str]:
    """``words`` (typed order) with each binomial plant name (``BINOMIALS``) joined into one;
    case is kept, compared lower-cased."""
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if i + 1 < len(words) and pair.lower() in BINOMIALS:
            out.append(pair)
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out
