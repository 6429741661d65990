"""What a client's requests cost: the totals for the end-of-run report."""

from __future__ import annotations

import collections
from dataclasses import dataclass, field


@dataclass
class RequestStats:
    """Totals for the end-of-run report."""

    requests: int = 0  # HTTP requests sent, retries included
    retries: int = 0
    throttled: int = 0  # HTTP 429 answers
    by_utility: collections.Counter = field(default_factory=collections.Counter)
    seconds_waiting: float = 0.0  # rate-limit spacing plus back-off
    failures: list[str] = field(default_factory=list)  # why attempts failed, redacted

    def summary(self) -> str:
        """'11 requests to NCBI (esearch 8, epost 1, efetch 2); 1 retry (1 throttled)'."""
        parts = ", ".join(f"{name} {n}" for name, n in sorted(self.by_utility.items()))
        text = f"{self.requests} request{'s' * (self.requests != 1)} to NCBI"
        text += f" ({parts})" if parts else ""
        if self.retries:
            text += f"; {self.retries} retr{'ies' if self.retries != 1 else 'y'}"
            text += f" ({self.throttled} throttled)" if self.throttled else ""
        return text
