"""Isolation specs of the practice's crisis protocol (see tests/isolation.py)."""

from __future__ import annotations

from cyberdent.domain.roles import Permission as P
from tests.isolation import PracticeUrl

SPECS = [
    PracticeUrl("crisis:protocol", P.VIEW),
    PracticeUrl("crisis:edit", P.EDIT_PROTOCOL, ("GET", "POST")),
    PracticeUrl("crisis:poster", P.VIEW),
]
