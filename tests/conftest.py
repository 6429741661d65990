"""Every test runs with its own cache, config and data dirs, and never reaches the network."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REALDATA = TESTS.parent.parent / "shared" / "realdata"
sys.path.insert(0, str(TESTS))

ISOLATED_VARS = (
    "NCBI_API_KEY",
    "NCBI_EMAIL",
    "WITHDRAWAL_LIT_DB",
    "WITHDRAWAL_LIT_QUERIES",
    "WITHDRAWAL_LIT_CONFIG",
    "WITHDRAWAL_LIT_EUTILS_URL",
    "WITHDRAWAL_LIT_CTGOV_URL",
    "WITHDRAWAL_LIT_TRIALS",
    "WITHDRAWAL_LIT_TIMEOUT",
    "WITHDRAWAL_LIT_RETRIES",
    "WITHDRAWAL_LIT_LOG",
    "WITHDRAWAL_LIT_RATE_LIMIT",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point every path at tmp_path and every URL at a closed local port."""
    for var in ISOLATED_VARS:
        monkeypatch.delenv(var, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("WITHDRAWAL_LIT_DB", str(tmp_path / "cache.sqlite3"))
    monkeypatch.setenv("WITHDRAWAL_LIT_CONFIG", str(tmp_path / "config.toml"))
    # Port 9 (discard) is closed here: a test that forgets the fake server fails fast.
    monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", "http://127.0.0.1:9/entrez/eutils/")
    monkeypatch.setenv("WITHDRAWAL_LIT_CTGOV_URL", "http://127.0.0.1:9/api/v2/")
    # The register is searched only by the tests about it (they set WITHDRAWAL_LIT_TRIALS=on
    # and start the fake register); the others see the papers alone, as before.
    monkeypatch.setenv("WITHDRAWAL_LIT_TRIALS", "off")
    # The fake server is not NCBI: let it answer as fast as it can (NCBI's own limit is never
    # lifted; see Settings.requests_per_second). Rate-limit tests unset this.
    monkeypatch.setenv("WITHDRAWAL_LIT_RATE_LIMIT", "1000")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path


@pytest.fixture
def post_every_fetch(monkeypatch):
    """Every fetch posts its ids first, as one of more than ``BY_ID_MAX`` ids that no search's
    own result set serves: small fixtures then go through epost and the history server (and
    their faults)."""
    from withdrawal_lit import fetchplan

    monkeypatch.setattr(fetchplan, "BY_ID_MAX", 0)
    monkeypatch.setattr(fetchplan, "MAX_EXTRA_SHARE", -1.0)


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is not beside this checkout")
    return REALDATA


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fake(**how): how the `fake` E-utilities server is set up (see `fake`)"
    )


@pytest.fixture(scope="session")
def real_articles() -> list:
    """The real PubMed records of ../shared/realdata (its efetch files and the on-topic set),
    parsed; empty when ../shared is not beside this checkout."""
    from withdrawal_lit.xmlparse import iter_articles

    files = sorted(REALDATA.glob("pubmed*.xml")) + [REALDATA / "ontopic" / "records.xml"]
    articles = []
    for path in (f for f in files if f.is_file()):
        with path.open("rb") as stream:
            articles.extend(iter_articles(stream))
    return articles


@pytest.fixture
def fake(request, monkeypatch, isolated):
    """The fake E-utilities server, the CLI pointed at it; stopped after the test.

    By default it holds the test corpus, a "slow" fault stalls 1 s, and config.toml says
    ``backoff = 0`` (no back-off between retries: timing is tested apart). A module
    (``pytestmark``) or a test says otherwise with ``pytest.mark.fake(...)``:

    - ``corpus=False``: no test corpus; ``load=f``: ``f(server)`` adds the module's records
    - ``vocabulary=True``: terms are checked against the fake MeSH vocabulary
    - ``config=TEXT``: config.toml's text (``None``: the file is left alone)
    - ``env={NAME: VALUE}``: more environment for the CLI (NCBI_EMAIL, NCBI_API_KEY, ...)
    - ``today=DATE`` or a callable giving it at set-up; any other keyword goes to FakeEutils
    """
    import corpus
    from fake_eutils import FakeEutils
    from fake_vocabulary import vocabulary

    marker = request.node.get_closest_marker("fake")
    how = {"slow_seconds": 1.0, **(marker.kwargs if marker else {})}
    load, config, env = (
        how.pop("load", None),
        how.pop("config", "backoff = 0\n"),
        how.pop("env", {}),
    )
    with_corpus, with_vocabulary = how.pop("corpus", True), how.pop("vocabulary", False)
    if callable(how.get("today")):
        how["today"] = how["today"]()
    if config is not None:
        (isolated / "config.toml").write_text(config)
    with FakeEutils(**how) as server:
        if with_vocabulary:
            server.vocabulary = vocabulary()
        if with_corpus:
            corpus.load(server)
        if load is not None:
            load(server)
        monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", server.url)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield server


@pytest.fixture
def store(tmp_path):
    """An empty cache, open; closed after the test."""
    from withdrawal_lit.store import Store

    with Store.open(tmp_path / "cache.sqlite3") as opened:
        yield opened


@pytest.fixture
def cache(tmp_path) -> Path:
    """A cache with a search history (``provenance_cache.build_cache``), where the CLI looks."""
    from provenance_cache import build_cache

    return build_cache(tmp_path / "cache.sqlite3")


@pytest.fixture
def logged_store(cache):
    """``cache``, open; closed after the test."""
    from withdrawal_lit.store import Store

    with Store.open(cache) as opened:
        yield opened


@pytest.fixture
def primed(fake):
    """A cache holding the kratom query's records; NCBI has since added three more."""
    from cli_run import run
    from fault_helpers import KRATOM, NEW

    result = run("search", KRATOM)
    assert result.exit_code == 0, result.output
    for record in NEW:
        fake.add_article(**record)
    fake.requests.clear()
    return fake


@pytest.fixture(scope="session")
def ontopic():
    """The real on-topic set (records, graded judgments, authors' conclusions), read by path
    through benchmarks/realset.py; skipped when ../shared is not beside this checkout."""
    folder = REALDATA / "ontopic"
    if not (folder / "records.xml").is_file():
        pytest.skip("../shared/realdata/ontopic is not beside this checkout")
    sys.path.insert(0, str(TESTS.parent / "benchmarks"))
    import realset

    return realset.load(folder)
