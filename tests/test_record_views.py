"""services/record_views.py and store/scratch.py: a record is assessed once per export."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

from export_samples import KRATOM_RCT, MELATONIN_RATS

from withdrawal_lit import summarize
from withdrawal_lit.design import assess
from withdrawal_lit.records import AbstractSection
from withdrawal_lit.services import record_views
from withdrawal_lit.services.record_views import RecordViews
from withdrawal_lit.store.scratch import Scratch

CONCEPTS = (("kratom", "Mitragyna"), ("withdrawal",))


def test_scratch_keeps_values_by_key_until_closed():
    with closing(Scratch()) as scratch:
        assert scratch.get_many(["a", "b"]) == {}
        scratch.put_many([("a", b"1"), ("b", b"2")])
        scratch.put_many([("b", b"3")])
        keys = [f"k{i}" for i in range(1200)]  # more keys than one SELECT binds
        scratch.put_many((k, k.encode()) for k in keys)
        assert scratch.get_many(["a", "b", "c"]) == {"a": b"1", "b": b"3"}
        assert len(scratch.get_many(keys)) == 1200


def test_a_record_is_worked_out_once_and_read_back_the_same(monkeypatch):
    calls = []
    monkeypatch.setattr(
        record_views, "assess", lambda article: calls.append(article.pmid) or assess(article)
    )
    articles = {a.pmid: a for a in (KRATOM_RCT, MELATONIN_RATS)}
    with closing(Scratch()) as scratch:
        views = RecordViews(scratch)
        first = views.of(articles)
        again = views.of(articles)
    assert calls == [KRATOM_RCT.pmid, MELATONIN_RATS.pmid]
    for pmid, article in articles.items():
        assert first[pmid] == again[pmid]
        assessment, prepared = again[pmid]
        assert assessment == assess(article)
        assert prepared.bottom_line(CONCEPTS) == summarize.bottom_line(article, CONCEPTS)


def test_a_revised_record_is_worked_out_again():
    revised = replace(
        KRATOM_RCT, abstract_sections=(AbstractSection("Kratom eased withdrawal in 12 rats."),)
    )
    with closing(Scratch()) as scratch:
        views = RecordViews(scratch)
        views.of({KRATOM_RCT.pmid: KRATOM_RCT})
        assessment, prepared = views.of({revised.pmid: revised})[revised.pmid]
    assert assessment == assess(revised)
    assert prepared.bottom_line(CONCEPTS) == summarize.bottom_line(revised, CONCEPTS)


def test_a_scratch_file_that_cannot_be_written_keeps_nothing_and_fails_nothing():
    class Failing:
        def execute(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

        executemany = execute

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def close(self):
            pass

    scratch = Scratch()
    scratch.conn = Failing()
    scratch.put_many([("a", b"1")])
    assert scratch.conn is None
    assert scratch.get_many(["a"]) == {}
    views = RecordViews(scratch).of({KRATOM_RCT.pmid: KRATOM_RCT})
    assert views[KRATOM_RCT.pmid][0] == assess(KRATOM_RCT)
