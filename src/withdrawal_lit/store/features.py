"""The stored ranking features: what the full-text index says of each record a query returns,
with its score, and for which concepts, year and inputs they were computed.

A query's features are computed from its live hits and the records they name alone (bm25 reads
the query's own records: store/query_index.py), so they are current while ``rank_inputs``
(migration 007: triggers count each change to those, per query) holds the count they were
computed at. A change elsewhere in the cache leaves them current.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from withdrawal_lit.store.connection import Part
from withdrawal_lit.store.hits import Candidate


@dataclass(frozen=True, slots=True)
class FeatureState:
    """For what the stored ranking features of a query were computed."""

    query: str
    concepts: str  # the query's concepts, as JSON
    inputs: int  # rank_inputs' count for the query when they were computed (column "generation")
    this_year: int  # the year their scores' recency was computed for
    median_bm25: float  # of the query's records with a bm25 above 0
    total: int  # records the query returned from the cache


@dataclass(frozen=True, slots=True)
class Feature:
    """What the full-text index says of one record for one query, with its score."""

    bm25: float
    present: int  # the query's concept groups found anywhere in the record
    in_title: int  # ... and in its title
    score: float  # unrounded, for the features' year and median (see rank_features)
    roles: float = 0.0  # relations.Found.score of the record for the query's roles


class Features(Part):
    """The rank_features and rank_state tables."""

    def feature_state(self, query: str) -> FeatureState | None:
        row = self.conn.execute("SELECT * FROM rank_state WHERE query = ?", (query,)).fetchone()
        return FeatureState(*row) if row else None

    def save_features(self, state: FeatureState, rows: Iterable[tuple[str, Feature, bool]]) -> None:
        """Replace a query's ranking features; ``rows`` are (pmid, feature, retracted). Call
        in a transaction."""
        self.conn.execute("DELETE FROM rank_features WHERE query = ?", (state.query,))
        self.conn.executemany(
            "INSERT INTO rank_features (query, pmid, bm25, present, in_title, retracted, score, "
            "roles) VALUES (?,?,?,?,?,?,?,?)",
            (
                (
                    state.query,
                    int(p),
                    f.bm25,
                    f.present,
                    f.in_title,
                    int(retracted),
                    f.score,
                    f.roles,
                )
                for p, f, retracted in rows
            ),
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO rank_state (query, concepts, generation, this_year, "
            "median_bm25, total) VALUES (?,?,?,?,?,?)",
            (
                state.query,
                state.concepts,
                state.inputs,
                state.this_year,
                state.median_bm25,
                state.total,
            ),
        )

    def feature_inputs(self, query: str) -> int:
        """How many changes the query's live hits and their records have had (rank_inputs)."""
        row = self.conn.execute("SELECT n FROM rank_inputs WHERE query = ?", (query,)).fetchone()
        return row[0] if row else 0

    def forget_features(self) -> None:
        """Put every query's stored features out of date (the full-text index was rebuilt);
        call in a transaction."""
        self.conn.execute("UPDATE rank_state SET generation = -1")

    def features(self, query: str) -> dict[str, Feature]:
        rows = self.conn.execute(
            "SELECT pmid, bm25, present, in_title, score, roles FROM rank_features WHERE query = ?",
            (query,),
        )
        return {str(r[0]): Feature(*r[1:]) for r in rows}

    def scored_candidates(
        self, query: str, limit: int | None = None
    ) -> Iterator[tuple[Candidate, Feature]]:
        """The query's records by stored score, unretracted ones first (the first ``limit``),
        read as they are consumed."""
        rows = self.conn.execute(
            "SELECT r.pmid, r.year, r.entrez_date, r.retracted, r.design, r.evidence_level, "
            "r.population, f.bm25, f.present, f.in_title, f.score, f.roles "
            "FROM rank_features f INDEXED BY rank_features_order "
            "JOIN records r INDEXED BY records_rank ON r.pmid = f.pmid "
            "WHERE f.query = ? ORDER BY f.retracted, f.score DESC LIMIT ?",
            (query, -1 if limit is None else limit),
        )
        for r in rows:
            yield Candidate(str(r[0]), r[1], r[2], bool(r[3]), r[4], r[5], r[6]), Feature(*r[7:])
