"""Isolation specs of the workspace app (see tests/isolation.py). Its pages keep their names in
the `practices` namespace (see config/urls.py)."""

from __future__ import annotations

from cyberdent.domain.roles import Permission as P
from tests.isolation import PracticeUrl

SPECS = [
    PracticeUrl("practices:dashboard", P.VIEW),
    PracticeUrl("practices:export", P.EXPORT, ("GET", "POST")),
    PracticeUrl("practices:delete", P.DELETE_PRACTICE, ("GET", "POST")),
]
