"""The fetch plan: batch sizes from measured responses, and when a search's own history set
serves the records a cache lacks."""

from __future__ import annotations

import pytest

from withdrawal_lit.fetchplan import (
    EFETCH_MAX,
    FIRST_GUESS,
    MIN_BATCH,
    TARGET_BYTES,
    BatchSizer,
    history_for,
)
from withdrawal_lit.records import SearchResult


@pytest.mark.parametrize(
    ("measured", "size"),
    [
        (None, TARGET_BYTES // FIRST_GUESS),  # nothing measured yet: the first guess
        ((4_000_000, 1_000), TARGET_BYTES // 4_000),  # 4 kB a record
        ((1_000, 1_000), EFETCH_MAX),  # tiny records: NCBI's cap
        ((500_000_000, 1_000), MIN_BATCH),  # huge records: never below the floor
    ],
)
def test_batch_size_follows_the_measured_bytes_per_record(measured, size):
    sizer = BatchSizer()
    if measured:
        sizer.observe(*measured)
    assert sizer.size() == size


def test_failed_responses_without_records_are_not_measured():
    sizer = BatchSizer()
    sizer.observe(10_000, 0)
    assert sizer.per_record == FIRST_GUESS


@pytest.mark.parametrize(
    ("remaining", "batches"),
    [(1, [1]), (4_000, [4_000]), (4_097, [2_049, 2_048]), (12_000, [4_000, 4_000, 4_000])],
)
def test_the_remainder_is_split_evenly(remaining, batches):
    sizer = BatchSizer()
    sizer.observe(8_192 * 1_000, 1_000)  # 8 kB a record: 4,096 records a batch
    sizes = []
    while remaining:
        sizes.append(sizer.next(remaining))
        remaining -= sizes[-1]
    assert sizes == batches


def test_a_configured_batch_size_is_kept():
    sizer = BatchSizer(300)
    sizer.observe(10**6, 10)
    assert [sizer.next(700), sizer.next(100)] == [300, 100]


def result(ids, *, count=None, webenv="W", key="1") -> SearchResult:
    ids = tuple(str(i) for i in ids)
    return SearchResult(
        count=len(ids) if count is None else count,
        ids=ids,
        query_translation="",
        webenv=webenv,
        query_key=key,
    )


SET = result(range(1000, 1400))  # 400 ids, newest first


@pytest.mark.parametrize(
    ("results", "missing", "chosen"),
    [
        ([SET], [str(i) for i in range(1000, 1400)], SET),  # all new: its own set
        ([SET], [str(i) for i in range(1000, 1300)], SET),  # a leading run
        ([SET], [str(i) for i in range(1000, 1400, 2)], None),  # half the span cached
        ([SET], ["1000", "1399"], None),  # two ends: by id instead
        ([SET], [str(i) for i in range(1000, 1100)], SET),  # no waste: as cheap, no POST
        ([result(range(1000, 1400), count=500)], [str(i) for i in range(1000, 1300)], None),
        ([result(range(1000, 1400), webenv=None)], [str(i) for i in range(1000, 1300)], None),
        ([SET], [str(i) for i in range(1000, 1300)] + ["7"], None),  # not all in the set
        ([None, SET], [str(i) for i in range(1000, 1300)], SET),
    ],
)
def test_a_search_set_is_used_only_when_it_saves_requests(results, missing, chosen):
    found = history_for(results, missing)
    if chosen is None:
        assert found is None
    else:
        assert (found.webenv, found.query_key, found.layout) == (
            chosen.webenv,
            chosen.query_key,
            chosen.ids,
        )


def test_nothing_missing_needs_no_set():
    assert history_for([SET], []) is None
