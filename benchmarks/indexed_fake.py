"""The fake E-utilities server with an inverted index, so esearch stays fast on 10k+ records.

``FakeEutils`` evaluates each term of a query by scanning every record's tokens: exact, but
seconds per query on ten thousand records, which would make a benchmark time the fake rather
than the tool. ``IndexedEutils`` keeps a posting list per (field, token) and hands each term
only the records that hold its words; the fake's own matching (``_Evaluator.term``) then
decides among those, so what esearch returns, warnings included, is exactly what the plain
fake returns (``python benchmarks/indexed_fake.py`` checks that on the generated corpus).

``IndexedEutils`` also logs every request with the time the server spent on it (its work
plus the configured latency), from which the benchmarks compute the rate-limit floor, and
streams an efetch body as NCBI does: the latency per record is spent while the records go
out, chunk by chunk, rather than before the first byte (the plain fake waits, then sends it
all at once).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import generate  # noqa: F401  (puts tests/ and src/ on sys.path)
from fake_eutils import (
    DATE_FIELDS,
    FIELD_ALIASES,
    FIELDS,
    FakeEutils,
    FakeRecord,
    Term,
    _Evaluator,
    _Handler,
    _Reply,
    _tokens,
)

STREAM_CHUNK = 32 * 1024  # bytes of an efetch body sent at a time


@dataclass(frozen=True)
class Served:
    """One request as the server handled it."""

    utility: str
    status: int
    started: float  # time.perf_counter() when the request had been read
    seconds: float  # the server's own work plus the configured latency


class _Postings:
    def __init__(self) -> None:
        self.by_token: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.vocabulary: dict[str, set[str]] = defaultdict(set)
        self._prefixes: dict[tuple[str, str], tuple[str, ...]] = {}

    def add(self, record: FakeRecord) -> None:
        for key, segments in record.index.items():
            for _, token_set in segments:
                self.vocabulary[key].update(token_set)
                for token in token_set:
                    self.by_token[(key, token)].add(record.pmid)
        self._prefixes.clear()

    def holding(self, key: str, token: str, prefix: bool) -> set[str]:
        if not prefix:
            return self.by_token.get((key, token), set())
        words = self._prefixes.get((key, token))
        if words is None:
            words = tuple(w for w in self.vocabulary[key] if w.startswith(token))
            self._prefixes[(key, token)] = words
        found: set[str] = set()
        for word in words:
            found |= self.by_token[(key, word)]
        return found


class _IndexedEvaluator(_Evaluator):
    def __init__(self, records, history, postings: _Postings, memo: dict | None = None):
        super().__init__(records, history)
        self.postings = postings
        self.by_pmid = {r.pmid: r for r in records}
        self.memo = memo  # (tag, text, quoted) -> (records, errors, warnings), or None

    def term(self, node: Term) -> set[str]:
        if self.memo is None or node.text.startswith("#"):  # #1: the history's, not cached
            return self._term(node)
        key = (node.tag, node.text, node.quoted)
        if key not in self.memo:
            errors, warnings = len(self.errors), len(self.warnings)
            found = self._term(node)
            self.memo[key] = (set(found), self.errors[errors:], self.warnings[warnings:])
            return found
        found, errors, warnings = self.memo[key]
        self.errors.extend(errors)  # the messages NCBI gives with them, as the first time
        self.warnings.extend(warnings)
        return set(found)

    def _term(self, node: Term) -> set[str]:
        candidates = self._candidates(node)
        if candidates is None:
            return super().term(node)
        everything = self.records
        self.records = [self.by_pmid[p] for p in candidates if p in self.by_pmid]
        try:
            return super().term(node)
        finally:
            self.records = everything

    def _candidates(self, node: Term) -> set[str] | None:
        """A superset of the records the term can match (None: scan them all)."""
        canonical = FIELD_ALIASES.get((node.tag or "all").strip().lower())
        text = node.text
        if canonical is None or canonical in DATE_FIELDS or text.startswith("#"):
            return None
        if canonical == "UID":
            return {text.strip()}
        if canonical == "All Fields" and text.lower() == "hasabstract":
            return None
        words = _tokens(text.rstrip("*"))
        if not words:
            return None
        keys, mode = FIELDS[canonical]
        prefix = text.endswith("*") or mode == "prefix"
        found: set[str] = set()
        for key in keys:
            holders = self.postings.holding(key, words[-1], prefix)
            for word in words[:-1]:
                holders = holders & self.postings.holding(key, word, False)
            found |= holders
        return found


class _StreamingHandler(_Handler):
    def _write(self, reply: _Reply) -> None:
        fake: FakeEutils = self.server.fake
        streamed = reply.delay - fake.latency_per_request
        if reply.status != 200 or reply.cut is not None or streamed <= 0:
            super()._write(reply)
            return
        began = time.perf_counter()
        time.sleep(fake.latency_per_request)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            # Each chunk goes out at its time on the schedule, not a share of the delay after
            # the chunk before: sleeping in pieces adds each piece's overshoot (tens of ms a
            # response on a busy machine), which would be counted as the client's time.
            for start in range(0, len(reply.body), STREAM_CHUNK):
                end = min(start + STREAM_CHUNK, len(reply.body))
                due = began + fake.latency_per_request + streamed * end / len(reply.body)
                time.sleep(max(0.0, due - time.perf_counter()))
                self.wfile.write(reply.body[start:end])
        except OSError:  # the client gave up first
            self.close_connection = True


class IndexedEutils(FakeEutils):
    """A FakeEutils whose esearch is indexed and whose requests are timed (``served``)."""

    handler = _StreamingHandler

    def __init__(
        self, *, every_phrase_exists: bool = False, remember_terms: bool = False, **kwargs
    ):
        super().__init__(**kwargs)
        self._postings = _Postings()
        self.served: list[Served] = []
        # What each term of a query matched, kept until a record is added or revised (or the
        # day changes): the answers are the same, but a term is evaluated in Python once
        # instead of on every esearch (see bench_edirect.py).
        self._memo: dict | None = {} if remember_terms else None
        self._memo_day = self.today
        # PubMed holds every phrase of the shipped terms; a corpus of a few thousand records
        # does not, and EDirect asks again (three times, a second apart) when an esearch's
        # ErrorList holds more than one PhraseNotFound or its WarningList a QuotedPhraseNotFound.
        # With this, esearch reports neither.
        self.every_phrase_exists = every_phrase_exists

    def search(self, term, params=None):
        outcome = super().search(term, params)
        if self.every_phrase_exists:
            outcome.errors = [e for e in outcome.errors if e[0] != "PhraseNotFound"]
            outcome.warnings = [w for w in outcome.warnings if w[0] != "QuotedPhraseNotFound"]
        return outcome

    def add(self, record: FakeRecord) -> FakeRecord:
        self._postings.add(record)
        if self._memo is not None:
            self._memo.clear()
        return super().add(record)

    def _evaluator(self, records, history):
        if self._memo is not None and self._memo_day != self.today:
            self._memo.clear()
            self._memo_day = self.today
        return _IndexedEvaluator(records, history, self._postings, self._memo)

    def handle(self, params, seen, client):
        started = time.perf_counter()
        reply = super().handle(params, seen, client)
        work = time.perf_counter() - started
        self.served.append(Served(seen.utility, reply.status, started, work + reply.delay))
        return reply


def loaded(count: int, **kwargs) -> IndexedEutils:
    """An ``IndexedEutils(**kwargs)`` holding the first ``count`` generated records."""
    fake = IndexedEutils(**kwargs)
    for record in generate.records(range(count)):
        fake.add(record)
    return fake


def main() -> None:
    """Check on the generated corpus that the index, and remembering terms, change nothing
    esearch returns."""
    from withdrawal_lit.pubmed_term import normalise_term
    from withdrawal_lit.query_files import load_queries
    from withdrawal_lit.settings import builtin_queries_dir

    plain, indexed = FakeEutils(), IndexedEutils()
    remembering = IndexedEutils(remember_terms=True)
    for record in generate.records(range(2000)):
        plain.add(record)
        indexed.add(record)
        remembering.add(record)
    terms = [normalise_term(q.term) for q in load_queries([builtin_queries_dir()]).values()]
    terms += ["opioid withdrawal", "smith j[au]", "melatonin*[ti] AND 2020:2024[dp]"]
    for term in terms:
        a = plain.search(term)
        for b in (indexed.search(term), remembering.search(term), remembering.search(term)):
            assert (a.ids, a.translation, a.errors, a.warnings) == (
                b.ids,
                b.translation,
                b.errors,
                b.warnings,
            ), term
        print(f"same answer ({len(a.ids):4} ids): {term[:70]}")


if __name__ == "__main__":
    main()
