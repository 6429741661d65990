"""Role-aware evidence a lexical ranker can see: is the intervention the treatment, or the
condition? (pure; no I/O)

"Kratom for opioid withdrawal" and "kratom withdrawal treated with buprenorphine" name the
same concepts; what differs is the relation between them. From a record's title and abstract
and the query's concepts with their roles (``roles.py``) this module finds:

* ``present``   the intervention is named (without it nothing else counts);
* ``all_roles`` every other subject concept (condition, outcome, mechanism) is named too
                (generic words such as "use" or "patients" are not required);
* ``breadth``   how many distinct words of those concepts are named (of ``BREADTH_FULL``):
                a paper on the question uses more of its vocabulary than one that brushes it;
* ``together``  one sentence names the intervention and every other subject concept;
* ``relation``  a sentence of the title or past the abstract's opening third (the opening
                is background: what a substance is used for, what others found) puts the
                intervention in the treating role: "kratom ... to (self-)treat|manage|ease|
                relieve ... opioid withdrawal", "as a substitute for opioids", "kratom for
                opioid withdrawal", "melatonin in morphine-dependent rats", "withdrawal
                attenuated by melatonin", "effects of melatonin on ..."; with no condition, an
                outcome named beside the intervention ("kratom dependence", "mitragynine ...
                mu-opioid receptor agonist"); with no intervention (sleep in opioid
                withdrawal), something improving the outcome or the outcome in the condition;
* ``title``     the title names the intervention and another subject concept;
* ``inverse``   the intervention appears as the condition although the question names
                another one: "kratom withdrawal", "kratom use disorder", "kratom dependence",
                "treated with buprenorphine" for a kratom-dependent patient;
* ``kin``       the intervention is a class of treatments ("complementary", "herbal",
                "non-opioid treatment") and the record, without naming it, treats the
                question's condition with something ("gabapentin ... reduced opioid withdrawal
                symptoms", "treatment of opioid withdrawal"): a class word cannot list its
                members, so another treatment of the condition answers in part, always below a
                record that names the class.

``score`` combines them into 0..1 with ``PARTS`` (the one place they are weighted); the
ranker's ``roles`` component is that score. ``explain`` names what was found.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from withdrawal_lit import roles as roles_module
from withdrawal_lit import synonyms as synonyms_module
from withdrawal_lit.roles import (
    CONDITION,
    DESIGN,
    INTERVENTION,
    MECHANISM,
    OUTCOME,
    is_generic,
)

PARTS: dict[str, float] = {
    "present": 0.2,
    "all_roles": 0.1,
    "breadth": 0.15,  # × the share of BREADTH_FULL distinct words of the other concepts named
    "together": 0.15,
    "relation": 0.3,
    "title": 0.1,
    "inverse": -0.4,  # only when no sentence relates them the right way round
    "kin": 0.15,  # alone: the intervention is not named (below "present" on its own)
}

_TREAT = (
    r"(?:self-?)?(?:treat\w*|manag\w*|eas(?:e|es|ed|ing)|reliev\w*|alleviat\w*|attenuat\w*|"
    r"reduc\w*|mitigat\w*|cop(?:e|ed|ing) with|control\w*|self-?medicat\w*|medicat\w*|"
    r"prevent\w*|suppress\w*|ameliorat\w*|lessen\w*|improv\w*|block\w*|counteract\w*|"
    r"combat\w*|overcom\w*|decreas\w*|inhibit\w*|diminish\w*|abolish\w*|quit\w*|stop\w*|"
    r"wean\w*|taper\w*|detox\w*|withdraw (?:from|off)|get off|kick)"
)
_AID = (
    r"(?:substitut\w*|replac\w*|alternative|treatment|therapy|therapeutic|remedy|aid|adjunct\w*|"
    r"self-?treatment|self-?medication)"
)
_HOSTS = (
    r"(?:patients?|subjects?|individuals?|people|persons?|users?|participants?|rats?|mice|"
    r"animals?)"
)
# What makes a substance the condition: its own withdrawal, use disorder, dependence...
_HARMS = (
    r"(?:use[\s-]+disorders?|withdrawal|dependen\w*|addict\w*|abuse|misuse|intoxicat\w*|"
    r"toxicity|overdos\w*|poisoning|fatalit\w*|related deaths?|induced|exposure)"
)
BREADTH_FULL = 3
JOINED_MAX = 24  # phrases made of condition groups typed apart (_joined)
# A harm of a substance other than the question's intervention ("opioid withdrawal", "alcohol
# use disorder"): never read as the intervention's own harm (outcome-only questions).
_OTHER_HARM = re.compile(
    r"\b(?:opioids?|opiates?|heroin|morphine|methadone|buprenorphine|fentanyl|oxycodone|"
    r"alcohol|cocaine|stimulants?|methamphetamines?|amphetamines?|benzodiazepines?|cannabis|"
    r"nicotine|tobacco)[\s-]+(?:use[\s-]+)?" + _HARMS
)
# Words that make a typed intervention a class of treatments rather than a treatment.
_CLASS = re.compile(
    r"\b(?:complementary|alternative|integrative|herbal|herbs?|botanical|natural|"
    r"non-?(?:opioid|pharmacological|drug)|adjunct\w*|treatments?|therap(?:y|ies)|"
    r"interventions?|medications?|remed(?:y|ies))\b"
)
# The version of these rules and of the words a query is read with (synonyms.py): stored
# features and role scores are keyed by it (services/ranking.py), so change it whenever a
# change here or there can change a score.
RULES = 11
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_GAP = r"[^.;]{0,%d}?"


@dataclass(frozen=True, slots=True)
class Found:
    """What a record shows of the query's roles (see the module docstring)."""

    present: bool = False
    all_roles: bool = False
    together: bool = False
    relation: bool = False
    title: bool = False
    inverse: bool = False
    breadth: float = 0.0  # 0..1: distinct words of the other concepts named, of BREADTH_FULL
    kin: bool = False  # not named, but the condition is treated (a class intervention)

    def score(self) -> float:
        if not self.present:
            return PARTS["kin"] if self.kin else 0.0
        parts = [name for name in PARTS if name not in ("inverse", "kin")]
        total = sum(PARTS[name] * float(getattr(self, name)) for name in parts)
        if self.inverse and not self.relation:
            total += PARTS["inverse"]
        return round(min(max(total, 0.0), 1.0), 4)

    def explain(self) -> str:
        names = [
            f"breadth {self.breadth:.2f}" if name == "breadth" else name
            for name in PARTS
            if getattr(self, name)
        ]
        if self.kin and not self.present:
            return "intervention absent, condition treated (a class intervention)"
        return ", ".join(names) if names else "intervention absent"


