"""The way to an incident from every page, one query each:

- `{% crisis_href as url %}` (web/base.html): where « Victime d'une cyberattaque ? » leads. A
  member of exactly one practice goes to that practice's incident mode (its open incident, or
  its incidents list, where one starts); anyone else to the public /incident/ page.
- `{% open_incident practice as banner %}` (practices/_practice_header.html): the practice's
  open incident, for the banner « Incident en cours depuis le … — reprendre ». Only used on
  practice pages, after the access check of the page's view.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django import template
from django.db import DatabaseError
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from cyberdent.domain.french import date_label
from cyberdent.domain.incident import PARIS
from cyberdent.incidents.models import Incident
from cyberdent.practices.models import Membership, Practice

register = template.Library()
logger = logging.getLogger(__name__)


def _open_incidents() -> Any:
    """Open incidents (no closing date), the most recently discovered first."""
    return Incident.objects.filter(closed_at__isnull=True).order_by("-discovered_at", "-id")


@register.simple_tag(takes_context=True)
def crisis_href(context: template.Context) -> str:
    try:
        return _crisis_href(context.get("user"))
    except DatabaseError:
        # The crisis link works whatever happens, even on the error page of a failing database.
        logger.exception("crisis link: falling back to the public incident page")
        return reverse("web:incident")


def _crisis_href(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return reverse("web:incident")
    latest_open = _open_incidents().filter(practice=OuterRef("practice_id")).values("pk")[:1]
    rows = list(
        Membership.objects.filter(user=user)
        .annotate(open_id=Subquery(latest_open))
        .values_list("practice_id", "open_id")[:2]
    )
    if len(rows) != 1:
        return reverse("web:incident")
    practice_id, open_id = rows[0]
    if open_id is None:
        return reverse("incidents:list", kwargs={"practice_id": practice_id})
    return reverse("incidents:detail", kwargs={"practice_id": practice_id, "incident_id": open_id})


def moment_label(incident: Incident) -> str:
    """ "28 mars 2026 à 14 h 30", in Paris time."""
    local = incident.discovered_at.astimezone(PARIS)
    return f"{date_label(local.date())} à {local.hour} h {local:%M}"


@dataclass(frozen=True)
class OpenIncidentBanner:
    since: str
    url: str
    # Another incident is open too: the banner also links to the list.
    others_url: str | None


@register.simple_tag(takes_context=True)
def open_incident(context: template.Context, practice: Practice) -> OpenIncidentBanner | None:
    found = list(_open_incidents().filter(practice=practice)[:2])
    if not found:
        return None
    incident = found[0]
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.kwargs.get("incident_id") == incident.pk:
        return None  # this incident's own pages show it already
    ids = {"practice_id": practice.pk}
    return OpenIncidentBanner(
        since=moment_label(incident),
        url=reverse("incidents:detail", kwargs={**ids, "incident_id": incident.pk}),
        others_url=reverse("incidents:list", kwargs=ids) if len(found) > 1 else None,
    )
