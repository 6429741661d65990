"""services.classifier: a large fetch's records classified in a worker process, with the values
a thread of this process gives them, in order, whatever happens to the worker."""

from __future__ import annotations

import sqlite3
import time

import corpus
import pytest
from cli_run import run
from data.labelled_records import LABELLED
from fault_helpers import KRATOM, MIXED_TERM, NEW_PMIDS, cached_pmids, data, db_path

from withdrawal_lit.errors import EXIT_NETWORK
from withdrawal_lit.services import classifier
from withdrawal_lit.services.assessment import derive

needs_fork = pytest.mark.skipif(
    not classifier._can_fork(), reason="records are classified in a worker on Linux only"
)


def _chunks(articles, size=7):
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def _expected(chunks):
    return [[(a, derive(a)) for a in chunk] for chunk in chunks]


@pytest.fixture
def articles(real_articles):
    return [case.article for case in LABELLED] + real_articles


@needs_fork
def test_the_worker_derives_what_this_process_derives_in_order(articles):
    chunks = _chunks(articles)
    with classifier.worker_for(classifier.PROCESS_MIN) as worker:
        assert worker is not None
        got = list(classifier.classified(iter(chunks), worker))
        assert worker.process.is_alive()
    assert got == _expected(chunks)
    assert not worker.process.is_alive()  # stopped on leaving


@needs_fork
def test_a_worker_that_dies_midway_leaves_the_rest_to_this_process(articles):
    chunks = _chunks(articles)

    def killed_after_two():
        for index, chunk in enumerate(chunks):
            if index == 2:
                worker.process.kill()
                worker.process.join()
            yield chunk

    with classifier.worker_for(classifier.PROCESS_MIN) as worker:
        got = list(classifier.classified(killed_after_two(), worker))
    assert got == _expected(chunks)


@needs_fork
def test_a_record_the_worker_cannot_classify_fails_as_it_would_here(monkeypatch, articles):
    def broken(article):
        raise ValueError(f"cannot classify {article.pmid}")

    monkeypatch.setattr(classifier, "derive_fields", broken)  # there: the worker sends None
    monkeypatch.setattr(classifier, "derive", broken)  # and here, where the chunk is derived again
    with classifier.worker_for(classifier.PROCESS_MIN) as worker:
        with pytest.raises(ValueError, match="cannot classify"):
            list(classifier.classified(iter(_chunks(articles)), worker))
        assert worker.process.is_alive()  # it said so and went on


def _stuck(*_):
    time.sleep(60)


@needs_fork
def test_a_worker_not_ready_in_time_is_stopped_and_this_process_classifies(monkeypatch):
    monkeypatch.setattr(classifier, "_warm_up", _stuck)  # the worker hangs before its first record
    monkeypatch.setattr(classifier, "READY_SECONDS", 0.3)
    monkeypatch.setattr(classifier, "STOP_SECONDS", 0.1)
    started = []
    real = classifier.Worker.__init__

    def watched(self):
        started.append(self)
        real(self)

    monkeypatch.setattr(classifier.Worker, "__init__", watched)
    with classifier.worker_for(classifier.PROCESS_MIN) as worker:
        assert worker is None
    assert len(started) == 1 and not started[0].process.is_alive()


@needs_fork
def test_a_worker_that_stops_answering_leaves_its_chunks_to_this_process(monkeypatch, articles):
    monkeypatch.setattr(classifier, "_values", _stuck)  # ready, then silent on the first chunk
    monkeypatch.setattr(classifier, "ANSWER_SECONDS", 0.3)
    monkeypatch.setattr(classifier, "STOP_SECONDS", 0.1)
    chunks = _chunks(articles[:14])
    with classifier.worker_for(classifier.PROCESS_MIN) as worker:
        assert worker is not None
        got = list(classifier.classified(iter(chunks), worker))
    assert got == _expected(chunks)
    assert not worker.process.is_alive()


def test_small_fetches_are_classified_here():
    with classifier.worker_for(classifier.PROCESS_MIN - 1) as worker:
        assert worker is None
    chunks = _chunks([case.article for case in LABELLED[:20]])
    assert list(classifier.classified(iter(chunks), None)) == _expected(chunks)


def _stored(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT pmid, design, evidence_level, population, sample_size, assessed_with, data "
            "FROM records ORDER BY pmid"
        ).fetchall()
    return rows


@needs_fork
def test_a_search_stores_the_same_records_with_a_worker(fake, monkeypatch, isolated):
    first = run("--db", str(isolated / "a.sqlite3"), "search", "--term", "kratom OR melatonin")
    assert first.exit_code == 0, first.output
    started = _with_a_worker(monkeypatch)
    second = run("--db", str(isolated / "b.sqlite3"), "search", "--term", "kratom OR melatonin")
    assert second.exit_code == 0, second.output
    stored = _stored(isolated / "a.sqlite3")
    assert len(stored) > len(corpus.RECORDS) // 2
    assert _stored(isolated / "b.sqlite3") == stored
    assert started


@needs_fork
@pytest.mark.parametrize("kind", ["reset", "truncate", "short"])
def test_with_a_worker_a_fault_once_is_retried_and_every_record_arrives(primed, monkeypatch, kind):
    before = cached_pmids(db_path())
    started = _with_a_worker(monkeypatch)
    primed.inject("efetch", kind)
    result = run("--timeout", "0.3", "search", KRATOM, "--refresh")
    assert result.exit_code == 0, result.output
    assert cached_pmids(db_path()) == before | NEW_PMIDS
    assert started


@needs_fork
def test_with_a_worker_a_fetch_that_keeps_failing_keeps_the_cache(primed, monkeypatch):
    before = data(db_path())
    started = _with_a_worker(monkeypatch)
    primed.inject("efetch", "reset", times=1000)
    result = run("--timeout", "0.3", "--retries", "2", "search", "--term", MIXED_TERM)
    assert result.exit_code == EXIT_NETWORK, result.output
    assert data(db_path()) == before  # nothing half-written, nothing lost
    assert started and not any(w.process.is_alive() for w in started)


def _with_a_worker(monkeypatch) -> list:
    """Every fetch classified by a worker; the workers started."""
    started: list = []
    real = classifier.Worker
    monkeypatch.setattr(classifier, "PROCESS_MIN", 1)
    monkeypatch.setattr(classifier, "Worker", lambda: started.append(real()) or started[-1])
    return started
