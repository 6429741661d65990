"""The one way a stored UTC timestamp is shown to people."""

from __future__ import annotations


def when(iso: str, *, utc: bool = True, seconds: bool = False) -> str:
    """'2025-02-01T03:00:00Z' -> '2025-02-01 03:00 UTC' ('... 03:00:00 UTC' with ``seconds``;
    without the zone with ``utc=False``). Anything else is returned as it is."""
    if len(iso) >= 16 and iso[10] == "T":
        clock = iso[11:19] if seconds else iso[11:16]
        return f"{iso[:10]} {clock}" + (" UTC" if utc else "")
    return iso
