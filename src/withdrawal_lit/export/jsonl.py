"""JSON Lines (pure): one ``Paper.to_json()`` per line, the one JSON shape of a paper (every
field of the cached record plus the ranking, assessment and bottom line; see the README)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from withdrawal_lit.paper import Paper


def write_jsonl(items: Iterable[Paper], out: TextIO) -> int:
    """One JSON object per line, UTF-8 (not \\u-escaped)."""
    count = 0
    for item in items:
        out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count
