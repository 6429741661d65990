"""Which sentences of an abstract without a conclusions section state what the paper found (pure).

Authors end an unstructured abstract with their conclusion; its opening sentences set the
scene: what the substance is, what people use it for, how little is known. Those opening
sentences name the question's words as often as the conclusion does, so a scorer that counts
the question's words picks them, and a reader takes the background for the finding. Here:

* a background or definition sentence ("Kratom is a tropical tree...", "is used to",
  "has been reported", "little is known", "little research has been conducted") is penalised
  by ``BACKGROUND_PENALTY``, whatever it shares with the question;
* no sentence of the first third of an unstructured abstract is picked unless nothing later
  states a finding (a sentence that is neither background, aim nor method), nor one before
  "We describe the case of..." in a case report;
* the closing finding is favoured (``CLOSING_BONUS`` for the last sentence that states one),
  because that is where the authors' conclusion is;
* NLM's "(ABSTRACT TRUNCATED AT 250 WORDS)" marker is not part of a sentence: the sentence it
  ends is shown without it, and gets no closing bonus, since the abstract's real end was cut.

``summarize.bottom_line`` gives the base score of each sentence (cues, position, the
question's concepts, penalties for methods and aims) and the chosen indices come from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

BACKGROUND_PENALTY = -5.0
CUE_MIN = 1.0
CLOSING_BONUS = 3.0

TRUNCATION = re.compile(r"\s*\(ABSTRACT TRUNCATED(?: AT \d+ WORDS)?\)\.?\s*$", re.IGNORECASE)

# What a substance or condition is, what it is used for, and what others have said of it.
BACKGROUND = re.compile(
    # "Kratom (Mitragyna speciosa) is a tropical tree", "Opioid use disorder is a chronic..."
    # (not "It is a reasonable option": a pronoun points back to a finding)
    r"^(?!(?:it|this|these|they|that|such|both|each)\b)(?:[\w\-'()/,.]+\s+){1,8}?(?:is|are)\s+"
    r"(?:a|an|one of the)\s+"
    r"|^(?:[\w\-'()/,.]+\s+){1,8}?(?:is|are)\s+(?:(?:commonly|widely|traditionally|increasingly|"
    r"often|frequently)\s+)?(?:used|consumed|taken|known|sold|available|marketed)\b"
    r"|\b(?:is|are|has been|have been)\s+(?:(?:commonly|widely|traditionally|increasingly|"
    r"often|frequently)\s+)?used\s+(?:to|for|as|by|in)\b"
    r"|\b(?:has|have)\s+(?:been\s+)?(?:increasingly\s+)?(?:been\s+)?(?:reported|described|"
    r"proposed|suggested|implicated|linked|recogni[sz]ed|documented)\b"
    r"|\blittle (?:research|is known|evidence|data|information)\b"
    r"|\b(?:research|data|evidence|information|knowledge)\b[^.]{0,80}?\b(?:is|are|remains?)\s+"
    r"(?:limited|scarce|lacking|sparse)\b"
    r"|\b(?:few|no) (?:\w+\s+)?(?:studies|reports|research)\s+(?:has|have|exists?)\b"
    r"|^there (?:is|are) (?:a\s+)?(?:growing|increasing|limited|little|no|few|an? emerging)\b"
    r"|^(?:in recent years|recently|traditionally|historically|currently),",
    re.IGNORECASE,
)
_CONCLUDING = re.compile(
    r"\b(?:suggest\w*|conclu\w+|in summary|taken together|(?:these|our|the) "
    r"(?:findings|results|data) (?:show|indicate|demonstrate|support))\b|^overall,",
    re.IGNORECASE,
)
_VERDICT = re.compile(
    r"\b(?:may|might|could|should|safe|safer|effective|efficacious|promising|useful|viable|"
    r"reasonable|feasible|beneficial|well tolerated|suitable|appropriate|option|alternative|"
    r"candidate|associated with|suggests?|indicates?|appears?)\b",
    re.IGNORECASE,
)
# Words that report a result or a judgement of one.
_FINDING = re.compile(
    r"\b(?:found|find|finds|show(?:s|ed|n)?|demonstrat\w+|reveal\w*|indicat\w+|suggest\w*|"
    r"conclu\w+|confirm\w*|associated|correlated|improv\w*|reduc\w*|increas\w*|decreas\w*|"
    r"eas(?:e|ed|es|ing)|reliev\w*|attenuat\w*|alleviat\w*|ameliorat\w*|prevent\w*|block\w*|"
    r"inhibit\w*|effective|efficac\w*|safe|tolerated|significant\w*|no (?:difference|effect|"
    r"evidence|change)|did not|failed to|report(?:s|ed)? (?:that|using|having)|described as|"
    r"responded|persisted|resolved|recovered|higher|lower|greater|fewer|more likely|less likely|"
    r"may|might|could|common\w*|lack\w*|prevalent|promising|useful|likely|unlikely|potential|benefit\w*|"
    r"harm\w*|risk\w*|caus\w+|died|death|fatal\w*|success\w*|support\w*|recommend\w*|"
    r"should|resembl\w*|consistent|similar|differ\w*|can|cannot|appear\w*|seem\w*)\b",
    re.IGNORECASE,
)
# A sentence that says what was done, or what was asked, rather than what was found.
_NOT_FINDING = re.compile(
    r"^(?:we|the authors)\s+(?:\w+\s+)?(?:searched|conducted|performed|recruited|enrolled|"
    r"randomi[sz]ed|collected|administered|assessed|measured|examined|evaluated|reviewed|"
    r"surveyed|describe|report(?:ed)? (?:a|the|on)|present)\b"
    r"|^(?:the\s+)?(?:aims?|objectives?|purpose|goals?)\b|^to\s+\w+\b"
    r"|^(?:this|the present|our|in this)\s+(?:\w+\s+)?(?:study|review|report|paper|article)\s+"
    r"(?:aimed|aims?|sought|was designed|describes|examines|reviews|presents|will)\b"
    r"|^in this (?:\w+\s+)?(?:review|report|paper|article|study)\b[^.]*\bwill\b",
    re.IGNORECASE,
)


# Sentences that only ask for more work, in words summarize's agenda pattern does not know.
AGENDA = re.compile(
    r"\b(?:deserv\w+|merits?|worthy|worth)\s+(?:of\s+)?(?:more|further|additional|closer)\s+"
    r"(?:\w+\s+)?(?:exploration|investigation|study|studies|research|attention|evaluation)\b"
    r"|\bshould be (?:revised|updated|revisited|re-?evaluated)\b"
    r"|\bas (?:more |further |new |better |controlled )?(?:evidence|data) "
    r"(?:becomes?|accumulates?)",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
NOT_FINDING_PENALTY = -3.0
AGENDA_PENALTY = -4.0
# "We describe the case of...", "Here we report a patient...": what comes before is context.
CASE_OPENER = re.compile(
    r"^(?:here,?\s+)?we\s+(?:describe|report|present|discuss)\s+(?:\w+\s+){0,3}?"
    r"(?:case|cases|patient|patients|man|woman|boy|girl|infant)\b"
    r"|^(?:this|the present|our)\s+(?:\w+\s+)?(?:report|paper|article)\s+(?:describes|reports|"
    r"presents)\b",
    re.IGNORECASE,
)


def strip_truncation(sentence: str) -> tuple[str, bool]:
    """The sentence without NLM's truncation marker, and whether it carried one."""
    match = TRUNCATION.search(sentence)
    if not match:
        return sentence, False
    return sentence[: match.start()].rstrip(), True


