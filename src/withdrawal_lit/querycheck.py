"""What PubMed did with a search term: its messages and the translation it ran (pure).

PubMed does not refuse a term it cannot read as written; it quietly changes it. A quoted
phrase missing from its phrase index is searched as separate words (QuotedPhraseNotFound), a
heading or substance name it does not know is dropped (PhraseNotFound), an unknown field tag
makes the term fail (FieldNotFound), and stopwords are ignored (PhraseIgnored). esearch
reports these in its ErrorList and WarningList and shows the search it really ran in the
QueryTranslation. ``review`` compares the term as written with both and says, term by term,
what was not searched as written. No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Field tags as PubMed's QueryTranslation names them.
FIELD_NAMES = {
    "tiab": "Title/Abstract", "title/abstract": "Title/Abstract", "ti": "Title",
    "title": "Title", "ab": "Abstract", "abstract": "Abstract", "tw": "Text Word",
    "text word": "Text Word", "mh": "MeSH Terms", "mesh": "MeSH Terms",
    "mesh terms": "MeSH Terms", "majr": "MeSH Major Topic", "mesh major topic": "MeSH Major Topic",
    "pt": "Publication Type", "publication type": "Publication Type", "la": "Language",
    "language": "Language", "nm": "Supplementary Concept", "supplementary concept":
    "Supplementary Concept", "substance name": "Supplementary Concept",
    "pa": "Pharmacological Action", "pharmacological action": "Pharmacological Action",
    "ot": "Other Term", "other term": "Other Term", "all": "All Fields",
    "all fields": "All Fields", "au": "Author", "ta": "Journal", "dp": "Date - Publication",
    "edat": "Date - Entry", "mdat": "Date - Modification",
}  # fmt: skip
# Vocabulary fields: a term here is a name PubMed must know (a heading, a substance).
VOCABULARY_FIELDS = {
    "MeSH Terms", "MeSH Major Topic", "Supplementary Concept", "Pharmacological Action",
    "Publication Type",
}  # fmt: skip
ERROR_KINDS = ("PhraseNotFound", "FieldNotFound")
WARNING_KINDS = ("QuotedPhraseNotFound", "PhraseIgnored", "OutputMessage")
OPERATORS = {"AND", "OR", "NOT"}
# A term's pieces: a quoted phrase, a [field tag], a parenthesis or a bare word.
TOKEN_RE = re.compile(
    r'"(?P<phrase>[^"]*)"|\[(?P<tag>[^\]]*)\]|(?P<paren>[()])|(?P<word>[^\s()\[\]"]+)'
)


@dataclass(frozen=True, slots=True)
class Leaf:
    """One searched term: its text, its field (canonical name, or None untagged), quoted."""

    text: str
    field: str | None = None
    quoted: bool = False

    @property
    def key(self) -> str:
        return normal(self.text)

    @property
    def is_name(self) -> bool:
        """A MeSH heading, substance, pharmacological action or publication type."""
        return base_field(self.field) in VOCABULARY_FIELDS

    def show(self) -> str:
        text = f'"{self.text}"' if self.quoted else self.text
        return f"{text}[{self.field}]" if self.field else text


@dataclass
class Review:
    """Everything worth saying about one term after PubMed ran it."""

    messages: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) as NCBI wrote
    dropped: list[Leaf] = field(default_factory=list)  # not in the translation at all
    split: list[Leaf] = field(default_factory=list)  # searched as separate words
    problems: list[str] = field(default_factory=list)  # why the check fails, one line each

    @property
    def ok(self) -> bool:
        return not self.problems


def normal(text: str) -> str:
    """Text as compared: lower case, punctuation other than * read as a space."""
    return " ".join(re.sub(r"[^\w*]+|_", " ", text.lower()).split())


def base_field(name: str | None) -> str | None:
    return name.split(":", 1)[0] if name else None


def canonical_field(tag: str) -> str:
    """'tiab' -> 'Title/Abstract'; 'Mesh:NoExp' -> 'MeSH Terms:noexp'; unknown tags as given."""
    name, _, option = " ".join(tag.split()).partition(":")
    canonical = FIELD_NAMES.get(name.lower(), name)
    return f"{canonical}:{option.lower()}" if option else canonical


def leaves(term: str) -> list[Leaf]:
    """The searched terms of a PubMed term, operators and parentheses left out.

    Bare words run together before a tag are one phrase (``opioid withdrawal[tiab]``), as
    PubMed reads them.
    """
    out: list[Leaf] = []
    run = 0  # bare words at the end of ``out``
    for match in TOKEN_RE.finditer(term):
        if match.group("phrase") is not None:
            out.append(Leaf(match.group("phrase"), quoted=True))
            run = 0
        elif match.group("tag") is not None:
            if out and out[-1].field is None:
                take = max(run, 1)
                words = out[len(out) - take :]
                del out[len(out) - take :]
                text = " ".join(leaf.text for leaf in words)
                quoted = len(words) == 1 and words[0].quoted
                out.append(Leaf(text, canonical_field(match.group("tag")), quoted))
            run = 0
        elif match.group("paren") or match.group("word") in OPERATORS:
            run = 0
        else:
            out.append(Leaf(match.group("word")))
            run += 1
    return out


def review(
    term: str, translation: str | None, errors: tuple[str, ...], warnings: tuple[str, ...]
) -> Review:
    """Compare ``term`` with what PubMed said (``"Kind: text"`` messages) and ran."""
    result = Review()
    for message in (*errors, *warnings):
        kind, _, text = message.partition(": ")
        result.messages.append((kind, text))
    written = [leaf for leaf in leaves(term) if leaf.field or leaf.quoted]
    ran = leaves(translation or "")
    ran_keys = {(leaf.key, base_field(leaf.field)) for leaf in ran}
    ran_words = {(word, base_field(leaf.field)) for leaf in ran for word in leaf.key.split()}
    not_found = {normal(_strip_tag(text)) for kind, text in result.messages if kind in
                 ("PhraseNotFound", "QuotedPhraseNotFound")}  # fmt: skip

    if translation:
        for leaf in dict.fromkeys(written):
            place = base_field(leaf.field) or "All Fields"
            if (leaf.key, place) in ran_keys or (leaf.key, None) in ran_keys:
                continue
            words = leaf.key.split()
            if len(words) > 1 and all((w, place) in ran_words for w in words):
                result.split.append(leaf)
            elif leaf.key not in not_found:
                result.dropped.append(leaf)

    reported = set()
    for kind, text in result.messages:
        if kind == "FieldNotFound":
            result.problems.append(f"PubMed does not know the field tag [{text}]")
        elif kind in ("PhraseNotFound", "QuotedPhraseNotFound"):
            leaf = _written(written, text)
            if leaf is not None and (leaf.is_name or leaf.quoted):
                reported.add(leaf)
                what = _kind_of(leaf)
                result.problems.append(f"{what} {leaf.show()} not found in PubMed ({kind})")
    for leaf in result.split:
        if leaf not in reported and (leaf.is_name or leaf.quoted):
            result.problems.append(
                f"{_kind_of(leaf)} {leaf.show()} was split into separate words by PubMed"
            )
    for leaf in result.dropped:
        if leaf.is_name or leaf.quoted:
            result.problems.append(
                f"{_kind_of(leaf)} {leaf.show()} is missing from the search PubMed ran"
            )
    return result


def _strip_tag(text: str) -> str:
    return re.sub(r"\[[^\]]*\]$", "", text.strip()).strip()


def _written(written: list[Leaf], text: str) -> Leaf | None:
    """The written term an NCBI message names (NCBI may or may not keep quotes and tags)."""
    key = normal(_strip_tag(text))
    for leaf in written:
        if leaf.key == key:
            return leaf
    return None


def _kind_of(leaf: Leaf) -> str:
    field_name = base_field(leaf.field)
    if field_name in ("MeSH Terms", "MeSH Major Topic"):
        return "heading"
    if field_name == "Supplementary Concept":
        return "substance name"
    if field_name == "Pharmacological Action":
        return "pharmacological action"
    if field_name == "Publication Type":
        return "publication type"
    return "quoted phrase"
