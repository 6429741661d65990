"""The exceptions a user can cause or meet, each with its exit code.

Every error carries a one-line message that names the problem and, where there is one, the fix
(``hint``). The CLI turns them into a single line on stderr and ``exit_code``; nothing else in
the package prints or exits. Messages never contain the NCBI API key (see ``redact``).
"""

from __future__ import annotations

# Exit codes, documented in `withdrawal-lit --help`. `refresh` has its own (see its help).
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3
EXIT_NCBI = 4
EXIT_CACHE = 5
EXIT_NOT_FOUND = 6
EXIT_BUSY = 7
EXIT_PARTIAL = 1  # papers shown (or saved), but part of the answer is missing: see the help

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 error, or partial (the papers printed but a part is missing, e.g. "
    "the registered trials with --offline or when ClinicalTrials.gov is unreachable); "
    "2 bad input (options, query files, config); "
    "3 NCBI or ClinicalTrials.gov unreachable or having trouble; "
    "4 NCBI or ClinicalTrials.gov refused the request (e.g. query syntax); "
    "5 cache unusable; 6 nothing found (unknown PMID, no cache yet, empty cache); 7 cache busy."
)


class WithdrawalLitError(Exception):
    """Base class: a failure with a one-line message and a suggested fix."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = self.message.rstrip(".")
        if self.hint:
            text = f"{text}. {self.hint[:1].upper()}{self.hint[1:]}"
        return " ".join(text.split())

    def __str__(self) -> str:
        return self.one_line()


class InputError(WithdrawalLitError):
    """The user asked for something malformed or unknown (options, names, PMIDs)."""

    exit_code = EXIT_USAGE


class QueryFileError(InputError):
    """A query file is malformed: names the file, the line where known, and what is wrong."""


class ConfigError(InputError):
    """The config file or an environment variable has a wrong value."""


class OutputError(InputError):
    """An output path cannot be written."""


class NetworkError(WithdrawalLitError):
    """NCBI could not be reached, or kept failing after every retry."""

    exit_code = EXIT_NETWORK


class NcbiTrouble(NetworkError):
    """NCBI answered, but its servers failed (an <ERROR> such as "Search Backend failed:
    Database is not supported: pubmed"): transient, asked again like an HTTP 502."""


class TruncatedResponse(NetworkError):
    """A response ended before its XML did (connection dropped mid-body); worth a retry."""


class NcbiError(WithdrawalLitError):
    """NCBI answered, but with an error (query syntax, unknown field, bad parameter)."""

    exit_code = EXIT_NCBI


class HistoryExpired(NcbiError):
    """The WebEnv/query_key on NCBI's history server is gone; re-run the esearch."""


class UnsafeXml(NcbiError):
    """A response declared entities (billion laughs, external entities); refused unparsed."""


class RegisterUnreachable(NetworkError):
    """ClinicalTrials.gov could not be reached, or kept failing after every retry."""


class RegisterError(WithdrawalLitError):
    """ClinicalTrials.gov answered, but refused the request (a bad search expression)."""

    exit_code = EXIT_NCBI


class CacheError(WithdrawalLitError):
    """The cache file cannot be used: not SQLite, corrupt, newer schema, unwritable."""

    exit_code = EXIT_CACHE


class NotFound(WithdrawalLitError):
    """Nothing to show: an unknown PMID, an empty cache in offline mode."""

    exit_code = EXIT_NOT_FOUND


class NoCache(NotFound):
    """The cache file does not exist yet: every command that only reads it says so alike."""

    def __init__(self, path):
        super().__init__(
            f"no cache at {path} yet",
            "run `withdrawal-lit search` (online) to fill it, or point --db at your cache",
        )


class Busy(WithdrawalLitError):
    """Another process holds the refresh lock."""

    exit_code = EXIT_BUSY


def redact(text: str, *secrets) -> str:
    """Replace every secret in ``text`` with asterisks: plain strings, or ``settings.Secret``s
    (anything with ``reveal()``, e.g. the API key)."""
    for secret in secrets:
        value = secret.reveal() if hasattr(secret, "reveal") else secret
        if value:
            text = text.replace(value, "***")
    return text
