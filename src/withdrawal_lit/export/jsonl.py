"""JSON Lines (pure): one ``to_json()`` per line, the one JSON shape of a paper
(``Paper.to_json()``: every field of the cached record plus the ranking, assessment and bottom
line) or of a trial (``TrialView.to_json()``); see the README."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol, TextIO


class JsonRecord(Protocol):
    def to_json(self) -> dict: ...


def write_jsonl(items: Iterable[JsonRecord], out: TextIO) -> int:
    """One JSON object per line, UTF-8 (not \\u-escaped)."""
    count = 0
    for item in items:
        out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count
