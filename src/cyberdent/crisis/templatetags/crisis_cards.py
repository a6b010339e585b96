"""The practice dashboard's protocol card: {% load crisis_cards %}{% protocol_card access %}."""

from __future__ import annotations

from typing import Any

from django import template

from cyberdent.crisis.selectors import crisis_protocol_get
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess

register = template.Library()


@register.inclusion_tag("crisis/_card.html")
def protocol_card(access: PracticeAccess) -> dict[str, Any]:
    """Which contacts are filled, when the team was told, and the links that fit the role."""
    state = crisis_protocol_get(practice=access.practice)
    return {
        "practice": access.practice,
        "state": state,
        "status": state.status,
        "can_edit": access.can(Permission.EDIT_PROTOCOL),
    }
