"""The incidents card of the practice dashboard: incidents in progress, a link to start the
guided mode. `{% load incidents_cards %}{% incident_card access %}`"""

from __future__ import annotations

from typing import Any

from django import template

from cyberdent.incidents.selectors import incidents_of
from cyberdent.practices.access import PracticeAccess

register = template.Library()


@register.inclusion_tag("incidents/incident_card.html")
def incident_card(access: PracticeAccess) -> dict[str, Any]:
    incidents = incidents_of(practice=access.practice)
    open_incidents = list(incidents.filter(closed_at__isnull=True).order_by("-discovered_at")[:3])
    return {
        "practice": access.practice,
        "open_incidents": open_incidents,
        "open_count": incidents.filter(closed_at__isnull=True).count(),
        "total": incidents.count(),
    }
