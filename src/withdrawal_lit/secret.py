"""A value (the NCBI API key) that shows itself only when asked."""

from __future__ import annotations

import hmac


class Secret:
    """A value (the NCBI API key) that shows itself only when asked: ``reveal()``.

    ``str()``, ``repr()``, ``format()`` and f-strings give ``***``; it is not a ``str``, so
    ``json.dumps`` and string concatenation refuse it and ``"..." + key`` cannot happen by
    accident. Copies are the same object; pickling is refused."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        if not isinstance(value, str) or not value:
            raise TypeError("a Secret holds a non-empty string")
        self._value = value

    def reveal(self) -> str:
        """The value itself: call this only where it must leave (the request to NCBI)."""
        return self._value

    @property
    def masked(self) -> str:
        return f"***{self._value[-4:]}" if len(self._value) > 8 else "***"

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __format__(self, spec: str) -> str:
        return format("***", spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict) -> Secret:
        return self

    def __reduce__(self):
        raise TypeError("a Secret is not pickled")
