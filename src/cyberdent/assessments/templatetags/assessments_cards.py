"""The practice dashboard's diagnostic card:
{% load assessments_cards %}{% diagnostic_card access %}."""

from __future__ import annotations

from typing import Any

from django import template

from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.selectors import diagnostic_evaluate
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess

register = template.Library()


@register.inclusion_tag("assessments/_card.html")
def diagnostic_card(access: PracticeAccess) -> dict[str, Any]:
    """Latest score, level and date of the practice, with the links that fit the role."""
    latest_two = list(SavedDiagnostic.objects.filter(practice=access.practice)[:2])
    latest = latest_two[0] if latest_two else None
    return {
        "access": access,
        "latest": latest,
        "evaluated": diagnostic_evaluate(latest) if latest is not None else None,
        "can_compare": len(latest_two) == 2,
        "can_fill": access.can(Permission.FILL_DIAGNOSTIC),
    }
