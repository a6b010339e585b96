"""The `<id:...>` path converter: a database id, bounded to what a 64-bit column holds.

Django's `<id:...>` takes any number of digits; an id of 2⁶³ or more then reaches the database
and SQLite raises OverflowError (a 500). Bounded here, such a URL simply does not match: 404.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # BigAutoField


class DatabaseIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond a 64-bit id")  # Django then tries the next pattern: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)
