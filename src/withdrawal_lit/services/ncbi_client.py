"""The E-utilities client a command uses: one HTTP session whose answers also tell NCBI's date
(``NcbiClock``), closed when the command is done."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from withdrawal_lit.services.clock import NcbiClock
from withdrawal_lit.settings import Settings


@contextlib.contextmanager
def ncbi_client(settings: Settings) -> Iterator[tuple[object, NcbiClock]]:
    """An EntrezClient whose answers also set an NcbiClock."""
    import requests

    from withdrawal_lit.pubmed import EntrezClient

    clock = NcbiClock()
    with requests.Session() as session:
        session.hooks["response"].append(clock.observe)
        yield EntrezClient(settings, session=session), clock
