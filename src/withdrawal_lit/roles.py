"""Concept roles: what each of a question's concept groups stands for.

A question such as "kratom for opioid withdrawal" names the same two concepts as "kratom
withdrawal treated with buprenorphine"; only which one is the treatment and which the
condition tells them apart. Query files say so with ``roles``, a list aligned with
``concepts``; for an ad-hoc ``--term`` they are inferred from the term's AND-blocks (the first
block is the intervention, a block of study-design words is the design, the next is the
condition, any further one an outcome) and can be given with ``--roles``.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from withdrawal_lit.term_phrases import chunks

INTERVENTION = "intervention"  # the exposure or treatment
CONDITION = "condition"  # what it is meant to treat, or what the people have
OUTCOME = "outcome"  # what is measured: effects, harms, mechanisms
POPULATION = "population"  # who: age group, setting
DESIGN = "design"  # the kind of study asked for (trials, reviews)
MECHANISM = "mechanism"  # how it acts: receptors, binding, signalling, metabolism
ROLES = (INTERVENTION, CONDITION, OUTCOME, MECHANISM, POPULATION, DESIGN)
EXAMPLE = 'roles = ["intervention", "condition"]'

# Words that make an AND-block a study design rather than a subject.
_DESIGN_RE = re.compile(
    r"\b(?:random\w*|placebo|trials?|controlled|rct|cohort|case[- ]control|"
    r"systematic reviews?|meta-?analys\w*|reviews?|"
    # publication types and study-design headings (Case Reports, Cross-Sectional Studies,
    # Surveys and Questionnaires, Observational Study)
    r"case reports?|case series|cross-sectional|surveys?|observational)\b"
)
# A condition names whose disorder it is ("opioid withdrawal", "heroin addiction"), or is a
# treatment process of one (detoxification); a bare "withdrawal" or "dependence" beside an
# intervention asks about that intervention's own harms, an outcome.
_SUBSTANCE_RE = re.compile(r"opioids?|opiates?|opium|heroin|morphine|fentanyl|oxycodone")
# Words of a substance-use disorder, not naming whose it is.
_DISORDER_RE = re.compile(
    r"(?:withdrawal|dependen\w*|addict\w*|abuse|misuse|use disorders?|detox\w*|abstinen\w*|"
    r"craving\w*|relaps\w*|symptoms|signs|syndromes?)(?: symptoms| signs| syndromes?)?"
)
_CONDITION_RE = re.compile(
    r"\b(?!(?:use|drug|substance)\b)[a-z][\w-]+ (?:use )?(?:withdrawal|disorders?|dependen\w*|"
    r"addict\w*|abuse|misuse)\b|\b(?:detox\w*|abstinen\w*)"
    # the same written as one hyphenated word ("opioid-dependent", "heroin-addicted")
    r"|\b(?:opioids?|opiates?|opium|heroin|morphine|fentanyl|oxycodone)-(?:use-)?"
    r"(?:withdrawal|dependen\w*|addict\w*|abus\w*|misus\w*|induced)"
    r"|(?<!\bmu[- ])(?<!kappa[- ])(?<!delta[- ])(?<![μκδ][- ])"
    r"\b(?:opioids?|opiates?|heroin|morphine|fentanyl|oxycodone)$"
)
# What is measured: harms of the intervention itself, mechanisms, symptoms and outcomes.
_HARM_RE = re.compile(
    r"\b(?:withdrawal|dependen\w*|addict\w*|abuse|misuse|use disorders?|adverse|safety|"
    r"toxic\w*|hepatotox\w*|overdos\w*|poisonings?|deaths?|fatal\w*|seizures?|harms?|"
    # Chemical and Drug Induced Liver Injury (entry terms: drug-induced liver injury, toxic
    # hepatitis)
    r"liver injur\w*|hepatitis|polysomnograph\w*|"
    r"tolerance|sleep\w*|insomni\w*|craving\w*|relaps\w*|retention|mortality|quality of life)\b"
)
_MECHANISM_RE = re.compile(
    r"(?<!non-)\b(?:receptors?|binding|affinity|agonis\w*|antagonis\w*|pharmacokinetic\w*|"
    r"pharmacodynamic\w*|pharmacolog\w*|metabol\w*|signal\w*|mechanisms?|arrestin|"
    r"g[- ]protein|antinocicept\w*|analges\w*|in vitro|bioavailab\w*|half-li\w*|"
    # Pharmacokinetics' narrower ones, and the Cytochrome P-450 Enzyme System of drug
    # metabolism
    r"biotransform\w*|cytochrome\w*|p-?450|cyp\d\w*|"
    # a receptor named by its subtype (Receptors, Opioid, mu / kappa / delta)
    r"(?:mu|kappa|delta|[μκδ])[- ]opioids?)\b"
)


# Words that say nothing of what is asked ("kratom use for opioid withdrawal", "in methadone
# patients"): a block of them alone is the population (people) or a generic outcome, never the
# intervention, and ranking does not require it (relations.Matcher).
_PEOPLE = frozenset(
    [
        "patients",
        "patient",
        "people",
        "persons",
        "adults",
        "adult",
        "users",
        "user",
        "individuals",
        "participants",
        "subjects",
        "humans",
        "human",
        "men",
        "women",
        "children",
        "adolescents",
        "veterans",
        # the animals of a study (the Animals check tag, Rats, Mice)
        "animals",
        "animal",
        "rats",
        "rat",
        "mice",
        "mouse",
    ]
)
_GENERIC = _PEOPLE | frozenset(
    [
        "use",
        "uses",
        "used",
        "using",
        "treatment",
        "treatments",
        "therapy",
        "therapies",
        "management",
        "effect",
        "effects",
        # what is measured or given, without saying of what ("sleep quality", "sleep
        # problems", "herbal medicine"): like "therapy", the word beside it is the concept
        "quality",
        "problem",
        "problems",
        "medicine",
        "medicines",
        "medication",
        "medications",
        "maintenance",
        # how it relates to another ("kratom-related"), not a subject of its own
        "related",
        "associated",
        "efficacy",
        "study",
        "studies",
        "outcome",
        "outcomes",
        "role",
        # the treating relation itself, which the roles component reads (relations.py)
        "treat",
        "treats",
        "treating",
        "self-treat",
        "self-treating",
        "self-medicate",
        # their other forms: the noun and the past participle say the same relation
        "treated",
        "self-treated",
        "self-treatment",
        "self-medicated",
        "self-medicating",
        "self-medication",
        "managed",
        "eased",
        "relieved",
        "relief",
        "manage",
        "managing",
        "ease",
        "easing",
        "relieve",
        "reduce",
        "reduces",
        "reducing",
        "alleviate",
        "alleviating",
        "attenuate",
        "attenuating",
        "relieving",
    ]
)


def is_generic(group: Sequence[str]) -> bool:
    """Whether every synonym of a concept group is a generic word (see _GENERIC)."""
    return bool(group) and all(
        w in _GENERIC for synonym in group for w in synonym.lower().rstrip("*").split()
    )


class RoleError(ValueError):
    """A bad ``roles`` value: ``problem`` and ``fix``, each one line."""

    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def check(value: object, concepts: int) -> tuple[str, ...]:
    """``value`` (a query file's ``roles``) as a tuple of known roles, one per concept group."""
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
        raise RoleError("'roles' must be a list of strings", f"write e.g. {EXAMPLE}")
    return parse(value, concepts, source="'roles'")


def parse(values: Sequence[str], concepts: int, *, source: str = "--roles") -> tuple[str, ...]:
    """Known roles, lower-cased, as many as there are concept groups."""
    roles = tuple(v.strip().lower() for v in values)
    for role in roles:
        if role not in ROLES:
            raise RoleError(
                f"{source}: unknown role {role!r}",
                f"use one of {', '.join(ROLES)} per concept group",
            )
    if len(roles) != concepts:
        raise RoleError(
            f"{source} gives {len(roles)} roles for {concepts} concept groups",
            "give one role per concept group, in the same order",
        )
    return roles


def parse_option(text: str, concepts: int) -> tuple[str, ...]:
    """The ``--roles`` option (comma-separated) for a term of ``concepts`` AND-blocks."""
    return parse([part for part in text.split(",") if part.strip()], concepts)


def infer(concepts: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """Roles of an ad-hoc term's AND-blocks: design words make a design, a named disorder
    ("opioid withdrawal", "heroin", "opioid") a condition, bare harms ("dependence",
    "adverse"), mechanisms ("opioid receptor") and symptoms ("sleep") an outcome; the first
    other block is the intervention, the next the condition if none is named, the rest
    outcomes. A term of marked blocks only ("sleep AND opioid withdrawal") has no
    intervention. Words typed side by side (``opioid withdrawal`` unquoted, which PubMed ANDs)
    continue the condition they start."""
    roles = [_kind(_voters(group)) for group in concepts]
    for i, group in enumerate(concepts):
        if is_generic(group):
            people = all(w in _PEOPLE for s in group for w in s.lower().split())
            roles[i] = POPULATION if people else OUTCOME
    for start, end, kind in _phrases(concepts):
        roles[start:end] = [kind] * (end - start)  # "mu" "opioid" "receptor": one mechanism
    if any(r == CONDITION and _all(concepts[i], _SUBSTANCE_RE) for i, r in enumerate(roles)):
        # A term naming the substances apart ("(heroin OR morphine) AND withdrawal"): a bare
        # disorder word is theirs, the condition, not a harm of the intervention.
        for i, group in enumerate(concepts):
            if roles[i] == OUTCOME and _all(group, _DISORDER_RE):
                roles[i] = CONDITION
    plain = [i for i, role in enumerate(roles) if not role]
    if not plain:
        return tuple(roles)  # every block is marked: no intervention named
    roles[plain[0]] = INTERVENTION
    for i in plain[1:]:
        marked = {CONDITION, OUTCOME, MECHANISM} & set(roles)
        roles[i] = OUTCOME if marked else CONDITION
    return tuple(roles)


def _all(group: Sequence[str], pattern: re.Pattern[str]) -> bool:
    """Whether every synonym that decides the group's kind is wholly ``pattern``."""
    return all(pattern.fullmatch(s) for s in _voters(group))


def _voters(group: Sequence[str]) -> list[str]:
    """The synonyms that decide a group's kind: a typed phrase's own words ("opioid" of
    "opioid receptor") follow the phrase rather than vote apart from it."""
    lowered = [synonym.lower() for synonym in group]
    phrases = [s.split() for s in lowered if " " in s]
    return [s for s in lowered if " " in s or not any(s in words for words in phrases)]


def _phrases(concepts: Sequence[Sequence[str]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each run of one-word groups that reads as one typed phrase
    (term_phrases.chunks: "opioid withdrawal", "mu opioid receptor") of a known kind: PubMed
    ANDs the words, but they name one concept."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(concepts):
        end = i
        while end < len(concepts) and _single(concepts[end]):
            end += 1
        words = [concepts[k][0].lower() for k in range(i, end)]
        at = i
        for chunk in chunks(words):
            size = len(chunk.split())
            kind = _kind([chunk]) if size > 1 else ""
            if kind:
                out.append((at, at + size, kind))
            at += size
        i = max(end, i + 1)
    return out


def _single(group: Sequence[str]) -> bool:
    return len(group) == 1 and " " not in group[0]


def _kind(synonyms: Sequence[str]) -> str:
    kinds = (
        (_DESIGN_RE, DESIGN),
        (_CONDITION_RE, CONDITION),
        (_MECHANISM_RE, MECHANISM),
        (_HARM_RE, OUTCOME),
    )
    for pattern, role in kinds:
        if any(pattern.search(synonym) for synonym in synonyms):
            return role
    return ""


def of(query) -> tuple[str, ...]:
    """A query's roles: as its file gives them, else inferred from its concepts."""
    given = tuple(getattr(query, "roles", ()) or ())
    return given if len(given) == len(query.concepts) else infer(query.concepts)
