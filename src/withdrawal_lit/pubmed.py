"""The NCBI E-utilities client: esearch, epost and efetch for PubMed, politely and robustly.

``EntrezClient`` holds what Biopython keeps in process-wide globals (tool, email, API key, base
URL) and adds what ``Bio.Entrez`` lacks: a rate limit shared by every request of the client,
exponential back-off on transient failures (Bio.Entrez retries without sleeping), and checks
that a fetch really returned every record asked for. Request parameters are still built by
``Bio.Entrez._build_request`` so its etiquette (POST for long id lists and URLs) applies.

It knows nothing of SQLite or the CLI: it takes ``Settings`` and returns ``records`` types.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import TypeVar

import requests
import urllib3
from Bio import Entrez

from withdrawal_lit import __version__, efetch
from withdrawal_lit.errors import (
    HistoryExpired,
    NcbiError,
    NcbiTrouble,
    NetworkError,
    WithdrawalLitError,
    redact,
)
from withdrawal_lit.fetchplan import HistorySource
from withdrawal_lit.ncbi_answers import (
    QUERY_HINT,
    ncbi_message,
    ncbi_trouble,
    read_post,
    read_search,
    retry_after,
)
from withdrawal_lit.ratelimit import PacedAdapter, SendWindow
from withdrawal_lit.records import Article, PostResult, SearchResult
from withdrawal_lit.request_stats import RequestStats
from withdrawal_lit.search_windows import (
    EARLIEST,
    LATEST,
    SPLIT_DATETYPE,
    format_date,
    parse_date,
    split_point,
)
from withdrawal_lit.settings import Settings

USER_AGENT = f"withdrawal-lit/{__version__}"
ESEARCH_RETMAX = 10000  # the most ids one esearch returns
MAX_BACKOFF = 60.0  # seconds
JITTER = 0.1  # up to 10% added to each back-off, so clients that failed together spread out
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
NETWORK_HINT = "check the network or try again later; cached results are unaffected"
REFUSED_HINT = "check the query, the options and the API key (NCBI_API_KEY)"

# Failures worth another try: HTTP-level drops and timeouts (requests wraps most; reading the
# raw stream raises urllib3's and http.client's own), and bodies cut mid-XML.
TRANSIENT = (
    requests.exceptions.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)

T = TypeVar("T")


class EntrezClient:
    """One polite E-utilities client; ``sleep`` and ``clock`` are injectable for tests."""

    def __init__(
        self,
        settings: Settings,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings
        self.stats = RequestStats()
        self._own_session = session is None
        self._session = session or requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._stats_lock = threading.Lock()
        self._random = random.Random()
        # NCBI's rate (3/s, 10/s with a key) is kept where requests leave: see ratelimit.
        window = SendWindow.per_second(settings.requests_per_second, clock=clock, sleep=self._wait)
        self._session.mount(settings.eutils_url, PacedAdapter(window))

    def close(self) -> None:
        if self._own_session:
            self._session.close()

    def __enter__(self) -> EntrezClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- esearch -------------------------------------------------------------------------
    def esearch(
        self,
        term: str,
        *,
        webenv: str | None = None,
        retmax: int = ESEARCH_RETMAX,
        retstart: int = 0,
        datetype: str | None = None,
        mindate: str | None = None,
        maxdate: str | None = None,
        usehistory: bool = True,
        sort: str | None = None,
    ) -> SearchResult:
        """One PubMed esearch. Raises NcbiError when PubMed could not run the query (an
        unknown field tag, a syntax error); a term that merely matched nothing is reported in
        ``errors``/``warnings`` (e.g. "PhraseNotFound: ...") for the caller to show."""
        params = {
            "term": term,
            "retmax": retmax,
            "retstart": retstart,
            "usehistory": "y" if usehistory else None,
            "WebEnv": webenv,
            "datetype": datetype,
            "mindate": mindate,
            "maxdate": maxdate,
            "sort": sort,
        }
        result = self._call_again("esearch", params, read_search)
        failing = [e for e in result.errors if not e.startswith("PhraseNotFound")]
        if result.count == 0 and failing:
            raise NcbiError(
                self._redact(f"PubMed could not run the search: {'; '.join(failing)}"),
                hint=QUERY_HINT,
            )
        return result

    def search_all(
        self,
        term: str,
        *,
        webenv: str | None = None,
        datetype: str | None = None,
        mindate: str | None = None,
        maxdate: str | None = None,
    ) -> SearchResult:
        """Every PMID matching ``term``.

        One esearch (usehistory=y) when PubMed returns all ids at once. Beyond what one
        esearch can page through (PubMed stops at 9,999), the search is repeated over date
        windows (``datetype``, publication date by default), each window halved until its
        ids all come back, and the ids are united in PubMed's newest-first order. A split
        result has no WebEnv (fetch will epost the ids) and ``count`` = the ids found.
        """
        first = self.esearch(
            term,
            webenv=webenv,
            retmax=ESEARCH_RETMAX,
            datetype=datetype,
            mindate=mindate,
            maxdate=maxdate,
        )
        if len(first.ids) >= first.count:
            return first
        low = parse_date(mindate, end=False) if mindate else EARLIEST
        high = parse_date(maxdate, end=True) if maxdate else LATEST
        ids = self._search_windows(term, datetype or SPLIT_DATETYPE, low, high)
        warnings_ = first.warnings
        if len(ids) != first.count:
            warnings_ += (
                f"SplitSearch: the date windows held {len(ids)} records, PubMed first counted "
                f"{first.count} (records were added or changed during the search)",
            )
        return SearchResult(
            count=len(ids),
            ids=tuple(ids),
            query_translation=first.query_translation,
            errors=first.errors,
            warnings=warnings_,
        )

    def _search_windows(self, term: str, datetype: str, low: date, high: date) -> list[str]:
        found: dict[str, None] = {}
        windows = [(low, high)]
        while windows:
            start, end = windows.pop()
            result = self.esearch(
                term,
                retmax=ESEARCH_RETMAX,
                usehistory=False,
                datetype=datetype,
                mindate=format_date(start),
                maxdate=format_date(end),
            )
            if len(result.ids) >= result.count:
                found.update(dict.fromkeys(result.ids))
                continue
            if start == end:
                raise NcbiError(
                    f"PubMed holds {result.count} matching records dated {start:%Y/%m/%d} "
                    f"({datetype}), more than one search can return",
                    hint="narrow the query",
                )
            cut = split_point(start, end)
            # The later half is pushed last so it is searched first: newest ids come first.
            windows.append((start, cut))
            windows.append((cut + timedelta(days=1), end))
        return list(found)

    # -- epost / efetch ------------------------------------------------------------------
    def epost(self, ids: Sequence[str], *, webenv: str | None = None) -> PostResult:
        """Store ids on the history server (always a POST, however few)."""
        params = {"id": ",".join(str(i) for i in ids), "WebEnv": webenv}
        return self._call_again("epost", params, read_post, post=True)

    def fetch(
        self,
        ids: Sequence[str],
        *,
        history: tuple[str, str] | HistorySource | None = None,
        batch_size: int | None = None,
    ) -> Iterator[list[Article]]:
        """The Articles of exactly these PMIDs, in lists handed over while the responses
        stream in (``efetch.fetch``: batches, history sets, retries, missing records)."""
        return efetch.fetch(self, ids, history=history, batch_size=batch_size)

    # -- HTTP ----------------------------------------------------------------------------
    def _call(
        self,
        utility: str,
        params: dict,
        read: Callable[[requests.Response], T],
        *,
        post: bool | None = None,
    ) -> T:
        """Send one E-utility request and ``read`` its 200 answer, retrying transient
        failures (429, 5xx, dropped or timed-out connections, truncated bodies) with
        back-off. NCBI's refusals (other 4xx, <ERROR> answers ``read`` raises) propagate
        at once, the API key redacted from their messages."""
        attempts = self.settings.retries + 1
        cause = ""
        for attempt in range(attempts):
            retry_after = None
            trouble = False
            try:
                response = self._send(utility, params, post)
                try:
                    if response.status_code == 200:
                        return read(response)
                    cause, retry_after = self._http_failure(utility, response)
                finally:
                    response.close()
            except WithdrawalLitError as exc:
                exc.message = self._redact(exc.message)
                exc.args = (exc.message,)
                if not isinstance(exc, NetworkError):  # a TruncatedResponse is transient
                    raise
                cause = exc.message
                trouble = isinstance(exc, NcbiTrouble)  # "Search Backend failed" and the like
            except TRANSIENT as exc:
                cause = self._describe(exc)
            self._note_failure(utility, cause)
            if attempt + 1 < attempts:
                self.stats.retries += 1
                self._wait(self._backoff(attempt, retry_after))
        if trouble:
            raise ncbi_trouble(utility, attempts, cause)
        raise NetworkError(
            f"NCBI did not answer after {attempts} tr{'ies' if attempts != 1 else 'y'}: {cause}",
            hint=NETWORK_HINT,
        )

    def _call_again(
        self,
        utility: str,
        params: dict,
        read: Callable[[requests.Response], T],
        *,
        post: bool | None = None,
    ) -> T:
        """``_call``, asked again (bounded, with back-off) when a 200 answer says the WebEnv
        sent is gone (then without it, so NCBI starts a fresh one); NcbiTrouble when every
        try failed so. NCBI's server-side <ERROR>s are retried in ``_call``; the request's
        own (see ``ncbi_errors``) raise at once."""
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            if attempt:
                self.stats.retries += 1
                self._wait(self._backoff(attempt - 1))
            try:
                return self._call(utility, params, read, post=post)
            except HistoryExpired as exc:
                params["WebEnv"] = None
                last: NcbiError = exc
            self._note_failure(utility, last.message)
        raise ncbi_trouble(utility, attempts, last.message)

    def _send(self, utility: str, params: dict, post: bool | None) -> requests.Response:
        """The one place a URL is built and a request leaves: Bio.Entrez's etiquette (tool,
        email, api_key; POST for long id lists or URLs, and always with a key) and our
        User-Agent. The rate limit is kept by the session's PacedAdapter, as it sends."""
        cgi = f"{self.settings.eutils_url}{utility}.fcgi"
        key = self.settings.api_key
        query = {
            "db": "pubmed",
            **params,
            "tool": self.settings.tool,
            "email": self.settings.email,
            "api_key": key.reveal() if key else None,
        }
        with warnings.catch_warnings():
            # Bio.Entrez warns when no email is set; the CLI warns about that once itself.
            warnings.filterwarnings("ignore", message=r"\s*Email address is not specified")
            # A request carrying the key is always a POST: in a URL the key would reach
            # proxies' and servers' access logs and urllib3's debug log.
            request = Entrez._build_request(cgi, query, post=True if key else post)
        with self._stats_lock:  # searches may run in several threads (services.sync)
            self.stats.requests += 1
            self.stats.by_utility[utility] += 1
        headers = {"User-Agent": USER_AGENT}
        if request.get_method() == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            return self._session.post(
                cgi, data=request.data, headers=headers, timeout=self.settings.timeout, stream=True
            )
        return self._session.get(
            request.full_url, headers=headers, timeout=self.settings.timeout, stream=True
        )

    def _http_failure(self, utility: str, response: requests.Response) -> tuple[str, float | None]:
        """(cause, Retry-After seconds) for a retryable status; NcbiError for the others."""
        body = response.raw.read(65536, decode_content=True) or b""
        status = response.status_code
        message = ncbi_message(body).removeprefix(str(status)).strip() or response.reason or ""
        message = self._redact(message)
        if status == 429:
            self.stats.throttled += 1
        if status in RETRY_STATUSES:
            return f"HTTP {status} {message}".strip(), retry_after(
                response.headers.get("Retry-After")
            )
        raise NcbiError(
            f"NCBI refused the {utility} request (HTTP {status}): {message}", hint=REFUSED_HINT
        )

    def _backoff(self, attempt: int, retry_after: float | None = None) -> float:
        delay = min(self.settings.backoff * 2**attempt, MAX_BACKOFF)
        delay += delay * self._random.uniform(0, JITTER)
        if retry_after is not None:
            delay = max(delay, min(retry_after, MAX_BACKOFF))
        return delay

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.stats.seconds_waiting += seconds
            self._sleep(seconds)

    def _note_failure(self, utility: str, cause: str) -> None:
        self.stats.failures.append(self._redact(f"{utility}: {cause}"))

    def _redact(self, text: str) -> str:
        return redact(text, self.settings.api_key)

    def _describe(self, exc: BaseException) -> str:
        """A short, key-free cause for a transport failure (requests' texts carry the URL)."""
        text = str(exc)
        if isinstance(exc, requests.exceptions.Timeout | urllib3.exceptions.TimeoutError) or (
            "timed out" in text
        ):
            return f"no answer within {self.settings.timeout:g} s"
        errno = re.search(r"\[Errno -?\d+\][^'\")\]]*", text)
        detail = errno.group(0).strip() if errno else type(exc).__name__
        if isinstance(
            exc,
            requests.exceptions.ChunkedEncodingError
            | urllib3.exceptions.ProtocolError
            | http.client.HTTPException,
        ):
            return self._redact(f"connection dropped mid-answer ({detail})")
        return self._redact(f"connection failed ({detail})")
