"""Entry terms of the subjects this tool is about, for ranking ad-hoc ``--term`` searches.

PubMed's automatic term mapping sends ``kratom`` to the MeSH descriptor Mitragyna and its
entry terms, so a search for kratom returns records that only say "ketum" or "Mitragyna
speciosa". Ranking reads the words of the records, so an ad-hoc term's concept groups get the
same entry terms (from MeSH: Mitragyna, Opioid-Related Disorders, Acupuncture Therapy) that the
shipped query files list by hand. Pure; a small table, not a thesaurus.
"""

from __future__ import annotations

from collections.abc import Sequence

# word typed -> the names PubMed maps it to, as ranking synonyms
ENTRY_TERMS: dict[str, tuple[str, ...]] = {
    "kratom": ("mitragyna", "mitragyna speciosa", "ketum", "kratum", "biak"),
    "mitragyna": ("kratom", "ketum"),
    "ketum": ("kratom", "mitragyna"),
    "opioid": ("opiate",),
    "opioids": ("opiates",),
    "opiate": ("opioid",),
    "opioid use disorder": ("opioid dependence", "opioid addiction"),
    "opioid dependence": ("opioid use disorder", "opioid addiction"),
    "opioid withdrawal": ("opiate withdrawal",),
    "acupuncture": ("electroacupuncture", "acupoint"),
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


def expand(concepts: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Each group with the entry terms of its synonyms added after them (no duplicates)."""
    out = []
    for group in concepts:
        words = list(group)
        for synonym in group:
            words.extend(ENTRY_TERMS.get(synonym.lower(), ()))
        out.append(tuple(dict.fromkeys(words)))
    return tuple(out)
