"""The practice dashboard's diagnostic card:
{% load assessments_cards %}{% diagnostic_card access latest %} (`latest` optional)."""

from __future__ import annotations

from typing import Any

from django import template

from cyberdent.assessments.selectors import LatestDiagnostic, diagnostic_latest_summary
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess

register = template.Library()


@register.inclusion_tag("assessments/_card.html")
def diagnostic_card(
    access: PracticeAccess, latest: LatestDiagnostic | None = None
) -> dict[str, Any]:
    """Latest score, level and date of the practice, with the links that fit the role.
    `latest` is the summary the page already read (the dashboard); without it, the card reads it."""
    if latest is None:
        latest = diagnostic_latest_summary(practice=access.practice)
    return {
        "access": access,
        "latest": latest.saved,
        "evaluated": latest.evaluated,
        "can_compare": latest.has_previous,
        "can_fill": access.can(Permission.FILL_DIAGNOSTIC),
    }
