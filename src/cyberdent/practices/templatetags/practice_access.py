"""`{% if access|can:"manage_team" %}`: show a link only to a role that may follow it."""

from __future__ import annotations

from django import template

from cyberdent.practices.access import PracticeAccess

register = template.Library()


@register.filter
def can(access: PracticeAccess | None, permission: str) -> bool:
    return access is not None and access.can(permission)