def is_cut(sentence: str) -> bool:
    """Whether the text stops mid-sentence (an abstract stored only up to a cut): such a
    fragment is shown only when there is nothing else, never beside a whole sentence."""
    return not _END.search(sentence)


def usable_fragment(sentence: str) -> bool:
    """Whether a sentence cut off at the end of a stored abstract still says what was
    concluded ("The results suggest that X might be a promising treatment for ..."): only
    then is it worth showing; any other fragment is left out when a whole sentence exists."""
    return bool(_CONCLUDING.search(sentence))


def is_background(sentence: str) -> bool:
    """A definition or a report of what is known, unless it judges or hedges ("X is a safe
    adjunct that may...", "is associated with"): an author's verdict, often the conclusion."""
    return bool(BACKGROUND.search(sentence)) and not _VERDICT.search(sentence)


def states_finding(sentence: str, agenda: bool = False, cue: float = 0.0) -> bool:
    """A sentence saying what was found or concluded: a verb or judgement of a result (or a
    conclusion cue worth ``CUE_MIN`` by the caller's count), and neither background, aim,
    method nor only a call for more work."""
    return (
        (cue >= CUE_MIN or bool(_FINDING.search(sentence)))
        and not agenda
        and not AGENDA.search(sentence)
        and not is_background(sentence)
        and not _NOT_FINDING.search(sentence)
    )


