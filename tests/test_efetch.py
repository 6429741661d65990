"""efetch's streaming: one large batch handed over in chunks while it is read, one request."""

from __future__ import annotations

from fake_eutils import FakeEutils
from pubmed_helpers import TODAY, add_records, fetched_pmids, make_client

from withdrawal_lit.efetch import CHUNK, FIRST_CHUNK


def test_a_large_batch_is_one_request_handed_over_in_chunks(tmp_path):
    with FakeEutils(today=TODAY) as fake:
        sizes = [FIRST_CHUNK, 2 * FIRST_CHUNK, 4 * FIRST_CHUNK, CHUNK, CHUNK, 50]  # smaller first
        add_records(fake, sum(sizes))
        client, _ = make_client(fake, tmp_path)
        found = client.search_all("melatonin")
        batches = list(client.fetch(found.ids, history=(found.webenv, found.query_key)))
        assert [len(b) for b in batches] == sizes
        assert fetched_pmids(batches) == list(found.ids)
        assert fake.count("efetch") == 1 and fake.count("epost") == 0


def test_a_set_within_one_batch_is_one_efetch(tmp_path):
    with FakeEutils(today=TODAY) as fake:
        add_records(fake, 1_200)
        client, _ = make_client(fake, tmp_path)
        found = client.search_all("melatonin")
        fetch = client.fetch(found.ids, history=(found.webenv, found.query_key))
        assert sum(len(b) for b in fetch) == 1_200
        (efetch,) = [seen for seen in fake.requests if seen.utility == "efetch"]
        assert efetch.params["retmax"] == "1200"
