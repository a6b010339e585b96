"""Isolation specs of the audit log (see tests/isolation.py)."""

from cyberdent.domain.roles import Permission as P
from tests.isolation import PracticeUrl

SPECS = [PracticeUrl("audit:log", P.VIEW_AUDIT)]
