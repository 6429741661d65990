"""timestamps.when: the one way a stored UTC timestamp is shown."""

from __future__ import annotations

import pytest

from withdrawal_lit.timestamps import when


@pytest.mark.parametrize(
    ("iso", "options", "shown"),
    [
        ("2025-02-01T03:04:05Z", {}, "2025-02-01 03:04 UTC"),
        ("2025-02-01T03:04:05Z", {"utc": False}, "2025-02-01 03:04"),
        ("2025-02-01T03:04:05Z", {"seconds": True}, "2025-02-01 03:04:05 UTC"),
        ("2025-02-01", {}, "2025-02-01"),
        ("", {}, ""),
    ],
)
def test_when(iso, options, shown):
    assert when(iso, **options) == shown
