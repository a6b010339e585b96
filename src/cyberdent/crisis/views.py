"""The practice's crisis protocol: the "En cas d'incident" page, its contacts, its poster."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.crisis.forms import ProtocolForm
from cyberdent.crisis.selectors import (
    crisis_protocol_get,
    crisis_protocol_met,
    poster_contacts,
    protocol_steps,
)
from cyberdent.crisis.services import crisis_protocol_save
from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.domain.crisis_status import offer_diagnostic_update
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import DONT_PAY_STEP, build_poster
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.web.forms import initial_from
from cyberdent.web.views import file_slug, pdf_response


@require_safe
@practice_view(Permission.VIEW)
def protocol(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    ref = default_referential()
    state = crisis_protocol_get(practice=access.practice)
    steps = protocol_steps(ref, state.contacts)
    offer = offer_diagnostic_update(
        team_informed=state.team_informed_at is not None,
        crisis_protocol_met=crisis_protocol_met(practice=access.practice),
        can_fill_diagnostic=access.can(Permission.FILL_DIAGNOSTIC),
    )
    return render(
        request,
        "crisis/protocol.html",
        {
            "access": access,
            "practice": access.practice,
            "state": state,
            "contacts": poster_contacts(practice=access.practice, contacts=state.contacts),
            "steps": [s for s in steps if s.step.id != DONT_PAY_STEP],
            "dont_pay": next((s for s in steps if s.step.id == DONT_PAY_STEP), None),
            "incident": ref.incident,
            "offer_diagnostic_update": offer,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.EDIT_PROTOCOL)
def protocol_edit(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    can_tell_team = access.can(Permission.MANAGE_TEAM)
    state = crisis_protocol_get(practice=access.practice)
    if request.method == "POST":
        form = ProtocolForm(request.POST, can_tell_team=can_tell_team)
        if form.is_valid() and form.contacts is not None:
            crisis_protocol_save(
                practice=access.practice,
                user=request.user,
                contacts=form.contacts,
                team_informed=form.team_told,
            )
            told = " La présentation à l’équipe est notée." if form.team_told else ""
            messages.success(request, f"Les contacts du protocole sont enregistrés.{told}")
            return redirect("crisis:protocol", practice_id=access.practice.pk)
    else:
        form = ProtocolForm(initial=initial_from(state.contacts), can_tell_team=can_tell_team)
    return render(
        request,
        "crisis/edit.html",
        {"access": access, "practice": access.practice, "form": form, "state": state},
    )


@require_safe
@practice_view(Permission.VIEW)
def protocol_poster(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    state = crisis_protocol_get(practice=access.practice)
    contacts = poster_contacts(practice=access.practice, contacts=state.contacts)
    pdf = render_poster_pdf(build_poster(default_referential(), contacts))
    return pdf_response(pdf, poster_filename(access.practice.name, timezone.localdate()))


def poster_filename(practice_name: str, day: dt.date) -> str:
    return f"fiche-reflexe-{file_slug(practice_name)}-{day:%Y-%m-%d}.pdf"
