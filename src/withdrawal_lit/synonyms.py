"""Entry terms of the subjects this tool is about, for ranking ad-hoc ``--term`` searches.

PubMed's automatic term mapping sends ``kratom`` to the MeSH descriptor Mitragyna and its
entry terms, so a search for kratom returns records that only say "ketum" or "Mitragyna
speciosa". Ranking reads the words of the records, so an ad-hoc term's concept groups get the
same entry terms (from MeSH: Mitragyna, Opioid-Related Disorders, Acupuncture Therapy) that the
shipped query files list by hand. Pure; a small table, not a thesaurus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from withdrawal_lit import roles as roles_module

# word typed -> the names PubMed maps it to, as ranking synonyms
ENTRY_TERMS: dict[str, tuple[str, ...]] = {
    "kratom": ("mitragyna", "mitragyna speciosa", "ketum", "kratum", "biak"),
    "mitragyna": ("kratom", "ketum"),
    "mitragyna speciosa": ("kratom", "mitragyna", "ketum"),
    # Other plants by their MeSH genus heading and its entry terms (term_phrases.BINOMIALS).
    "papaver somniferum": ("opium poppy", "papaver"),
    "passiflora incarnata": ("passionflower", "passion flower", "passiflora"),
    "valeriana officinalis": ("valerian",),
    "cannabis sativa": ("cannabis", "marijuana"),
    "ketum": ("kratom", "mitragyna"),
    "opioid": ("opiate",),
    "opioids": ("opiates",),
    "opiate": ("opioid",),
    "opioid use disorder": ("opioid dependence", "opioid addiction"),
    "opioid dependence": ("opioid use disorder", "opioid addiction"),
    "opioid withdrawal": ("opiate withdrawal",),
    "acupuncture": ("electroacupuncture", "acupoint"),
    # The kratom alkaloids: Supplementary Concepts mitragynine and 7-hydroxymitragynine, both
    # mapped to the heading Secologanin Tryptamine Alkaloids, each the other's sibling there.
    "mitragynine": ("7-hydroxymitragynine",),
    "7-hydroxymitragynine": ("mitragynine", "7-oh-mitragynine"),
    # Receptors, Opioid, mu: the receptor a typed "mu-opioid" names, also written with the
    # Greek letter; kappa and delta alike (Receptors, Opioid, kappa / delta).
    "mu-opioid": ("μ-opioid", "mu opioid receptor"),
    "kappa-opioid": ("κ-opioid", "kappa opioid receptor"),
    "delta-opioid": ("δ-opioid", "delta opioid receptor"),
    # Chemical and Drug Induced Liver Injury: entry terms Hepatotoxicity, Drug-Induced Liver
    # Injury, Toxic Hepatitis, Drug-Induced Hepatitis.
    "hepatotoxicity": ("liver injury", "toxic hepatitis", "drug-induced hepatitis"),
    "liver injury": ("hepatotoxicity", "toxic hepatitis", "drug-induced hepatitis"),
    # Drug Overdose: entry terms Overdose, Drug Overdoses, Overdosage.
    "overdose": ("overdosage",),
    # Sleep Initiation and Maintenance Disorders: entry terms Insomnia, Sleeplessness,
    # Disorders of Initiating and Maintaining Sleep (under Sleep Wake Disorders).
    "insomnia": ("sleeplessness", "sleep initiation", "sleep maintenance", "sleep disturbance*"),
    # Harms. "adverse effects" is a MeSH qualifier whose narrower ones are poisoning and
    # toxicity, with the entry terms of Drug-Related Side Effects and Adverse Reactions;
    # dependence, addiction and abuse are entry terms of Substance-Related Disorders.
    "adverse effects": ("side effects", "adverse events", "adverse reactions", "toxicity",
                        "poisoning"),
    "adverse events": ("adverse effects", "side effects", "adverse reactions"),
    "side effects": ("adverse effects", "adverse events", "adverse reactions"),
    "dependence": ("addiction", "abuse", "use disorder"),
    "addiction": ("dependence", "abuse", "use disorder"),
    "abuse": ("dependence", "addiction", "misuse", "use disorder"),
}  # fmt: skip


# A typed word that names a class of concepts stands for the class, as PubMed's mapping to a
# heading searches the heading's narrower ones: (what marks the class in a typed group, the
# role the group must have, the words records use for the class, whether they count for
# relevance too or only as evidence of the role). A "*" word is a prefix. Only groups of the
# role named are widened; a query file's own lists already name their class and lose nothing
# by it.
CLASSES: tuple[tuple[re.Pattern[str], str, tuple[str, ...], bool], ...] = (
    # Harms: the adverse-effects qualifier with its narrower poisoning and toxicity (deaths,
    # overdoses and intoxications are indexed there), Chemical and Drug Induced Liver Injury.
    (
        re.compile(r"\b(?:adverse|safety|toxic\w*|harms?|side effects?|poisoning)\b"),
        roles_module.OUTCOME,
        ("adverse", "side effect*", "toxic*", "poison*", "intoxicat*", "overdos*", "fatal*",
         "death*", "lethal*", "hepatotox*", "liver injury", "seizure*"),
        True,
    ),
    # Substance-Related Disorders: dependence, addiction, abuse, use disorder and withdrawal.
    (
        re.compile(r"\b(?:dependen\w*|addict\w*|abuse|misuse|use disorders?)\b"),
        roles_module.OUTCOME,
        ("dependen*", "addict*", "abuse", "misuse", "use disorder*", "withdrawal"),
        True,
    ),
    # A condition of substance use (withdrawal, dependence...): Substance-Related Disorders
    # with its narrower withdrawal and dependence headings. Evidence of the role only: in
    # relevance they would reward the intervention's own dependence ("kratom dependence") in
    # a question about another substance's withdrawal. Detoxification and abstinence name the
    # same condition by its treatment: what MeSH indexes as Substance Withdrawal Syndrome
    # /therapy and Opioid-Related Disorders/rehabilitation.
    (
        re.compile(
            r"\b(?:withdrawal|dependen\w*|addict\w*|use disorders?|abuse|detox\w*|abstinen\w*)\b"
        ),
        roles_module.CONDITION,
        ("withdrawal", "dependen*", "addict*", "use disorder*", "detoxif*", "abstinen*"),
        False,
    ),
    # How a substance acts (a "mechanism" group): Receptors, Opioid and the pharmacology and
    # pharmacokinetics qualifiers.
    (
        re.compile(r"."),
        roles_module.MECHANISM,
        ("receptor*", "agonis*", "antagonis*", "binding", "affinity", "pharmacolog*",
         "pharmacokinetic*", "metabolis*", "metabolite*", "antinocicept*", "analges*",
         "mechanism*",
         # Pharmacokinetics' narrower headings: Biotransformation, Biological Availability,
         # Half-Life, Metabolic Clearance Rate, Tissue Distribution.
         "biotransform*", "bioavailab*", "half-li*", "clearance", "tissue distribution"),
        True,
    ),
    # Sleep as what is measured: Sleep with Sleep Wake Disorders and its narrower Sleep
    # Initiation and Maintenance Disorders (entry terms Insomnia, Sleeplessness), which
    # PubMed searches for a typed "sleep" or "insomnia" alike.
    (
        re.compile(r"\b(?:sleep\w*|insomni\w*)\b"),
        roles_module.OUTCOME,
        ("sleep*", "insomni*", "sleepless*"),
        True,
    ),
    # A trial asked for: the Cochrane highly sensitive search strategy's words for one.
    (
        re.compile(r"\b(?:trials?|random\w*|placebo|controlled|rct)\b"),
        roles_module.DESIGN,
        ("trial*", "randomized", "randomised", "randomly", "placebo", "controlled"),
        True,
    ),
)  # fmt: skip


def stem(word: str) -> str:
    """A typed plural cut back to what its singular shares ("fatalities" -> "fatalit",
    "receptors" -> "receptor"), so a short ending matches both forms, as PubMed's term
    mapping finds a heading from its singular or plural."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and word[-2] not in "siu":
        return word[:-1]
    return word