class Sentences:
    """An abstract's candidate sentences with what the caller knows of each: whether it only
    calls for more work (``agenda``) and its conclusion-cue score (``cues``). What each
    sentence is (background, a finding, ...) is worked out once, when first asked."""

    def __init__(
        self,
        texts: Sequence[str],
        agenda: Sequence[bool] = (),
        cues: Sequence[float] = (),
        structured: bool = False,
    ):
        self.texts = list(texts)
        n = len(self.texts)
        # What each check found of each sentence, once asked (None: not asked yet).
        self._known: dict[str, list[bool | None]] = {
            kind: [None] * n for kind in ("agenda", "background", "not_finding", "finding")
        }
        self.calls = [bool(i < len(agenda) and agenda[i]) or self._own_agenda(i) for i in range(n)]
        self.cues = [cues[i] if i < len(cues) else 0.0 for i in range(n)]
        self.structured = structured

    def _once(self, kind: str, i: int, check: Callable[[str], object]) -> bool:
        known = self._known[kind]
        if known[i] is None:
            known[i] = bool(check(self.texts[i]))
        return known[i]

    def _own_agenda(self, i: int) -> bool:
        return self._once("agenda", i, AGENDA.search)

    def background(self, i: int) -> bool:
        return self._once("background", i, is_background)

    def not_finding(self, i: int) -> bool:
        return self._once("not_finding", i, _NOT_FINDING.search)

    def finding(self, i: int) -> bool:
        """``states_finding`` of sentence ``i``, from the checks already made of it."""
        return self._once(
            "finding",
            i,
            lambda text: (
                (self.cues[i] >= CUE_MIN or _FINDING.search(text))
                and not self.calls[i]
                and not self._own_agenda(i)
                and not self.background(i)
                and not self.not_finding(i)
            ),
        )

    def eligible(self) -> list[int]:
        """Indices a bottom line may come from: not a final fragment that concludes nothing
        (unless it is all there is); in a paragraph abstract, past the first third (and past
        "We describe the case of...") when a later sentence states a finding."""
        n = _usable_end(self.texts)
        if self.structured:
            return list(range(n))
        start = n // 3 if n >= 3 else 0
        openers = [i for i, text in enumerate(self.texts[:n]) if CASE_OPENER.search(text)]
        if openers and openers[-1] + 1 < n:
            start = max(start, openers[-1] + 1)
        later = [i for i in range(start, n) if self.finding(i)]
        return list(range(start, n)) if later else list(range(n))

    def adjusted(
        self, scores: Sequence[float], pool: Sequence[int], truncated: bool
    ) -> list[float]:
        """``scores`` with the background, not-a-finding and agenda penalties, and the closing
        bonus for the last sentence of ``pool`` that states a finding (none when the abstract
        was truncated: its real end is not there)."""
        out = []
        for score, adds in zip(scores, self.additions(pool, truncated), strict=True):
            for add in adds:
                score += add
            out.append(score)
        return out

    def additions(self, pool: Sequence[int], truncated: bool) -> list[tuple[float, ...]]:
        """What ``adjusted`` adds to each sentence's score, in the order it adds them."""
        closing = None
        if not truncated:
            closing = next((i for i in reversed(pool) if self.finding(i)), None)
        out = []
        for i in range(len(self.texts)):
            adds = []
            if self.background(i):
                adds.append(BACKGROUND_PENALTY)
            if self.not_finding(i):
                adds.append(NOT_FINDING_PENALTY)
            if self._own_agenda(i):
                adds.append(AGENDA_PENALTY)
            if i == closing:
                adds.append(CLOSING_BONUS)
            out.append(tuple(adds))
        return out

    def may_follow(self, i: int) -> bool:
        """Whether sentence ``i``, a neighbour of the chosen one, may be shown with it."""
        return not is_cut(self.texts[i]) and (self.structured or self.finding(i))


def _usable_end(texts: Sequence[str]) -> int:
    """How many sentences count: all but a final fragment that concludes nothing (shown only
    when it is all there is)."""
    n = len(texts)
    if n > 1 and is_cut(texts[-1]) and not usable_fragment(texts[-1]):
        return n - 1
    return n
