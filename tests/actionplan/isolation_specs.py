"""Isolation specs of the tracked plan and the calendar (see tests/isolation.py)."""

from __future__ import annotations

from typing import Any

from cyberdent.actionplan.models import ActionItem
from cyberdent.domain.roles import Permission as P
from tests.assessments.helpers import save_diagnostic
from tests.isolation import PracticeUrl, PublicUrl

SPECS = [
    PracticeUrl("actionplan:plan", P.VIEW),
    PracticeUrl("actionplan:update", P.UPDATE_ACTION, ("GET", "POST"), ("item_id",)),
    PracticeUrl("actionplan:quick", P.UPDATE_ACTION, ("POST",), ("item_id",)),
    PracticeUrl("actionplan:calendar", P.VIEW),
    PracticeUrl("actionplan:ics", P.VIEW),
    PracticeUrl("actionplan:feed_renew", P.MANAGE_SETTINGS, ("POST",)),
    PracticeUrl("actionplan:feed_revoke", P.MANAGE_SETTINGS, ("POST",)),
]
# The feed's secret is its only key: a made-up one must give 404 (checked by the test).
PUBLIC = [PublicUrl("actionplan:feed", {"token": "a-made-up-calendar-secret"})]


def build_objects(practice: Any, owner: Any) -> dict[str, int]:
    diagnostic = save_diagnostic(practice, owner, mfa="no")
    return {"item_id": ActionItem.objects.filter(diagnostic=diagnostic).first().pk}
