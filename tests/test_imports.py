"""Imports stand at module top, except the few withdrawal_lit/deferred_imports.py lists with
what each saves at start-up; and the start-ups those deferrals keep quick load none of them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import withdrawal_lit
from withdrawal_lit.deferred_imports import DEFERRED, allowed

PACKAGE = Path(withdrawal_lit.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> list[str]:
    """The modules an import statement names (``from pkg import module`` names the module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: resolved against the importing module's package
        package = importer.split(".")
        package = package if is_package else package[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
    names = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        path = PACKAGE.parent.joinpath(*sub.split("."))
        names.append(sub if path.with_suffix(".py").is_file() or path.is_dir() else base)
    return names


def in_function_imports() -> list[tuple[str, int, str]]:
    """(importing module, line, imported module) for every import inside a function."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        for target in _targets(node, importer, path.name == "__init__.py"):
                            found.add((importer, node.lineno, target))
    return sorted(found)


def test_every_in_function_import_is_a_listed_deferral():
    stray = [f"{a}:{line} imports {b}" for a, line, b in in_function_imports() if not allowed(a, b)]
    assert not stray, (
        "import these at module top, or measure what they cost at start-up and list them in "
        "withdrawal_lit/deferred_imports.py:\n" + "\n".join(stray)
    )


def test_every_listed_deferral_is_still_used():
    seen = in_function_imports()
    unused = [
        (where, what)
        for where, what in DEFERRED
        if not any(allowed(a, b) and (a + ".").startswith(where + ".") and
                   (b + ".").startswith(what + ".") for a, _, b in seen)
    ]  # fmt: skip
    assert not unused, f"deferrals nothing uses any more: {unused}"


def test_the_scan_sees_in_function_imports():
    found = in_function_imports()
    assert ("withdrawal_lit.services.ncbi_client", "requests") in {(a, b) for a, _, b in found}
    assert any(a == "withdrawal_lit.cli.search_cmds" and b == "withdrawal_lit.services.search"
               for a, _, b in found)  # fmt: skip


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize(
    ("start", "statement", "never"),
    [
        (
            "--help",
            "import withdrawal_lit.cli",
            ("rich", "requests", "Bio", "sqlite3", "withdrawal_lit.services",
             "withdrawal_lit.store", "withdrawal_lit.settings", "withdrawal_lit.queries"),
        ),
        (
            "search --offline",
            "import withdrawal_lit.cli, withdrawal_lit.cli.render, withdrawal_lit.cli.trials, "
            "withdrawal_lit.services.search, withdrawal_lit.services.open_cache",
            ("requests", "Bio", "withdrawal_lit.pubmed", "withdrawal_lit.ctgov",
             "withdrawal_lit.services.sync", "withdrawal_lit.services.ncbi_client"),
        ),
    ],
)  # fmt: skip
def test_the_deferrals_keep_a_start_up_light(start, statement, never):
    loaded = _loaded_after(statement)
    heavy = sorted(m for m in loaded if any(m == n or m.startswith(n + ".") for n in never))
    assert not heavy, f"{start} now imports {heavy}"
