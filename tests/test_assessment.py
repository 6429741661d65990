"""services.assessment: each record's derived columns, re-derived when the rules change."""

from __future__ import annotations

from data.labelled_records import LABELLED

from withdrawal_lit import design
from withdrawal_lit.services.assessment import derive, derive_fields, reassess, triage_fields
from withdrawal_lit.store import Derived, Store


def test_derive_records_the_rules_it_used():
    case = LABELLED[0]
    derived = derive(case.article)
    assert (derived.design, derived.assessed_with) == (case.design, design.RULES_VERSION)


def test_rows_assessed_by_older_rules_are_derived_again_once(tmp_path):
    case = LABELLED[0]
    old = Derived("unclassified", 6, None, None, "rules-0")
    with Store.open(tmp_path / "c.sqlite3") as store:
        assert reassess(store) == 0  # a new cache: nothing to do
        with store.transaction():
            store.upsert([(case.article, old)], "2026-01-01T00:00:00Z")
        assert [a.pmid for a in store.stale_assessments(design.RULES_VERSION)] == [case.id]
        assert reassess(store) == 1
        assert reassess(store) == 0
        row = store.conn.execute(
            "SELECT design, assessed_with FROM records WHERE pmid = ?", (case.id,)
        ).fetchone()
    assert tuple(row) == (case.design, design.RULES_VERSION)


def test_the_fields_sent_to_a_worker_derive_what_the_whole_record_does(real_articles):
    """derive_fields rebuilds only what the design rules read: if a rule starts reading
    another field of the record, this fails until triage_fields sends it too."""
    articles = [case.article for case in LABELLED] + real_articles
    for article in articles:
        assert derive_fields(triage_fields(article)) == derive(article), article.pmid
