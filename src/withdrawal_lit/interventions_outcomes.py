"""The interventions and outcomes an article names, by canonical name (pure).

Patterns are regexes matched on word boundaries (a hyphen is a boundary: "buprenorphine-naloxone"
names both); an all-caps abbreviation is matched case-sensitively ("COWS", not cows), everything
else ignoring case. Names are reported in order of first mention, title first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from withdrawal_lit.records import Article

_I = re.IGNORECASE

# (canonical name, patterns), matched as the module docstring says.
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
