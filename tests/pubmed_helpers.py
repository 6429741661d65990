"""What the E-utilities client tests share: records on the fake server, a client on a fake
clock (rate limits and back-off without waiting)."""

from __future__ import annotations

from datetime import date

from fake_eutils import FakeEutils

from withdrawal_lit.pubmed import EntrezClient
from withdrawal_lit.settings import resolve

KEY = "FAKEKEY-7f3c9a1e5b2d4c6e"  # distinctive, so any leak is easy to spot
TODAY = date(2025, 6, 1)


class FakeTime:
    """A clock that only moves when slept on: rate limits and back-off without waiting."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def add_records(fake: FakeEutils, count: int, *, first_year: int = 2001) -> list[str]:
    """``count`` melatonin records, one a year from first_year (cycling over 24 years)."""
    pmids = []
    for i in range(count):
        pmid = str(30000000 + i)
        fake.add_article(
            pmid,
            f"Melatonin and opioid withdrawal, study {i}",
            abstract="Melatonin improved sleep during withdrawal.",
            pub_date=date(first_year + i % 24, 1 + i % 12, 1 + i % 28),
        )
        pmids.append(pmid)
    return pmids


def make_client(fake, tmp_path, *, api_key=KEY, email="dev@example.org", **overrides):
    settings = resolve(
        env={},
        config=tmp_path / "none.toml",
        eutils_url=fake.url,
        email=email,
        api_key=api_key,
        **{"backoff": 0, "retries": 3, **overrides},
    )
    clock = FakeTime()
    return EntrezClient(settings, sleep=clock.sleep, clock=clock.clock), clock


def fetched_pmids(batches) -> list[str]:
    return [article.pmid for batch in batches for article in batch]
