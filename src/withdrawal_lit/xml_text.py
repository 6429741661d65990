"""Text out of E-utilities XML elements: inline markup (<i>, <sup>, MathML) flattened and
whitespace collapsed (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element

MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"


def flat_text(elem: Element | None) -> str | None:
    """The element's text with inline markup (<i>, <sup>, MathML...) flattened, whitespace
    collapsed; None when absent or empty."""
    if elem is None:
        return None
    if len(elem):
        parts: list[str] = []
        _collect(elem, parts)
        raw = "".join(parts)
    else:
        raw = elem.text
        if not raw:
            return None
    return " ".join(raw.split()) or None


def _collect(elem: Element, parts: list[str]) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        if child.tag == "math" or child.tag.startswith(MATHML_NS):
            _collect_math(child, parts)
        else:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _collect_math(elem: Element, parts: list[str]) -> None:
    """MathML: keep only the leaves' text, so indentation between tokens does not split
    'V̇O2max' into 'V . O 2 m a x'."""
    if len(elem):
        for child in elem:
            _collect_math(child, parts)
    elif elem.text:
        parts.append(elem.text)


def child_text(parent: Element | None, path: str) -> str | None:
    return None if parent is None else flat_text(parent.find(path))


def nested(parent: Element | None, child: str, grandchild: str | None = None) -> list[Element]:
    """What ``parent.iterfind("child/grandchild")`` (or ``"child/*"``) finds, in document
    order, through C-level ``findall`` instead of ElementPath's pure-Python walk."""
    if parent is None:
        return []
    if grandchild is None:
        return [g for c in parent.findall(child) for g in c]
    return [g for c in parent.findall(child) for g in c.findall(grandchild)]


def flat_texts(elems: Iterable[Element]) -> tuple[str, ...]:
    return tuple(t for t in (flat_text(e) for e in elems) if t)


def tagged_messages(parent: Element | None) -> tuple[str, ...]:
    """ErrorList / WarningList children as 'Tag: text', e.g. 'PhraseNotFound: abcXYZ'."""
    if parent is None:
        return ()
    return tuple(f"{child.tag}: {text}" for child in parent if (text := flat_text(child)))