class Matcher:
    """The query's concepts, by role, as compiled patterns; ``find`` reads one record."""

    def __init__(self, concepts: Sequence[Sequence[str]], roles: Sequence[str]):
        pairs = list(zip(concepts, roles, strict=False))
        interventions = [g for g, r in pairs if r == INTERVENTION]
        # Generic words ("use", "patients") are not required beside the intervention.
        others = [g for g, r in pairs if r not in (INTERVENTION, DESIGN) and not is_generic(g)]
        self.treats = bool(interventions)
        if not interventions and others:
            # No intervention named (e.g. sleep in opioid withdrawal): the first subject
            # concept anchors the question, and nothing it names is a treatment.
            interventions, others = [others[0]], others[1:]
        conditions = [g for g, r in pairs if r == CONDITION]
        self.anchor: tuple[str, ...] = tuple(s for g in interventions for s in g)
        # An intervention typed as a class ("complementary", "herbal"): a record treating the
        # condition with anything answers in part (Found.kin), so its text is read too.
        self.open_class = (
            self.treats
            and bool(conditions)
            and any(_CLASS.search(s.lower()) for g in interventions for s in g)
        )
        if self.open_class:
            self.anchor += tuple(s for g in conditions for s in g)
        self.active = bool(interventions)
        self.intervention = _alternation([s for g in interventions for s in g])
        self.intervention_re = re.compile(self.intervention)
        self.others = [re.compile(_alternation(g)) for g in others]
        self.any_other = re.compile(_alternation([s for g in others for s in g]) or r"(?!)")
        self.condition = _alternation([s for g in conditions for s in g] + _joined(conditions))
        self.outcome_only = not conditions and any(r in (OUTCOME, MECHANISM) for r in roles)
        # The question is about another substance's condition when a condition names whose
        # it is ("opioid withdrawal") rather than a bare harm the intervention itself can have.
        self.other_condition = self.treats and any(
            re.search(r"\w[\s-]+(?:use[\s-]+)?(?:withdrawal|disorder|dependen|addict|abuse)", s)
            or not re.search(_HARMS, s)
            for s in [s for g in conditions for s in g] + _joined(conditions)
        )
        if not self.active:
            return
        c = self.condition
        # The intervention as the subject of a relation, not as a condition of its own
        # ("kratom withdrawal was treated with ..."): no harm right after it.
        i = rf"{self.intervention}(?![\s-]+(?:\w+[\s-]+)?{_HARMS})"
        substances = r"\b(?:opioids?|opiates?|heroin|morphine|methadone)\b"
        target = f"(?:{c}|{substances})" if c else substances
        # (pattern, starts with the intervention): each is tried only where its first part
        # is found in a sentence naming both, not at every character.
        relations = [
            (rf"{i}{_GAP % 80}\b{_TREAT}\b(?!\s+(?:with|by|using)\b){_GAP % 60}{c}", True)
            if c
            else None,
            (rf"{i}{_GAP % 60}\b{_AID}\b{_GAP % 12}\b(?:for|to|of|in)\b{_GAP % 40}{target}", True),
            (rf"{i}\s+(?:\w+\s+){{0,2}}(?:for|against)\s+(?:the\s+)?(?:\w+\s+){{0,3}}{c}", True)
            if c
            else None,
            (
                rf"{c}{_GAP % 50}\b(?:treated|managed|relieved|attenuated|alleviated|reduced|"
                rf"improved|prevented|ameliorated|suppressed|blocked|reversed)\s+(?:with|by)"
                rf"{_GAP % 25}{i}",
                False,
            )
            if c
            else None,
            (
                rf"{i}{_GAP % 30}\b(?:in|among)\s+(?:\w+[\s-]+){{0,3}}?{c}[\s-]*(?:\w+\s+)?"
                rf"{_HOSTS}",
                True,
            )
            if c
            else None,
            (rf"effects?\s+of\s+{i}{_GAP % 30}\bon\b{_GAP % 40}{c}", None) if c else None,
        ]
        if not self.treats:
            # The anchor is what is measured: something improving it ("suvorexant ameliorated
            # sleep disturbance"), or it measured in the condition ("sleep during withdrawal").
            a = self.intervention
            relations = [
                (rf"\b{_TREAT}\b{_GAP % 30}{a}", None),
                (rf"{a}{_GAP % 40}\b(?:in|during|among|after|of|and)\b{_GAP % 40}{c}", True)
                if c
                else None,
            ]
        self.relations = [(re.compile(p), first) for p, first in filter(None, relations)]
        self.condition_re = re.compile(c or r"(?!)")
        self.target_re = re.compile(target)
        self.beside = self.beside_any = None
        if self.outcome_only or not c:
            outcomes = "|".join(p.pattern for p in self.others) or r"(?!)"
            self.beside_any = re.compile(outcomes)
            # Either way round: "kratom dependence", "deaths involving mitragynine".
            self.beside = re.compile(
                rf"{self.intervention}{_GAP % 40}(?:{outcomes})|(?:{outcomes}){_GAP % 40}"
                rf"\b(?:of|from|after|with|involving|among|in)\b{_GAP % 25}{self.intervention}"
            )
        self.inverse = re.compile(rf"{self.intervention}[\s-]+(?:\w+[\s-]+)?{_HARMS}")
        self.own_harm = re.compile(rf"({self.intervention})[\s-]+(?:use[\s-]+)?{_HARMS}")
        # The condition treated by something unnamed (only for a class intervention).
        self.kin = re.compile(
            rf"\b{_TREAT}\b(?!\s+(?:with|by|using)\b){_GAP % 40}{c}|"
            rf"\b(?:treatment|therapy|management|trial|efficacy|effects?|adjunct)\s+"
            rf"(?:of|for|on|in|during|to)\b{_GAP % 30}{c}|"
            rf"{c}{_GAP % 40}\b(?:treated|managed|relieved|reduced|attenuated)\s+(?:with|by)\b"
            if c and self.open_class
            else r"(?!)"
        )

    def find(self, title: str, abstract: str) -> Found:
        """What one record shows; only its sentences naming the intervention are read past
        the first search, and relation patterns only where another concept is named too,
        in the title or past the abstract's first third."""
        if not self.active:
            return Found()
        # Patterns are lower-case: the text is lowered once rather than matched ignoring case.
        parts = [title, *_SENTENCE.split(abstract)] if abstract else [title]
        sentences = [part.lower() for part in parts]
        lowered = "\n".join(sentences)
        # One pass over the whole text finds the sentences naming the intervention (sentences
        # are joined by newlines, which no pattern crosses).
        starts = list(itertools.accumulate((len(s) + 1 for s in sentences[:-1]), initial=0))
        found = sorted(
            {
                bisect.bisect_right(starts, m.start()) - 1
                for m in self.intervention_re.finditer(lowered)
            }
        )
        # A relation stated in the opening third of an abstract is background (what the
        # substance is used for, what others found); the title and the rest are the paper's.
        cut = len(sentences) // 3
        if not found:
            own = [s for i, s in enumerate(sentences) if i == 0 or i > cut]
            return Found(kin=any(self.kin.search(s) for s in own))
        named = [sentences[i] for i in found]
        stated = [sentences[i] for i in found if i == 0 or i > cut]
        inverse = self.other_condition and any(self.inverse.search(s) for s in named)
        if inverse:
            # The intervention's own disorder ("kratom use disorder") is not the question's
            # condition: it counts for neither the concepts named nor the title.
            sentences = [self.own_harm.sub(r"\1", s) for s in sentences]
            lowered = "\n".join(sentences)
            named = [sentences[i] for i in found]
        return Found(
            present=True,
            all_roles=all(p.search(lowered) for p in self.others),
            together=any(all(p.search(s) for p in self.others) for s in named),
            relation=self._related(stated),
            title=found[0] == 0 and any(p.search(sentences[0]) for p in self.others),
            inverse=inverse,
            breadth=min(1.0, len(set(self.any_other.findall(lowered))) / BREADTH_FULL),
        )

    def explain(self, title: str, abstract: str) -> str:
        """What ``find`` saw in one record, for --explain ("" when roles do not apply)."""
        if not self.active:
            return ""
        found = self.find(title, abstract)
        return f"{found.explain()} → {found.score():.2f}"

    def _related(self, named: Sequence[str]) -> bool:
        """Whether a sentence naming the intervention relates it the right way round."""
        if self.beside is not None:
            # No condition: an outcome named right beside the intervention is the relation.
            # Another substance's harm ("opioid withdrawal") is not the intervention's own.
            own = [_OTHER_HARM.sub(" ", s) for s in named]
            return any(self.beside.search(s) for s in own if self.beside_any.search(s))
        return any(self._relates(s) for s in named if self.target_re.search(s))

    def _relates(self, sentence: str) -> bool:
        starts = {
            True: [m.start() for m in self.intervention_re.finditer(sentence)],
            False: [m.start() for m in self.condition_re.finditer(sentence)],
        }
        for pattern, first in self.relations:
            if first is None:
                if pattern.search(sentence):
                    return True
                continue
            if any(pattern.match(sentence, at) for at in starts[first]):
                return True
        return False


