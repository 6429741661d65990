"""The ClinicalTrials.gov API v2 client: study searches and single studies, politely.

Only HTTP and JSON here (no SQLite, no CLI). The register needs no key and publishes no limit
in its API spec; the figure quoted for it is about 50 requests a minute per IP, so requests
start at least ``MIN_INTERVAL`` apart (48 a minute). 429 and 5xx answers and dropped
connections are retried with exponential back-off, honouring ``Retry-After``; the register's
refusals (400 with a plain-text reason, 404 for an unknown study) are never retried and end
as one line. Searches are read one page at a time (``pageSize`` up to the API's 1,000) and
handed to the caller before the next page is asked for.
"""

from __future__ import annotations

import contextlib
import email.utils
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests

from withdrawal_lit import __version__
from withdrawal_lit.errors import NotFound, RegisterError, RegisterUnreachable
from withdrawal_lit.settings import Settings

USER_AGENT = f"withdrawal-lit/{__version__}"
MAX_PAGE_SIZE = 1000  # the API silently cuts anything larger to 1,000
MIN_INTERVAL = 1.25  # seconds between request starts: 48 a minute, under the quoted 50
MAX_BACKOFF = 60.0
JITTER = 0.25  # up to 25 % added to a back-off
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Connections refused (or names not resolved) this many times in a row: the register is out of
# reach (offline machine, firewall), and waiting through every back-off would only delay the
# papers. Timeouts, 429, 5xx and dropped answers get the full retry budget.
MAX_CONNECT_FAILURES = 2
# What the cache keeps of each study: the protocol (every field a Trial reads) and whether
# results are posted. The results section itself can be hundreds of kB per study.
STUDY_FIELDS = "ProtocolSection,HasResults"
REGISTER = "ClinicalTrials.gov"
NETWORK_HINT = "check the network or try again later; the papers and cached trials are unaffected"
TERM_HINT = "check the question's registry_term (ClinicalTrials.gov syntax, not PubMed's)"
_NCT_PATH_RE = re.compile(r"^[Nn][Cc][Tt]0*[1-9]\d{0,7}$")


@dataclass
class RegisterStats:
    requests: int = 0  # HTTP requests sent, retries included
    retries: int = 0
    throttled: int = 0  # 429 answers
    seconds_waiting: float = 0.0  # spacing plus back-off
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.requests} request{'s' * (self.requests != 1)} to {REGISTER}"
        if self.retries:
            text += f"; {self.retries} retr{'ies' if self.retries != 1 else 'y'}"
            text += f" ({self.throttled} throttled)" if self.throttled else ""
        return text


@dataclass(frozen=True)
class Page:
    """One page of a study search: the raw study objects, the first page's total, the token."""

    studies: list[dict]
    total: int | None
    next_token: str | None


def last_update_filter(since: str) -> str:
    """The Essie filter for studies whose last update was posted on or after ``since``."""
    return f"AREA[LastUpdatePostDate]RANGE[{since},MAX]"


class _Pacer:
    """Request starts at least ``interval`` seconds apart; every wait counted in ``stats``."""

    def __init__(self, interval: float, stats: RegisterStats, sleep, clock):
        self.interval, self.stats, self.sleep, self.clock = interval, stats, sleep, clock
        self.next_start: float | None = None

    def before_request(self) -> None:
        now = self.clock()
        if self.next_start is not None and now < self.next_start:
            self.wait(self.next_start - now)
            now = self.next_start
        self.next_start = now + self.interval

    def wait(self, seconds: float) -> None:
        if seconds > 0:
            self.stats.seconds_waiting += seconds
            self.sleep(seconds)


