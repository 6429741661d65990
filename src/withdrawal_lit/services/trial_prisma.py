"""The register's part of a PRISMA 2020 identification block: ClinicalTrials.gov searches.

PRISMA 2020 counts "Records identified from: Databases (n = ...) and Registers (n = ...)".
Per question: the registry term as sent, when it was last brought up to date, and how many
registrations it returns; then the duplicates (trials more than one question found).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from withdrawal_lit.records import Query
from withdrawal_lit.store import Store

REGISTER = "ClinicalTrials.gov"
PLATFORM = "ClinicalTrials.gov API v2"


@dataclass(frozen=True)
class RegisterSearch:
    number: int
    name: str
    term: str
    searched_at: str
    results: int
    term_changed: bool


@dataclass
class RegisterPrisma:
    searches: list[RegisterSearch] = field(default_factory=list)
    total: int = 0
    unique: int = 0
    not_searched: list[str] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.total - self.unique

    def text(self) -> str:
        if not self.searches and not self.not_searched:
            return ""
        last = max((s.searched_at for s in self.searches), default="")[:10]
        width = max((len(s.name) for s in self.searches), default=10) + 2
        lines = [
            f"Records identified from Registers: {REGISTER} (n = {self.total}; "
            f"{len(self.searches)} searches, last searched {last or 'never'})",
        ]
        for s in self.searches:
            lines.append(f"  {s.name:<{width}} n = {s.results:<7} searched {s.searched_at[:10]}")
        lines += [
            f"  Duplicate registrations removed (found by more than one search): "
            f"n = {self.duplicates}",
            f"Registrations after duplicates removed (to screen): n = {self.unique}",
            "",
            "Register search strategy",
            "",
        ]
        for s in self.searches:
            lines += [
                f"Register search {s.number}: {s.name}",
                f"Register: {REGISTER}",
                f"Platform: {PLATFORM}",
                f"Date searched: {s.searched_at[:10]}",
                f"Search expression (query.term): {s.term}",
                f"Results: {s.results}",
            ]
            if s.term_changed:
                lines.append(
                    "Note: the query file's registry_term has changed since this search; run "
                    f"`withdrawal-lit refresh {s.name}` to search with it."
                )
            lines.append("")
        if self.not_searched:
            lines.append(
                "Not searched in the register yet (not counted): "
                + ", ".join(self.not_searched)
                + "; run `withdrawal-lit refresh` to include them."
            )
        return "\n".join(lines).rstrip() + "\n"

    def to_json(self) -> dict:
        return {
            "register": REGISTER,
            "identified": self.total,
            "duplicates_removed": self.duplicates,
            "after_duplicates_removed": self.unique,
            "per_query": [asdict(s) for s in self.searches],
            "not_searched": list(self.not_searched),
        }


def register_prisma(store: Store, queries: Sequence[Query]) -> RegisterPrisma:
    out = RegisterPrisma()
    found: set[str] = set()
    for query in queries:
        if not query.registry_term:
            continue
        state = store.trial_sync_state(query.name)
        if state is None or not state.last_success_at:
            out.not_searched.append(query.name)
            continue
        ids = store.trial_ids_for(query.name)
        found.update(ids)
        out.total += len(ids)
        out.searches.append(
            RegisterSearch(
                number=len(out.searches) + 1,
                name=query.name,
                term=state.term,
                searched_at=state.last_success_at,
                results=len(ids),
                term_changed=" ".join(query.registry_term.split()) != state.term,
            )
        )
    out.unique = len(found)
    return out