def entry_terms(synonym: str) -> tuple[str, ...]:
    """The entry terms of a typed word (``ENTRY_TERMS``), found from its plural too
    ("overdoses" -> those of "overdose")."""
    key = synonym.lower()
    if key in ENTRY_TERMS:
        return ENTRY_TERMS[key]
    words = key.split()
    if not words or stem(words[-1]) == words[-1] or key.endswith("ies"):
        return ()
    return ENTRY_TERMS.get(" ".join([*words[:-1], stem(words[-1])]), ())


def expand(
    concepts: Sequence[Sequence[str]], roles: Sequence[str] = (), *, relevance: bool = False
) -> tuple[tuple[str, ...], ...]:
    """Each group with the entry terms of its synonyms added after them, then the words of a
    class it names in its role (``CLASSES``; for ``relevance``, only the classes that count
    for it; no duplicates)."""
    out = []
    for i, group in enumerate(concepts):
        words = list(group)
        for synonym in group:
            words.extend(entry_terms(synonym))
        role = roles[i] if i < len(roles) else ""
        for marks, wanted, members, relevant in CLASSES:
            if (
                (relevant or not relevance)
                and role == wanted
                and any(marks.search(w.lower()) for w in group)
            ):
                words.extend(members)
        out.append(tuple(dict.fromkeys(words)))
    return tuple(out)


def of(query, *, relevance: bool = False) -> tuple[tuple[str, ...], ...]:
    """The concept groups a query is ranked with: its own, widened by ``expand`` in the
    roles it has (given or inferred); ``relevance`` for bm25 and the concepts found, else for
    the roles component (relations.py)."""
    return expand(query.concepts, roles_module.of(query), relevance=relevance)
