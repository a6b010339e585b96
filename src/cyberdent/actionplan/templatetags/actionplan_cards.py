"""The plan card of the practice dashboard: progress, next deadlines, a link to the plan."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from cyberdent.actionplan.selectors import new_diagnostic_url, practice_plan
from cyberdent.practices.access import PracticeAccess

register = template.Library()


@register.inclusion_tag("actionplan/plan_card.html")
def plan_card(access: PracticeAccess) -> dict[str, Any]:
    plan = practice_plan(practice=access.practice, today=timezone.localdate())
    return {
        "practice": access.practice,
        "plan": plan,
        "next_due": plan.next_due() if plan else (),
        "new_diagnostic_url": new_diagnostic_url(access.practice.pk, ()),
    }