class CtgovClient(contextlib.AbstractContextManager):
    """One polite register client; ``sleep`` and ``clock`` are injectable for tests."""

    def __init__(
        self,
        settings: Settings,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings
        self.base = settings.ctgov_url
        self.stats = RegisterStats()
        host = (urlsplit(self.base).hostname or "").lower()
        interval = MIN_INTERVAL
        if settings.rate_limit and not host.endswith("clinicaltrials.gov"):
            interval = 1.0 / settings.rate_limit  # a proxy's or test server's own rate
        self._pacer = _Pacer(interval, self.stats, sleep, clock)
        self._own_session = session is None
        self._session = session if session is not None else requests.Session()
        self._random = random.Random()

    def close(self) -> None:
        """Close the HTTP session, unless the caller passed in its own."""
        if self._own_session:
            self._session.close()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the API -------------------------------------------------------------------------
    def search(
        self, term: str, *, updated_since: str | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[Page]:
        """Every page of the studies matching ``term`` (and, incrementally, last updated on
        or after ``updated_since``), one request per page, each page yielded before the next
        is asked for. Every follow-up repeats the first request's parameters, as the API asks."""
        params = {
            "query.term": term,
            "filter.advanced": last_update_filter(updated_since) if updated_since else None,
            "fields": STUDY_FIELDS,
            "pageSize": max(1, min(page_size, MAX_PAGE_SIZE)),
            "countTotal": "true",
            "format": "json",
        }
        token: str | None = None
        seen_tokens: set[str] = set()
        while True:
            body = self._get("studies", {**params, "pageToken": token}, what="search")
            page = _page(body)
            yield page
            if not page.next_token or not page.studies:
                return
            if page.next_token in seen_tokens:  # a server looping on one token
                raise RegisterError(
                    f"{REGISTER} returned the same page token twice",
                    hint="try again later; nothing was saved from this search",
                )
            seen_tokens.add(page.next_token)
            token = page.next_token

    def study(self, nct_id: str) -> dict:
        """One study (``GET studies/{nctId}``) as its raw JSON object."""
        if not _NCT_PATH_RE.match(nct_id):
            raise RegisterError(f"{nct_id!r} is not an NCT number", hint="give e.g. NCT01234567")
        body = self._get(f"studies/{nct_id}", {"fields": STUDY_FIELDS}, what=nct_id)
        if not isinstance(body, dict) or "protocolSection" not in body:
            raise RegisterError(f"{REGISTER} answered {nct_id} without a study record")
        return body

    # -- HTTP ----------------------------------------------------------------------------
    def _get(self, path: str, params: dict, *, what: str) -> object:
        url = self.base + path
        query = {k: v for k, v in params.items() if v is not None}
        attempts = self.settings.retries + 1
        cause = ""
        refused = 0
        for attempt in range(attempts):
            retry_after = None
            try:
                self._throttle()
                self.stats.requests += 1
                response = self._session.get(
                    url,
                    params=query,
                    headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                    timeout=self.settings.timeout,
                )
                if response.status_code == 200:
                    return _json(response, what)
                cause, retry_after = self._failure(response, what)
            except RegisterError:
                raise
            except ValueError as exc:  # a body cut short or not JSON: worth another try
                cause = str(exc)
            except (requests.exceptions.RequestException, OSError) as exc:
                cause = _describe(exc, self.settings.timeout)
                refused = refused + 1 if _refused(exc) else 0
            self.stats.failures.append(f"{what}: {cause}")
            if refused >= MAX_CONNECT_FAILURES:
                attempts = attempt + 1
                break
            if attempt + 1 < attempts:
                self.stats.retries += 1
                self._wait(self._backoff(attempt, retry_after))
        tries = f"{attempts} tr{'ies' if attempts != 1 else 'y'}"
        raise RegisterUnreachable(f"{REGISTER} did not answer after {tries}: {cause}", NETWORK_HINT)

    def _failure(self, response: requests.Response, what: str) -> tuple[str, float | None]:
        """(cause, Retry-After seconds) for a retryable status; raises for a refusal."""
        status = response.status_code
        text = " ".join(response.text[:300].split()) or response.reason or ""
        if status in RETRY_STATUSES:
            if status == 429:
                self.stats.throttled += 1
            return f"HTTP {status} {text}".strip(), retry_after(response.headers.get("Retry-After"))
        if status == 404 and what.upper().startswith("NCT"):
            raise NotFound(f"{what} is not in {REGISTER} ({text})", "check the NCT number")
        hint = TERM_HINT if what == "search" else "check the NCT number"
        raise RegisterError(f"{REGISTER} refused the {what} request (HTTP {status}): {text}", hint)

    def _throttle(self) -> None:
        self._pacer.before_request()

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        delay = min(max(self.settings.backoff, 0.0) * 2**attempt, MAX_BACKOFF)
        delay += delay * self._random.uniform(0, JITTER)
        if retry_after is not None:
            delay = max(delay, min(retry_after, MAX_BACKOFF))
        return delay

    def _wait(self, seconds: float) -> None:
        self._pacer.wait(seconds)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _json(response: requests.Response, what: str) -> object:
    try:
        return response.json()
    except ValueError:
        raise ValueError(f"{what}: the answer was not complete JSON") from None


def _page(body: object) -> Page:
    if not isinstance(body, dict) or not isinstance(body.get("studies"), list):
        raise RegisterError(f"{REGISTER} answered a search without a 'studies' list")
    total = body.get("totalCount")
    token = body.get("nextPageToken")
    return Page(
        studies=[s for s in body["studies"] if isinstance(s, dict)],
        total=total if isinstance(total, int) else None,
        next_token=token if isinstance(token, str) and token else None,
    )


def _refused(exc: BaseException) -> bool:
    """A connection that never opened (refused, no route, unknown host), not a timeout."""
    return (
        isinstance(exc, requests.exceptions.ConnectionError)
        and not isinstance(exc, requests.exceptions.Timeout)
        and "Connection aborted" not in str(exc)
    )


def _describe(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, requests.exceptions.Timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, requests.exceptions.ConnectionError):
        errno = re.search(r"\[Errno -?\d+\][^'\")\]]*", str(exc))
        return f"connection failed ({errno.group(0).strip() if errno else 'refused'})"
    return f"connection failed ({type(exc).__name__})"
