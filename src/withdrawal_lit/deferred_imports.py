"""The only imports that stand inside functions, and what each saves at start-up.

Everywhere else imports are at module top, so a module's first lines show what it depends on;
tests/test_imports.py fails on an in-function import that ``DEFERRED`` does not allow, and on
an entry here that nothing uses any more. Nothing imports this module at run time.

Measured on 2026-12-06 (median of 5 fresh interpreters, each timing one import on top of what
the start-up already loaded; the machine shared, load average about 2, so read the figures as
rough): `withdrawal-lit --help` loads click, the cli package with its command modules, errors,
rank and the export formats, 37 ms of imports (0.05 s as a whole process). On top of that:

    rich.console 14 ms, rich.table 13 ms, rich.markup 10 ms, rich.progress 20 ms
    withdrawal_lit.cli.render 34 ms, withdrawal_lit.cli.trials 55 ms (rich and the services)
    withdrawal_lit.services.search 92 ms, services.refresh_run 141 ms (store, design, ...)
    withdrawal_lit.store 23 ms, withdrawal_lit.settings 10 ms,
    withdrawal_lit.queries / query_files 16 ms, cli.context 0.7 ms, design_vocabulary 0.6 ms,
    sqlite3 0.9 ms

so the command modules import these inside the command that needs them. A cached
`search --offline` talks to no server; on top of what it loads, requests costs 43 ms,
withdrawal_lit.pubmed (requests, Bio.Entrez) 45 ms and withdrawal_lit.ctgov (requests) 42 ms,
so the services import a client where they open one. `search` imports the PubMed sync and its
client only when a question needs PubMed: 20 ms (median of 5) on top of what a cached
`search --offline` loads, a fifteenth of its whole time.
"""

from __future__ import annotations

# (the importing modules, the imported modules): dotted prefixes, so "withdrawal_lit.cli"
# covers every command module and "rich" every rich module.
DEFERRED: tuple[tuple[str, str], ...] = (
    ("withdrawal_lit.cli", "rich"),
    ("withdrawal_lit.cli", "withdrawal_lit.cli.render"),
    ("withdrawal_lit.cli", "withdrawal_lit.cli.trials"),
    ("withdrawal_lit.cli", "withdrawal_lit.cli.context"),
    ("withdrawal_lit.cli", "withdrawal_lit.services"),
    ("withdrawal_lit.cli", "withdrawal_lit.store"),
    ("withdrawal_lit.cli", "withdrawal_lit.settings"),
    ("withdrawal_lit.cli", "withdrawal_lit.queries"),
    ("withdrawal_lit.cli", "withdrawal_lit.query_files"),
    ("withdrawal_lit.cli", "withdrawal_lit.design_vocabulary"),
    ("withdrawal_lit.cli", "sqlite3"),
    ("withdrawal_lit.services", "requests"),
    ("withdrawal_lit.services", "withdrawal_lit.pubmed"),
    ("withdrawal_lit.services", "withdrawal_lit.ctgov"),
    ("withdrawal_lit.services.search", "withdrawal_lit.services.ncbi_client"),
    ("withdrawal_lit.services.search", "withdrawal_lit.services.sync"),
)


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def allowed(importer: str, imported: str) -> bool:
    """Whether module ``importer`` may import module ``imported`` inside a function."""
    return any(_within(importer, a) and _within(imported, b) for a, b in DEFERRED)
