"""Registered trials in the cache: the studies, which question found which, paper links, changes.

Tables (migration 005): ``trials`` (one row per NCT id: the parsed Trial as JSON, the raw
study JSON the register sent, and indexed columns), ``trial_hits`` (question -> NCT id),
``trial_links`` (NCT id <-> PMID, with how the link was found), ``trial_sync`` (per question:
the register term, its hash, the last count and the last-update high-water mark) and
``trial_changes`` (what each sync saw change: a new trial, a status change, results posted).
Writes happen inside ``Database.transaction()``, one transaction per page of studies.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from withdrawal_lit.records import Article
from withdrawal_lit.store.bulk import where_in
from withdrawal_lit.store.connection import Part
from withdrawal_lit.trials import Trial, nct_ids_in_text, normalise_nct

PAPER_SOURCES = ("databank", "abstract")


@dataclass(frozen=True, slots=True)
class TrialSyncState:
    query: str
    term: str
    term_hash: str
    last_count: int | None
    update_high: str | None  # the latest last-update posted date seen (YYYY-MM-DD)
    last_success_at: str | None


@dataclass(frozen=True, slots=True)
class TrialChange:
    nct_id: str
    kind: str  # new, status, results, updated
    old: str | None
    new: str | None
    at: str
    query: str

    def describe(self) -> str:
        if self.kind == "new":
            return f"new trial ({self.new})"
        if self.kind == "status":
            return f"status {self.old} -> {self.new}"
        if self.kind == "results":
            return f"results posted {self.new or ''}".strip()
        return "record updated"


@dataclass(frozen=True, slots=True)
class StoredTrial:
    trial: Trial
    first_seen_at: str
    fetched_at: str


class TrialQueries(Part):
    """Everything the cache knows about registered trials."""

    # -- writing (inside a transaction) --------------------------------------------------
    def save_trials(
        self,
        query: str | None,
        items: Iterable[tuple[Trial, str]],
        seen_at: str,
        *,
        record: bool = True,
    ) -> list[TrialChange]:
        """Insert or replace studies (``(trial, raw JSON)``), note that ``query`` found them,
        link them to papers, and record what changed (not for a study asked for by its id,
        ``query`` None; nor when ``record`` is false: a question's first search, whose every
        trial would be "new"). Returns the changes."""
        changes: list[TrialChange] = []
        cur = self.conn.cursor()
        for trial, raw in items:
            data = json.dumps(trial.to_dict(), ensure_ascii=False, separators=(",", ":"))
            row = cur.execute(
                "SELECT data FROM trials WHERE nct_id = ?", (trial.nct_id,)
            ).fetchone()
            values = (
                trial.status,
                "/".join(trial.phases),
                trial.study_type,
                trial.start_date,
                trial.primary_completion_date,
                trial.last_update_posted,
                int(trial.has_results),
                data,
                raw,
            )
            if row is None:
                cur.execute(
                    "INSERT INTO trials (status, phases, study_type, start_date, "
                    "primary_completion_date, last_update_posted, has_results, data, raw, "
                    "nct_id, first_seen_at, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*values, trial.nct_id, seen_at, seen_at),
                )
                changes.append(TrialChange(trial.nct_id, "new", None, trial.status, seen_at, query))
            else:
                if row["data"] != data:
                    changes.extend(_differences(Trial.from_dict(json.loads(row["data"])), trial,
                                                seen_at, query))  # fmt: skip
                cur.execute(
                    "UPDATE trials SET status=?, phases=?, study_type=?, start_date=?, "
                    "primary_completion_date=?, last_update_posted=?, has_results=?, data=?, "
                    "raw=?, fetched_at=? WHERE nct_id=?",
                    (*values, seen_at, trial.nct_id),
                )
            if query is not None:
                cur.execute(
                    "INSERT INTO trial_hits (query, nct_id, first_seen, last_seen) "
                    "VALUES (?,?,?,?) ON CONFLICT (query, nct_id) DO UPDATE SET "
                    "last_seen = excluded.last_seen",
                    (query, trial.nct_id, seen_at, seen_at),
                )
            self._link_trial(cur, trial)
        if query is None:
            return []
        if not record:
            return changes
        cur.executemany(
            "INSERT INTO trial_changes (nct_id, kind, old, new, at, query) VALUES (?,?,?,?,?,?)",
            [(c.nct_id, c.kind, c.old, c.new, c.at, c.query) for c in changes],
        )
        return changes

    def _link_trial(self, cur, trial: Trial) -> None:
        """The register's own links, and cached papers whose abstract names the trial."""
        cur.execute(
            "DELETE FROM trial_links WHERE nct_id = ? AND source = 'register'", (trial.nct_id,)
        )
        cur.executemany(
            "INSERT OR IGNORE INTO trial_links (nct_id, pmid, source) VALUES (?,?,'register')",
            [(trial.nct_id, int(pmid)) for pmid in trial.report_pmids],
        )
        token = trial.nct_id.lower()
        cur.execute(
            "INSERT OR IGNORE INTO trial_links (nct_id, pmid, source) "
            "SELECT ?, rowid, 'abstract' FROM records_fts WHERE records_fts MATCH ?",
            (trial.nct_id, f'abstract:"{token}" OR title:"{token}"'),
        )

    def link_papers(self, articles: Iterable[Article]) -> None:
        """Links a paper states itself: its DataBankList and NCT ids in its abstract."""
        rows = []
        pmids = []
        for article in articles:
            pmids.append(int(article.pmid))
            text = f"{article.title} {article.abstract}"
            for number in article.trial_ids:
                if nct := normalise_nct(number):
                    rows.append((nct, int(article.pmid), "databank"))
            for nct in nct_ids_in_text(text):
                rows.append((nct, int(article.pmid), "abstract"))
        where_in(
            self.conn,
            "DELETE FROM trial_links WHERE source IN ('databank', 'abstract') AND pmid IN ({keys})",
            (),
            pmids,
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO trial_links (nct_id, pmid, source) VALUES (?,?,?)", rows
        )

    def save_trial_sync(
        self, query: str, term: str, term_hash: str, count: int | None, high: str | None, at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO trial_sync (query, term, term_hash, last_count, update_high, "
            "last_success_at) VALUES (?,?,?,?,?,?) ON CONFLICT (query) DO UPDATE SET "
            "term=excluded.term, term_hash=excluded.term_hash, last_count=excluded.last_count, "
            "update_high=excluded.update_high, last_success_at=excluded.last_success_at",
            (query, term, term_hash, count, high, at),
        )

    def forget_trial_hits(self, query: str) -> None:
        """A question's register term changed: its old hits no longer say what it finds."""
        self.conn.execute("DELETE FROM trial_hits WHERE query = ?", (query,))

    # -- reading -------------------------------------------------------------------------
    def trial_sync_state(self, query: str) -> TrialSyncState | None:
        row = self.conn.execute(
            "SELECT query, term, term_hash, last_count, update_high, last_success_at "
            "FROM trial_sync WHERE query = ?",
            (query,),
        ).fetchone()
        return TrialSyncState(*row) if row else None

    def trial(self, nct_id: str) -> StoredTrial | None:
        row = self.conn.execute(
            "SELECT data, first_seen_at, fetched_at FROM trials WHERE nct_id = ?", (nct_id,)
        ).fetchone()
        return _stored(row) if row else None

    def trials_for(self, query: str, limit: int | None = None) -> list[StoredTrial]:
        """A question's trials (the first ``limit``), newest start first (undated last)."""
        rows = self.conn.execute(
            "SELECT t.data, t.first_seen_at, t.fetched_at FROM trial_hits h "
            "JOIN trials t ON t.nct_id = h.nct_id WHERE h.query = ? "
            "ORDER BY t.start_date IS NULL, t.start_date DESC, t.nct_id LIMIT ?",
            (query, -1 if limit is None else limit),
        )
        return [_stored(row) for row in rows]

    def trial_ids_for(self, query: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT nct_id FROM trial_hits WHERE query = ? ORDER BY nct_id", (query,)
        )
        return [row[0] for row in rows]

    def trial_facets(self, query: str) -> tuple[int, Counter, Counter, Counter]:
        """(trials, by status, by phase, by (start year, status)) from the indexed columns,
        without reading any trial's JSON."""
        by_status: Counter = Counter()
        by_phase: Counter = Counter()
        by_year: Counter = Counter()
        rows = self.conn.execute(
            "SELECT t.status, t.phases, substr(t.start_date, 1, 4) FROM trial_hits h "
            "JOIN trials t ON t.nct_id = h.nct_id WHERE h.query = ?",
            (query,),
        )
        total = 0
        for status, phases, year in rows:
            total += 1
            by_status[status or "NO_STATUS"] += 1
            by_phase[phases or ""] += 1
            by_year[(year or None, status or "NO_STATUS")] += 1
        return total, by_status, by_phase, by_year

    def ended_without_results(self, query: str) -> list[StoredTrial]:
        """A question's completed or terminated trials with no results posted: the only ones
        the unreported rule can flag."""
        rows = self.conn.execute(
            "SELECT t.data, t.first_seen_at, t.fetched_at FROM trial_hits h "
            "JOIN trials t ON t.nct_id = h.nct_id WHERE h.query = ? AND t.has_results = 0 "
            "AND t.status IN ('COMPLETED', 'TERMINATED') ORDER BY t.nct_id",
            (query,),
        )
        return [_stored(row) for row in rows]

    def iter_trials(self, queries: Sequence[str] | None = None) -> Iterator[StoredTrial]:
        """Every cached trial (of these questions), one row at a time, by NCT id."""
        if queries is None:
            sql, args = "SELECT data, first_seen_at, fetched_at FROM trials ORDER BY nct_id", ()
        else:
            marks = ",".join("?" * len(queries))
            sql = (
                "SELECT data, first_seen_at, fetched_at FROM trials WHERE nct_id IN "
                f"(SELECT nct_id FROM trial_hits WHERE query IN ({marks})) ORDER BY nct_id"
            )
            args = tuple(queries)
        for row in self.conn.execute(sql, args):
            yield _stored(row)

    def trial_queries(self, nct_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT query FROM trial_hits WHERE nct_id = ? ORDER BY query", (nct_id,)
        )
        return [row[0] for row in rows]

    def links_of_trial(self, nct_id: str) -> list[tuple[str, str, bool]]:
        """(pmid, source, cached) for every paper linked to the trial."""
        rows = self.conn.execute(
            "SELECT l.pmid, l.source, r.pmid IS NOT NULL FROM trial_links l "
            "LEFT JOIN records r ON r.pmid = l.pmid WHERE l.nct_id = ? ORDER BY l.pmid, l.source",
            (nct_id,),
        )
        return [(str(row[0]), row[1], bool(row[2])) for row in rows]

    def links_of_paper(self, pmid: str) -> list[tuple[str, str, bool]]:
        """(nct_id, source, cached) for every trial linked to the paper."""
        rows = self.conn.execute(
            "SELECT l.nct_id, l.source, t.nct_id IS NOT NULL FROM trial_links l "
            "LEFT JOIN trials t ON t.nct_id = l.nct_id WHERE l.pmid = ? "
            "ORDER BY l.nct_id, l.source",
            (int(pmid),),
        )
        return [(row[0], row[1], bool(row[2])) for row in rows]

    def trial_changes_since(
        self, since: str, queries: Sequence[str] | None = None
    ) -> list[TrialChange]:
        rows = self.conn.execute(
            "SELECT nct_id, kind, old, new, at, query FROM trial_changes WHERE at >= ? "
            "ORDER BY at, id",
            (since,),
        )
        wanted = None if queries is None else set(queries)
        return [TrialChange(*row) for row in rows if wanted is None or row[5] in wanted]

    def count_trials(self) -> int:
        return self.conn.execute("SELECT count(*) FROM trials").fetchone()[0]


def _stored(row) -> StoredTrial:
    return StoredTrial(Trial.from_dict(json.loads(row[0])), row[1], row[2])


def _differences(old: Trial, new: Trial, at: str, query: str) -> list[TrialChange]:
    changes = []
    if old.status != new.status:
        changes.append(TrialChange(new.nct_id, "status", old.status, new.status, at, query))
    if new.has_results and not old.has_results:
        posted = new.results_first_posted
        changes.append(TrialChange(new.nct_id, "results", None, posted, at, query))
    if not changes:
        changes.append(
            TrialChange(
                new.nct_id, "updated", old.last_update_posted, new.last_update_posted, at, query
            )  # fmt: skip
        )
    return changes
