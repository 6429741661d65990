"""The cache's schema: the migrations, applied once each in order, and what they imply."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

SQLITE_HEADER = b"SQLite format 3\x00"

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        CREATE TABLE records (
            pmid INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            year INTEGER,
            journal TEXT,
            entrez_date TEXT,
            revised_date TEXT,
            retracted INTEGER NOT NULL DEFAULT 0,
            design TEXT,
            evidence_level INTEGER,
            population TEXT,
            sample_size INTEGER,
            assessed_with TEXT,
            data TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            revised_at TEXT
        );
        CREATE INDEX records_year ON records(year);
        CREATE VIRTUAL TABLE records_fts USING fts5(
            title, abstract, mesh, keywords,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TABLE queries (
            name TEXT PRIMARY KEY,
            title TEXT,
            term TEXT NOT NULL,
            term_hash TEXT NOT NULL,
            last_count INTEGER,
            translation TEXT,
            last_success_at TEXT,
            edat_high TEXT,
            mdat_high TEXT
        );
        CREATE TABLE hits (
            query TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            gone_since TEXT,
            PRIMARY KEY (query, pmid)
        ) WITHOUT ROWID;
        CREATE INDEX hits_pmid ON hits(pmid);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            queries TEXT,
            requests INTEGER DEFAULT 0,
            retries INTEGER DEFAULT 0,
            new INTEGER DEFAULT 0,
            revised INTEGER DEFAULT 0,
            error TEXT,
            version TEXT
        );
        CREATE TABLE search_log (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            query TEXT NOT NULL,
            term TEXT NOT NULL,
            term_hash TEXT NOT NULL,
            at TEXT NOT NULL,
            mode TEXT NOT NULL,
            count INTEGER,
            new INTEGER DEFAULT 0,
            revised INTEGER DEFAULT 0,
            gone INTEGER DEFAULT 0,
            translation TEXT,
            warnings TEXT,
            version TEXT
        );
        CREATE INDEX search_log_query ON search_log(query, at);
        """,
    ),
    (
        "002_query_versions",
        """
        CREATE INDEX search_log_term ON search_log(query, term_hash, at);
        CREATE VIEW query_versions AS
            SELECT query AS name, term_hash, min(term) AS term, min(at) AS first_used,
                   max(at) AS last_used, count(*) AS runs
            FROM search_log GROUP BY query, term_hash;
        """,
    ),
    (
        "003_ranking_features",
        # What ranking reads, kept where it is quick to read. records_rank covers every
        # column a candidate needs, so ranking and counting a query's records read a compact
        # index instead of one wide row (JSON and all) per record; records_assessed finds the
        # records older classification rules assessed without reading them all. rank_features
        # holds what the full-text index says of each record a query returns (bm25 and the
        # concepts found, which take seconds to compute on 100,000 records), with each
        # record's score; rank_state says for which concepts, year and cache generation they
        # were computed. The generation counts the changes to records and hits (see
        # Database.changed; a trigger would make every insert flush the full-text index).
        """
        CREATE INDEX records_rank ON records(
            pmid, year, entrez_date, retracted, design, evidence_level, population
        );
        CREATE INDEX records_assessed ON records(assessed_with);
        CREATE TABLE cache_generation (n INTEGER NOT NULL);
        INSERT INTO cache_generation (n) VALUES (0);
        CREATE TABLE rank_features (
            query TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            bm25 REAL NOT NULL,
            present INTEGER NOT NULL,
            in_title INTEGER NOT NULL,
            retracted INTEGER NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (query, pmid)
        ) WITHOUT ROWID;
        CREATE INDEX rank_features_order ON rank_features(query, retracted, score DESC);
        CREATE TABLE rank_state (
            query TEXT PRIMARY KEY,
            concepts TEXT NOT NULL,
            generation INTEGER NOT NULL,
            this_year INTEGER NOT NULL,
            median_bm25 REAL NOT NULL,
            total INTEGER NOT NULL
        );
        """,
    ),
    (
        "004_role_features",
        # How far each record puts the query's intervention in the treating role
        # (relations.Found.score), stored beside bm25 because it reads the record's text.
        """
        ALTER TABLE rank_features ADD COLUMN roles REAL NOT NULL DEFAULT 0;
        """,
    ),
    (
        "005_trials",
        # Registered trials (see store/trials.py): the parsed record and the raw study JSON,
        # which question found which, links to papers, per-question sync state, changes.
        """
        CREATE TABLE trials (
            nct_id TEXT PRIMARY KEY,
            status TEXT,
            phases TEXT,
            study_type TEXT,
            start_date TEXT,
            primary_completion_date TEXT,
            last_update_posted TEXT,
            has_results INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            raw TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        );
        CREATE TABLE trial_hits (
            query TEXT NOT NULL,
            nct_id TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (query, nct_id)
        ) WITHOUT ROWID;
        CREATE INDEX trial_hits_nct ON trial_hits(nct_id);
        CREATE TABLE trial_links (
            nct_id TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (nct_id, pmid, source)
        ) WITHOUT ROWID;
        CREATE INDEX trial_links_pmid ON trial_links(pmid);
        CREATE TABLE trial_sync (
            query TEXT PRIMARY KEY,
            term TEXT NOT NULL,
            term_hash TEXT NOT NULL,
            last_count INTEGER,
            update_high TEXT,
            last_success_at TEXT
        );
        CREATE TABLE trial_changes (
            id INTEGER PRIMARY KEY,
            nct_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            old TEXT,
            new TEXT,
            at TEXT NOT NULL,
            query TEXT NOT NULL
        );
        CREATE INDEX trial_changes_at ON trial_changes(at);
        """,
    ),
    (
        "006_role_scores",
        # Each record's role score per role key (store/role_scores.py): computed once per
        # record and kept across changes of the cache, forgotten when the record is revised.
        # Every query's stored features are put out of date, so that the next ranking
        # computes the scores once and stores them, instead of the next change of the cache.
        """
        UPDATE rank_state SET generation = -1;
        CREATE TABLE role_scores (
            key TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (key, pmid)
        ) WITHOUT ROWID;
        CREATE INDEX role_scores_pmid ON role_scores(pmid);
        """,
    ),
    (
        "007_rank_inputs",
        # What a query's stored ranking features are computed from: its live hits and the
        # records they name (bm25 now reads the query's own records: store/query_index.py).
        # rank_inputs counts the changes to those, per query, so a change elsewhere in the
        # cache (an ad hoc search adding records no other question returns) leaves the other
        # queries' features current. The triggers fire on what ranking reads of a record
        # (its JSON, from which the full-text index is written, and its ranked columns), not
        # on a refresh's "seen again". Every stored feature is computed again once.
        """
        UPDATE rank_state SET generation = -1;
        CREATE TABLE rank_inputs (query TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TRIGGER rank_inputs_hit_added AFTER INSERT ON hits BEGIN
            INSERT INTO rank_inputs (query, n) VALUES (NEW.query, 1)
            ON CONFLICT (query) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER rank_inputs_hit_deleted AFTER DELETE ON hits BEGIN
            INSERT INTO rank_inputs (query, n) VALUES (OLD.query, 1)
            ON CONFLICT (query) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER rank_inputs_hit_gone AFTER UPDATE OF gone_since ON hits
        WHEN (OLD.gone_since IS NULL) <> (NEW.gone_since IS NULL) BEGIN
            INSERT INTO rank_inputs (query, n) VALUES (NEW.query, 1)
            ON CONFLICT (query) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER rank_inputs_record_added AFTER INSERT ON records BEGIN
            INSERT INTO rank_inputs (query, n) SELECT query, 1 FROM hits WHERE pmid = NEW.pmid
            ON CONFLICT (query) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER rank_inputs_record_deleted AFTER DELETE ON records BEGIN
            INSERT INTO rank_inputs (query, n) SELECT query, 1 FROM hits WHERE pmid = OLD.pmid
            ON CONFLICT (query) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER rank_inputs_record_changed AFTER UPDATE ON records
        WHEN OLD.data IS NOT NEW.data OR OLD.year IS NOT NEW.year
            OR OLD.entrez_date IS NOT NEW.entrez_date OR OLD.retracted IS NOT NEW.retracted
            OR OLD.design IS NOT NEW.design OR OLD.evidence_level IS NOT NEW.evidence_level
            OR OLD.population IS NOT NEW.population OR OLD.pmid IS NOT NEW.pmid BEGIN
            INSERT INTO rank_inputs (query, n) SELECT query, 1 FROM hits WHERE pmid = NEW.pmid
            ON CONFLICT (query) DO UPDATE SET n = n + 1;
        END;
        """,
    ),
    (
        "008_paper_views",
        # What `search` shows of a paper besides the record (its assessment and bottom line),
        # stored per view key (the question's concepts and the code that computed them:
        # services/paper_views.py) and forgotten when the record's JSON changes.
        """
        CREATE TABLE paper_views (
            key TEXT NOT NULL,
            pmid INTEGER NOT NULL,
            view TEXT NOT NULL,
            PRIMARY KEY (key, pmid)
        ) WITHOUT ROWID;
        CREATE INDEX paper_views_pmid ON paper_views(pmid);
        CREATE TRIGGER paper_views_record_changed AFTER UPDATE OF data ON records
        WHEN OLD.data IS NOT NEW.data BEGIN
            DELETE FROM paper_views WHERE pmid = OLD.pmid;
        END;
        CREATE TRIGGER paper_views_record_deleted AFTER DELETE ON records BEGIN
            DELETE FROM paper_views WHERE pmid = OLD.pmid;
        END;
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (executescript would commit mid-migration)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def fts_definition() -> str:
    """The full-text table's CREATE statement as the first migration wrote it."""
    return next(
        statement
        for _, script in MIGRATIONS
        for statement in statements(script)
        if statement.startswith("CREATE VIRTUAL TABLE records_fts")
    )
