"""The benchmark corpora and caches, built once into benchmarks/.cache and reused.

A *hit corpus* of N records is the first N generated records that some shipped query matches
(the fake server's own PubMed search decides), in generation order: what a cache holds after
`search` has run every shipped query, at any size. Each record is attached as a hit of every
query that matches it, so the queries share the records in the proportion their terms give
(``python benchmarks/corpora.py 10000`` prints it).

Matching runs over chunks of ``SPAN`` record indices, on the on-topic records only (no query
matches the others: ``generate.py --verify``), two chunks at a time in worker processes, and
each chunk's answer is kept as JSON. Files are named by the generator version and a hash of
the shipped query terms, so a change to either rebuilds them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import generate
from benchlib import CACHE_DIR, say

from withdrawal_lit.pubmed_term import normalise_term, term_hash
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.records import Query
from withdrawal_lit.settings import builtin_queries_dir

SPAN = 25_000  # record indices per matching chunk (about 5,000 on-topic records)
MATCHED_PER_INDEX = 0.15  # a little under the share of records some query matches


def shipped_queries() -> list[Query]:
    return list(load_queries([builtin_queries_dir()]).values())


def _tag() -> str:
    terms = "\n".join(f"{q.name}={term_hash(q.term)}" for q in shipped_queries())
    return f"g{generate.GENERATOR_VERSION}-q{hashlib.sha256(terms.encode()).hexdigest()[:8]}"


def _match_chunk(chunk: int) -> dict[str, list[str]]:
    """PMIDs each shipped query matches among the on-topic records of one chunk."""
    from indexed_fake import IndexedEutils

    fake = IndexedEutils()
    indices = range(chunk * SPAN, (chunk + 1) * SPAN)
    for record in generate.records(i for i in indices if generate.is_on_topic(i)):
        fake.add(record)
    return {q.name: fake.search(normalise_term(q.term)).ids for q in shipped_queries()}


def _chunks(first: int, count: int) -> list[dict[str, list[str]]]:
    paths = [CACHE_DIR / f"hits-{_tag()}-{k}.json" for k in range(first, first + count)]
    todo = [
        k for k, path in zip(range(first, first + count), paths, strict=True) if not path.exists()
    ]
    if todo:
        say(f"matching the shipped queries over {len(todo) * SPAN:,} generated records...")
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        with ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            for k, hits in zip(todo, pool.map(_match_chunk, todo), strict=True):
                (CACHE_DIR / f"hits-{_tag()}-{k}.json").write_text(json.dumps(hits))
    return [json.loads(path.read_text()) for path in paths]


@dataclass(frozen=True)
class HitCorpus:
    indices: list[int]  # record indices, in generation order
    hits: dict[str, list[str]]  # query name -> the PMIDs of the corpus it matches

    @property
    def hit_rows(self) -> int:
        return sum(len(p) for p in self.hits.values())


def hit_corpus(count: int) -> HitCorpus:
    """The first ``count`` generated records that some shipped query matches."""
    found: dict[str, list[str]] = {}
    indices: list[int] = []
    chunk = 0
    while len(indices) < count:
        wanted = max(1, round((count - len(indices)) / (SPAN * MATCHED_PER_INDEX)))
        for part in _chunks(chunk, wanted):
            matched = sorted({int(p) for pmids in part.values() for p in pmids})
            taken = {str(p) for p in matched[: count - len(indices)]}
            indices.extend(p - generate.FIRST_PMID for p in matched[: count - len(indices)])
            for name, pmids in part.items():
                found.setdefault(name, []).extend(p for p in pmids if p in taken)
        chunk += wanted
    return HitCorpus(indices, found)


def corpus_xml(count: int) -> Path:
    """An efetch body holding the hit corpus of ``count`` records (generated once)."""
    path = CACHE_DIR / f"corpus-{count}-{_tag()}.xml"
    if not path.exists():
        corpus = hit_corpus(count)
        say(f"writing {count:,} records of XML...")
        generate.write_efetch_body(path, corpus.indices)
    return path


def cache_db(count: int) -> Path:
    """A cache holding the hit corpus of ``count`` records, each attached to the queries that
    match it, as `search` leaves it. Built once; opened for writing on every use, as `search`
    does, so the current schema's migrations, design rules and ranking features are brought
    up to date before anything is timed."""
    from bench_ingest import ingest

    from withdrawal_lit.services.assessment import reassess
    from withdrawal_lit.services.ranking import current_features
    from withdrawal_lit.store import Store, now_iso

    path = CACHE_DIR / f"cache-{count}-{_tag()}.sqlite3"
    if not path.exists():
        xml = corpus_xml(count)
        corpus = hit_corpus(count)
        partial = path.with_name(path.name + ".part")
        for leftover in CACHE_DIR.glob(partial.name + "*"):
            leftover.unlink()
        say(f"building a cache of {count:,} records...")
        ingest(xml, partial)
        at = now_iso()
        with Store.open(partial) as store, store.transaction():
            for query in shipped_queries():
                pmids = corpus.hits.get(query.name, [])
                store.record_hits(query.name, pmids, at)
                store.save_query_state(
                    query.name,
                    title=query.title,
                    term=normalise_term(query.term),
                    term_hash=term_hash(query.term),
                    count=len(pmids),
                    translation=None,
                    success_at=at,
                )
        partial.replace(path)
    this_year = datetime.now(UTC).year
    with Store.open(path) as store:
        reassess(store)
        for query in shipped_queries():
            current_features(store, query, this_year)
    return path


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    corpus = hit_corpus(count)
    print(f"{count:,} records matched by some query; {corpus.hit_rows:,} (query, record) hits:")
    for name, pmids in sorted(corpus.hits.items()):
        print(f"  {name:40} {len(pmids):7,}  ({len(pmids) / count:.0%})")


if __name__ == "__main__":
    main()
