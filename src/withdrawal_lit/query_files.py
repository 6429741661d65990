"""Query files: loading and checking queries/*.toml (no network, no SQLite).

A query file is data, never code: it is parsed with ``tomllib`` and checked field by field, so a
mistake surfaces here as one line naming the file, the line and the fix, instead of as a PubMed
syntax error (or, worse, a silently different search) after a round trip to NCBI.

The shipped files live in the repository's queries/ (inside the wheel: withdrawal_lit/queries/);
a user's folder (--queries-dir / WITHDRAWAL_LIT_QUERIES) adds to them and overrides them by name.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from collections.abc import Sequence
from pathlib import Path

from withdrawal_lit import roles as roles_module
from withdrawal_lit.errors import QueryFileError
from withdrawal_lit.pubmed_term import normalise_term, term_syntax_problem
from withdrawal_lit.records import Query
from withdrawal_lit.registry_term import registry_term_problem

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
ADHOC_PREFIX = "adhoc-"  # reserved for --term searches, so a file cannot collide with one
REQUIRED_KEYS = ("name", "title", "question", "term", "concepts")
OPTIONAL_KEYS = ("tags", "notes", "registry_term", "roles")
KNOWN_KEYS = tuple(sorted(REQUIRED_KEYS + OPTIONAL_KEYS))
MAX_CONCEPTS = 4
MAX_TITLE = 100
MAX_FILE_BYTES = 1 << 20  # a query file is a few dozen lines; anything bigger is a mistake

# A ranking synonym: words and phrases as the full-text index sees them (letters, digits,
# spaces, hyphens, apostrophes), optionally one trailing * for a prefix match.
_SYNONYM_RE = re.compile(r"^[^\W_][\w' -]*\*?$")
_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")

_EXAMPLES = {
    "name": 'name = "kratom-sleep"',
    "title": 'title = "Kratom and sleep"',
    "question": 'question = "In people withdrawing from opioids, ...?"',
    "term": 'term = """("Mitragyna"[Mesh] OR kratom*[tiab]) AND sleep*[tiab]"""',
    "concepts": 'concepts = [["kratom", "mitragynine"], ["sleep", "insomnia"]]',
    "tags": 'tags = ["kratom", "sleep"]',
    "notes": 'notes = "why the search looks the way it does"',
    "registry_term": 'registry_term = """(kratom OR mitragynine) AND (opioid withdrawal)"""',
    "roles": roles_module.EXAMPLE,
}


def load_queries(dirs: Sequence[Path]) -> dict[str, Query]:
    """Every query in ``dirs``, by name and sorted; a later folder overrides an earlier one.

    Only ``*.toml`` files directly inside each folder are read (hidden files such as editor
    lock files are skipped); a symlink that leaves the folder is refused. Any problem raises
    ``QueryFileError`` naming the file. The first folder is the package's own: when it is
    missing, the hint is to restore it, not to point elsewhere.
    """
    merged: dict[str, Query] = {}
    for index, folder in enumerate(dirs):
        for query in _load_dir(Path(folder), shipped=index == 0):
            merged[query.name] = query
    return dict(sorted(merged.items()))


def _load_dir(folder: Path, shipped: bool = False) -> list[Query]:
    if not folder.exists() and shipped:
        raise QueryFileError(
            f"the predefined queries folder {folder} is missing",
            "reinstall withdrawal-lit, or in a source checkout restore it with "
            "'git checkout -- queries'",
        )
    if not folder.exists():
        raise QueryFileError(
            f"queries folder {folder} does not exist",
            "create it, or point --queries-dir / WITHDRAWAL_LIT_QUERIES at an existing folder",
        )
    if not folder.is_dir():
        raise QueryFileError(
            f"queries folder {folder} is not a folder",
            "point --queries-dir / WITHDRAWAL_LIT_QUERIES at a folder of *.toml files",
        )
    root = folder.resolve()
    paths = sorted(
        folder / entry
        for entry in os.listdir(folder)
        if entry.endswith(".toml") and not entry.startswith(".")
    )
    parsed = []
    for path in paths:
        text = _read_file(path, root)
        parsed.append((path, text, _parse(path, text)))

    # Duplicates first, so a copied file whose name was not changed is reported as a copy
    # (the file whose name does not match is the one to blame).
    by_name: dict[str, list[tuple[Path, str]]] = {}
    for path, text, query in parsed:
        by_name.setdefault(query.name, []).append((path, text))
    for name, files in by_name.items():
        if len(files) > 1:
            files.sort(key=lambda file: file[0].stem != name)
            (original, _), (path, text) = files[0], files[1]
            raise _file_error(
                path,
                f"name '{name}' is already used by {original.name} in the same folder",
                "give each query its own name and name its file after it",
                _key_line(text, "name"),
            )
    for path, text, query in parsed:
        if query.name != path.stem:
            raise _file_error(
                path,
                f"name '{query.name}' does not match the file name",
                f'rename the file to {query.name}.toml or set name = "{path.stem}"',
                _key_line(text, "name"),
            )
    return [query for _, _, query in parsed]


def _read_file(path: Path, root: Path) -> str:
    """The file's text, refusing links out of the folder, non-files and non-UTF-8 bytes."""
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise _file_error(path, "is a link that never ends", "remove it") from None
        if not target.is_relative_to(root):
            raise _file_error(
                path,
                f"is a link to {target}, outside the queries folder; refused",
                "copy the file into the folder instead of linking to it",
            )
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _file_error(path, "is a broken link", "remove it or fix its target") from None
    except OSError as exc:
        raise _file_error(path, f"cannot be read: {exc.strerror}", "fix its permissions") from None
    if not stat.S_ISREG(info.st_mode):
        raise _file_error(path, "is not a regular file", "rename or remove it")
    if info.st_size > MAX_FILE_BYTES:
        raise _file_error(
            path,
            f"is {info.st_size} bytes; a query file is a few dozen lines",
            "check that this is the file you meant to put in the queries folder",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _file_error(path, f"cannot be read: {exc.strerror}", "fix its permissions") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _file_error(
            path,
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8",
            line,
        ) from None


def _parse(path: Path, text: str) -> Query:
    """Parse and check one query file's text; ``path`` names it in errors and in the Query."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION_RE.search(message)
        line = int(match.group(1)) if match else None
        reason = message[: match.start()] if match else message
        where = f" at line {match.group(1)}, column {match.group(2)}" if match else ""
        raise _file_error(
            path,
            f"invalid TOML: {reason}",
            f"fix the syntax{where} (strings need quotes; a multi-line term goes in"
            ' triple quotes """ ... """)',
            line,
        ) from None

    for key in data:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
            suggestion = f"did you mean '{close[0]}'? " if close else ""
            raise _file_error(
                path,
                f"unknown key '{key}'",
                f"{suggestion}known keys: {', '.join(KNOWN_KEYS)}",
                _key_line(text, key),
            )
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _file_error(path, f"missing required key '{key}'", f"add e.g. {_EXAMPLES[key]}")

    strings = {}
    for key in ("name", "title", "question", "term", "notes", "registry_term"):
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str):
            raise _type_error(path, text, key, "a string", value)
        if key in REQUIRED_KEYS and not value.strip():
            raise _file_error(
                path, f"'{key}' is empty", f"write e.g. {_EXAMPLES[key]}", _key_line(text, key)
            )
        strings[key] = value

    title = " ".join(strings["title"].split())
    if len(title) > MAX_TITLE:
        raise _file_error(
            path,
            f"'title' is {len(title)} characters; at most {MAX_TITLE} fit in listings",
            "shorten it and leave the detail to 'question'",
            _key_line(text, "title"),
        )

    name = strings["name"]
    if not NAME_RE.match(name) or name.startswith(ADHOC_PREFIX):
        problem = (
            f"name '{name}' starts with '{ADHOC_PREFIX}', which is kept for --term searches"
            if NAME_RE.match(name)
            else f"name '{name}' is not a valid query name"
        )
        raise _file_error(
            path,
            problem,
            "use 2-63 lower-case letters, digits and hyphens, starting with a letter or digit"
            " (e.g. 'kratom-sleep'), and name the file <name>.toml",
            _key_line(text, "name"),
        )

    term = strings["term"]
    problem = term_syntax_problem(term)
    if problem:
        offset, what, fix = problem
        line = _value_line(text, "term")
        if line is not None:
            line += term[:offset].count("\n")
        raise _file_error(path, f"term: {what}", fix, line)

    registry_term = _registry_term(path, text, strings.get("registry_term"))
    tags = _tags(path, text, data.get("tags", []))
    concepts = _concepts(path, text, data["concepts"])
    roles: tuple[str, ...] = ()
    if "roles" in data:
        try:
            roles = roles_module.check(data["roles"], len(concepts))
        except roles_module.RoleError as exc:
            raise _file_error(path, exc.problem, exc.fix, _key_line(text, "roles")) from None
    return Query(
        name=name,
        title=title,
        question=" ".join(strings["question"].split()),
        term=term.strip(),
        tags=tags,
        concepts=concepts,
        path=str(path),
        registry_term=registry_term,
        roles=roles or roles_module.infer(concepts),
    )


def _registry_term(path: Path, text: str, value: str | None) -> str | None:
    """The ClinicalTrials.gov search expression, whitespace collapsed; None when absent."""
    if value is None:
        return None
    problem = registry_term_problem(value)
    if problem:
        raise _file_error(
            path, f"registry_term: {problem[0]}", problem[1], _key_line(text, "registry_term")
        )
    return normalise_term(value)


def _tags(path: Path, text: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise _type_error(path, text, "tags", "a list of non-empty strings", value)
    return tuple(dict.fromkeys(t.strip() for t in value))


def _concepts(path: Path, text: str, value: object) -> tuple[tuple[str, ...], ...]:
    """1-4 synonym groups, lower-cased and de-duplicated, each synonym a plain word or phrase."""
    line = _key_line(text, "concepts")
    fix = f"write e.g. {_EXAMPLES['concepts']}: one list of synonyms per concept of the question"
    if not isinstance(value, list) or not value:
        raise _file_error(
            path, "'concepts' must be a non-empty list of lists of strings", fix, line
        )
    if len(value) > MAX_CONCEPTS:
        raise _file_error(
            path,
            f"'concepts' has {len(value)} groups; at most {MAX_CONCEPTS} are used",
            "merge groups that name the same concept",
            line,
        )
    groups = []
    for i, group in enumerate(value, start=1):
        if not isinstance(group, list) or not group:
            raise _file_error(
                path, f"concepts group {i} must be a non-empty list of strings", fix, line
            )
        synonyms = []
        for synonym in group:
            if not isinstance(synonym, str) or not synonym.strip():
                raise _file_error(
                    path,
                    f"concepts group {i} holds {synonym!r}; every synonym must be a non-empty"
                    " string",
                    fix,
                    line,
                )
            plain = " ".join(synonym.lower().split())
            if not _SYNONYM_RE.match(plain):
                raise _file_error(
                    path,
                    f"concepts group {i}: {synonym!r} is not a plain word or phrase",
                    "drop field tags, quotes, brackets and boolean operators: concepts rank"
                    " cached records by the words in them (a trailing * matches a prefix)",
                    line,
                )
            synonyms.append(plain)
        groups.append(tuple(dict.fromkeys(synonyms)))
    return tuple(groups)


def _type_error(path: Path, text: str, key: str, want: str, value: object) -> QueryFileError:
    return _file_error(
        path,
        f"'{key}' must be {want}, not {_toml_type(value)}",
        f"write e.g. {_EXAMPLES[key]}",
        _key_line(text, key),
    )


def _toml_type(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    for kind, label in names.items():
        if type(value) is kind:
            return label
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a table"
    return "a date/time"


def _file_error(path: Path, problem: str, hint: str, line: int | None = None) -> QueryFileError:
    where = f"{path}:{line}" if line else str(path)
    return QueryFileError(f"query file {where}: {problem}", hint)


def _key_line(text: str, key: str) -> int | None:
    """The 1-based line on which a top-level key is set (or its [table] opens), if found."""
    quoted = re.escape(key)
    pattern = re.compile(
        rf"""^\s*(?:(?:{quoted}|"{quoted}"|'{quoted}')\s*=|\[\s*(?:{quoted}|"{quoted}")\s*\])"""
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _value_line(text: str, key: str) -> int | None:
    """The line a string value's first character is on (a newline right after ''' is dropped)."""
    line = _key_line(text, key)
    if line is None:
        return None
    rest = text.splitlines()[line - 1].split("=", 1)[-1].strip()
    return line + 1 if rest in ('"""', "'''") else line
