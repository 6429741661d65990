"""Reading a PubMed search term locally (pure): the form sent to NCBI and its hash, the
cheap syntax check (quotes, parentheses, [field tags]), and the boolean parse that turns a term
into concept groups (one synonym group per AND-ed block) for ranking an ad-hoc search."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from withdrawal_lit.querycheck import OPERATORS, TOKEN_RE
from withdrawal_lit.roles import is_generic
from withdrawal_lit.term_phrases import names


def normalise_term(term: str) -> str:
    """The term as sent to NCBI: whitespace (newlines of a laid-out file) collapsed."""
    return " ".join(term.split())


def term_hash(term: str) -> str:
    """sha256 of the normalised term: tells whether a cached search ran this exact term."""
    return hashlib.sha256(normalise_term(term).encode("utf-8")).hexdigest()


def term_syntax_problem(term: str) -> tuple[int, str, str] | None:
    """(offset, problem, fix) for unbalanced quotes, parentheses or [field tags]; else None.

    Parentheses and brackets inside a quoted phrase are part of the phrase, as in PubMed.
    """
    quote_at: int | None = None
    tag_at: int | None = None
    opened: list[int] = []
    for i, char in enumerate(term):
        if char == '"':
            quote_at = i if quote_at is None else None
        elif quote_at is not None:
            continue
        elif char == "[":
            if tag_at is not None:
                return i, "'[' inside a field tag", "close the tag with ']' first"
            tag_at = i
        elif char == "]":
            if tag_at is None:
                return i, "']' has no matching '['", "remove it or add the missing '['"
            tag_at = None
        elif tag_at is not None:
            continue
        elif char == "(":
            opened.append(i)
        elif char == ")":
            if not opened:
                return (
                    i,
                    "unbalanced parentheses: ')' has no matching '('",
                    "remove it or add the missing '('",
                )
            opened.pop()
    if quote_at is not None:
        return quote_at, 'unbalanced quotes: a " is never closed', 'add the closing "'
    if tag_at is not None:
        return tag_at, "a field tag '[' is never closed", "add the closing ']'"
    if opened:
        more = f" ({len(opened)} in all; the last is reported)" if len(opened) > 1 else ""
        return (
            opened[-1],
            f"unbalanced parentheses: '(' is never closed{more}",
            "add the missing ')'",
        )
    return None


# Field tags whose words say what a record is about; words under any other tag (language,
# dates, publication type, author, journal...) are filters, not concepts.
_TOPICAL_TAGS = {
    "tiab", "title/abstract", "ti", "title", "ab", "abstract", "tw", "text word", "all",
    "all fields", "ot", "other term", "nm", "supplementary concept", "substance name",
    "pa", "pharmacological action", "mesh", "mh", "mesh terms", "majr", "mesh major topic",
}  # fmt: skip
_MESH_TAGS = {"mesh", "mh", "mesh terms", "majr", "mesh major topic"}
# Function words of PubMed's stopword list: never searched, never a concept.
_STOPWORDS = {
    "a", "about", "among", "an", "and", "are", "as", "at", "be", "been", "between", "both",
    "but", "by", "can", "during", "each", "for", "from", "had", "has", "have", "in", "into",
    "is", "its", "not", "of", "on", "or", "than", "that", "the", "their", "these", "this",
    "those", "through", "to", "upon", "was", "were", "what", "when", "which", "while", "with",
    "within",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Leaf:
    text: str
    tag: str | None = None
    bare: bool = False  # words typed side by side, unquoted and untagged


@dataclass(frozen=True, slots=True)
class _Op:
    op: str  # AND, OR, NOT
    left: _Node
    right: _Node


_Node = _Leaf | _Op | None


def term_concepts(term: str) -> tuple[tuple[str, ...], ...]:
    """Synonym groups of a PubMed term: one per AND-ed block, NOT-ed parts left out.

    PubMed reads boolean operators left to right, so ``a OR b AND c`` is ``(a OR b) AND c``;
    words inside an OR-ed (parenthesised) block form one group. Field tags, operators,
    numbers and wildcards are dropped, as are words under non-topical tags such as [la] or [dp].
    """
    tokens = _tokens(term)
    tree, _ = _parse_sequence(tokens, 0)
    groups: list[tuple[str, ...]] = []
    for block in _and_blocks(tree):
        words = tuple(dict.fromkeys(w for leaf in _leaves(block) for w in _alternatives(leaf)))
        if words and words not in groups:
            groups.append(words)
    return tuple(groups)


def _tokens(term: str) -> list[object]:
    """Operands (_Leaf), operators ('AND'/'OR'/'NOT') and parentheses, tags attached.

    Words typed side by side are one operand, as PubMed reads them (it splits a term at its
    operators, then maps each part): ``opioid withdrawal OR morphine withdrawal`` is
    ``(opioid withdrawal) OR (morphine withdrawal)``. A tag after them makes them one tagged
    phrase (``opioid withdrawal[tiab]``).
    """
    out: list[object] = []
    for match in TOKEN_RE.finditer(term):
        last = out[-1] if out else None
        if match.group("phrase") is not None:
            out.append(_Leaf(match.group("phrase")))
        elif match.group("tag") is not None:
            if isinstance(last, _Leaf):
                out[-1] = _Leaf(last.text, match.group("tag"))
        elif match.group("paren"):
            out.append(match.group("paren"))
        elif match.group("word") in OPERATORS:
            out.append(match.group("word"))
        elif isinstance(last, _Leaf) and last.bare:
            out[-1] = _Leaf(f"{last.text} {match.group('word')}", bare=True)
        else:
            out.append(_Leaf(match.group("word"), bare=True))
    return out


def _parse_sequence(tokens: list[object], i: int) -> tuple[_Node, int]:
    """Operands joined left to right; adjacent operands are an implicit AND."""
    node: _Node = None
    op = "AND"
    while i < len(tokens) and tokens[i] != ")":
        token = tokens[i]
        if token in OPERATORS:
            op = token
            i += 1
            continue
        if token == "(":
            operand, i = _parse_sequence(tokens, i + 1)
            i += 1  # the ')' (balance was checked before)
        else:
            operand, i = token, i + 1
        if operand is not None:
            node = operand if node is None else _Op(op, node, operand)
        op = "AND"
    return node, i


def _and_blocks(node: _Node) -> list[_Node]:
    """The AND-ed blocks; words typed side by side outside any OR are one block each, as
    PubMed ANDs them (``kratom AND opioid withdrawal``: kratom, opioid, withdrawal), but for
    a plant's two-word name; inside an OR they stay one alternative (a phrase of the
    group)."""
    if isinstance(node, _Op) and node.op == "AND":
        return _and_blocks(node.left) + _and_blocks(node.right)
    if isinstance(node, _Op) and node.op == "NOT":
        return _and_blocks(node.left)
    if isinstance(node, _Leaf) and node.bare:
        # a plant's binomial name stays one name (term_phrases.names)
        return [_Leaf(word, bare=" " not in word) for word in names(node.text.split())]
    return [node] if node is not None else []


def _leaves(node: _Node) -> list[_Leaf]:
    if isinstance(node, _Leaf):
        return [node]
    if isinstance(node, _Op):
        return _leaves(node.left) + ([] if node.op == "NOT" else _leaves(node.right))
    return []


def _alternatives(leaf: _Leaf) -> list[str]:
    """What a record may say for one OR-ed alternative: its words as a phrase; for words
    typed side by side, which PubMed ANDs rather than reads as a phrase, also each word but
    generic ones ("use" of "opioid use disorder", "effects" of "adverse effects")."""
    phrase = _concept_word(leaf)
    if phrase is None:
        return []
    words = phrase.split()
    if not leaf.bare or len(words) == 1:
        return [phrase]
    return [phrase, *(w for w in words if w not in _STOPWORDS and not is_generic([w]))]


def _concept_word(leaf: _Leaf) -> str | None:
    text = leaf.text
    if leaf.tag is not None:
        tag = " ".join(leaf.tag.lower().split(":", 1)[0].split())
        if tag not in _TOPICAL_TAGS:
            return None
        if tag in _MESH_TAGS:
            text = text.split("/", 1)[0]  # "Mitragyna/adverse effects" -> the descriptor
    words = re.sub(r"[^\w' -]|_", " ", text.lower()).split()
    words = [w.strip("'-") for w in words]
    if len(words) == 1 and words[0] in _STOPWORDS:
        return None
    phrase = " ".join(w for w in words if w)
    if not re.search(r"[^\W\d_]", phrase):  # no letters: a number, a date, a range
        return None
    return phrase