def for_query(query) -> Matcher:
    """The matcher of a query's concepts and roles (inferred when the query names none)."""
    return Matcher(synonyms_module.of(query), roles_module.of(query))


def _alternation(synonyms: Sequence[str]) -> str:
    """One regex alternative per synonym: words may take a short ending (plurals, "-ine"),
    a trailing * any; words of a phrase may be joined by spaces or hyphens."""
    parts = []
    for synonym in synonyms:
        text = synonym.strip().lower()
        prefix = text.endswith("*")
        words = text.rstrip("*").split()
        if not words:
            continue
        if not prefix:
            words[-1] = synonyms_module.stem(words[-1])
        tail = r"\w*" if prefix else r"\w{0,3}"
        parts.append(r"[\s-]+".join(_hyphened(w) for w in words) + tail)
    return r"\b(?:" + "|".join(sorted(set(parts), key=len, reverse=True)) + r")\b" if parts else ""


def _hyphened(word: str) -> str:
    """A typed word as a pattern: a hyphen in it also matches a space or nothing
    ("mu-opioid": "mu opioid", "self-treat": "self treat", "selftreat"), as the search
    index splits hyphenated words."""
    return r"[\s-]?".join(re.escape(part) for part in word.split("-"))


def _joined(groups: Sequence[Sequence[str]]) -> list[str]:
    """Condition groups typed apart as the phrases they make together ("opioid" AND
    "withdrawal" -> "opioid withdrawal"; "(heroin OR morphine) AND withdrawal" -> "heroin
    withdrawal", "morphine withdrawal"): every one-word synonym of each, in typed order, at
    most JOINED_MAX phrases."""
    words = [[w for w in g if " " not in w] for g in groups]
    words = [w for w in words if w]
    if len(words) < 2:
        return []
    return [" ".join(p) for p in itertools.islice(itertools.product(*words), JOINED_MAX)]
