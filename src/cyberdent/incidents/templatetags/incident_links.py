"""`{% incident_practices user as practices %}`: the practices whose incident mode a logged-in
person may open (every member may), for the public incident page."""

from __future__ import annotations

from typing import Any

from django import template

from cyberdent.domain.roles import Permission, Role, allows
from cyberdent.practices.models import Membership, Practice

register = template.Library()


@register.simple_tag
def incident_practices(user: Any) -> list[Practice]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("practice")
        .order_by("practice__name", "practice_id")
    )
    return [m.practice for m in memberships if allows(Role(m.role), Permission.VIEW)]
