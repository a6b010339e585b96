"""The public incident page (/incident/), which names the person's own IT provider when they are
logged in: it reads their practices' crisis protocols, so it composes the crisis feature with the
tenancy core and lives here rather than in web (the shared base every app imports). It keeps its
name web:incident: config/urls.py serves it in the web namespace."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cyberdent.crisis.selectors import crisis_protocol_get
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import ITProvider
from cyberdent.domain.referential_models import Referential
from cyberdent.practices.models import Membership
from cyberdent.web.selectors import facts_by_id, incident_contacts


def own_it_provider(request: HttpRequest) -> ITProvider | None:
    """The IT provider to call from the public incident page: the one in the crisis protocol
    when every practice of the person names the same number; none otherwise (17Cyber is shown,
    rather than a guess between two practices' providers)."""
    if not request.user.is_authenticated:
        return None
    memberships = Membership.objects.filter(user=request.user).select_related("practice")
    found = {
        provider.phone: provider
        for m in memberships
        if (provider := crisis_protocol_get(practice=m.practice).contacts.it_provider).phone
    }
    return next(iter(found.values())) if len(found) == 1 else None


def incident_page_facts(ref: Referential) -> list[str]:
    """Every fact the incident page states, once, in page order (one « Sources » disclosure)."""
    incident = ref.incident
    ids = list(incident.right_now.facts) if incident.right_now else []
    for step in incident.steps:
        ids += step.facts
    ids += incident.personal_data.facts
    for contact in incident.contacts:
        ids += contact.facts
    return list(dict.fromkeys(ids))


@require_safe
def incident(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    return render(
        request,
        "web/incident.html",
        {
            "incident": ref.incident,
            "steps": incident_contacts(ref),
            "facts": facts_by_id(ref),
            "page_facts": incident_page_facts(ref),
            "it_provider": own_it_provider(request),
        },
    )
