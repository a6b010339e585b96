"""A practice's incidents, stored and shared with the team. Every member acts on the day
(Permission.VIEW): mark steps done, write in the journal, fill in the details."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cyberdent.documents.dossier_pdf import render_dossier_pdf
from cyberdent.domain.incident import (
    JOURNAL_MAX_LENGTH,
    PERSONAL_DATA_STEPS,
    PatientData,
    format_moment,
    repeats_last_entry,
)
from cyberdent.domain.loader import default_referential
from cyberdent.domain.roles import Permission
from cyberdent.incidents.evidence import incident_chain_hash
from cyberdent.incidents.forms import (
    CloseForm,
    DecisionForm,
    DetailsForm,
    JournalForm,
    PatientDataForm,
    StartForm,
    StepForm,
)
from cyberdent.incidents.guide_store import record_version
from cyberdent.incidents.models import Incident
from cyberdent.incidents.selectors import (
    allowed_step_ids,
    build_guide,
    incident_record,
    incidents_of,
    practice_crisis_contacts,
    step_titles,
)
from cyberdent.incidents.services import (
    IncidentClosed,
    incident_close,
    incident_decision_update,
    incident_details_update,
    incident_journal_add,
    incident_open,
    incident_patient_data_update,
    incident_reopen,
    incident_step_mark_done,
)
from cyberdent.incidents.views_guide import (
    CLOSED_MESSAGE,
    OUT_OF_DATE_MESSAGE,
    after_step_url,
    decision_initial,
    details_initial,
    guide_context,
    screen_number,
    step_error_message,
    step_screen_context,
)
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.web.views import pdf_response


def _incident(access: PracticeAccess, incident_id: int) -> Incident:
    return get_object_or_404(
        Incident.objects.select_related("practice"), pk=incident_id, practice=access.practice
    )


def _detail_url(incident: Incident, anchor: str = "") -> str:
    url = reverse(
        "incidents:detail",
        kwargs={"practice_id": incident.practice_id, "incident_id": incident.pk},
    )
    return f"{url}#{anchor}" if anchor else url


def _refuse_if_closed(request: HttpRequest, incident: Incident) -> HttpResponse | None:
    if incident.closed_at is None:
        return None
    messages.error(request, CLOSED_MESSAGE)
    return redirect(_detail_url(incident, "cloture"))


def _up_to_date(request: HttpRequest, incident: Incident) -> bool:
    """The form was drawn from the incident as it is now (see guide_store.record_version).
    Every page's forms carry it; a request without one (not from a page) is taken as is."""
    seen = request.POST.get("v")
    return seen is None or seen == record_version(incident_record(incident=incident))


def _draft_key(incident: Incident) -> str:
    return f"incidents.draft.{incident.pk}"


def keep_draft(request: HttpRequest, incident: Incident) -> None:
    """Keep a journal entry typed but not added (sent along by keep-draft.js) across the
    redirect that follows another action, so that the page shows it again."""
    draft = request.POST.get("draft", "")[:JOURNAL_MAX_LENGTH]
    if draft.strip():
        request.session[_draft_key(incident)] = draft


def _render_detail(
    request: HttpRequest,
    access: PracticeAccess,
    incident: Incident,
    *,
    status: int = 200,
    **forms: object,
) -> HttpResponse:
    context = _detail_context(request, access, incident, **forms)
    return render(request, "incidents/detail.html", context, status=status)


def _screen_url(incident: Incident) -> Callable[[int], str]:
    return lambda screen: reverse(
        "incidents:step_screen",
        kwargs={"practice_id": incident.practice_id, "incident_id": incident.pk, "screen": screen},
    )


def _detail_context(
    request: HttpRequest, access: PracticeAccess, incident: Incident, **forms: object
) -> dict[str, object]:
    ref = default_referential()
    record = incident_record(incident=incident)
    draft = request.session.pop(_draft_key(incident), "")
    if draft and "journal_form" not in forms:
        forms["journal_form"] = JournalForm(initial={"text": draft})
    context = guide_context(ref, record, **forms)
    context["guide"] = build_guide(
        ref,
        record,
        now=timezone.now(),
        contacts=practice_crisis_contacts(practice=access.practice),
    )
    kwargs = {"practice_id": access.practice.pk, "incident_id": incident.pk}
    context.update(
        {
            "access": access,
            "practice": access.practice,
            "incident_obj": incident,
            "version": record_version(record),
            "actions": {
                "step": reverse("incidents:step_done", kwargs=kwargs),
                "journal": reverse("incidents:journal_add", kwargs=kwargs),
                "details": reverse("incidents:details", kwargs=kwargs),
                "decision": reverse("incidents:decision", kwargs=kwargs),
                "patient_data": reverse("incidents:patient_data", kwargs=kwargs),
            },
            "pdf_url": reverse("incidents:pdf", kwargs=kwargs),
            "close_url": reverse("incidents:close", kwargs=kwargs),
            "reopen_url": reverse("incidents:reopen", kwargs=kwargs),
            "read_only": incident.closed_at is not None,
            "closed_on": format_moment(incident.closed_at) if incident.closed_at else "",
        }
    )
    return context


@require_safe
@practice_view(Permission.VIEW)
def incident_list(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    incidents = [
        {
            "incident": i,
            "discovered": format_moment(i.discovered_at),
            "closed": format_moment(i.closed_at) if i.closed_at else "",
        }
        for i in incidents_of(practice=access.practice)
    ]
    return render(
        request,
        "incidents/list.html",
        {"access": access, "practice": access.practice, "incidents": incidents},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.VIEW)
def incident_new(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    now = timezone.now()
    if request.method == "POST":
        form = StartForm(request.POST, now=now)
        if form.is_valid() and form.discovered_at is not None:
            incident = incident_open(
                practice=access.practice,
                user=request.user,
                kind=form.kind_value,
                discovered_at=form.discovered_at,
                patient_data=form.patient_data_value,
            )
            messages.success(
                request,
                "Incident ouvert : toute l’équipe le voit. Suivez les étapes dans l’ordre.",
            )
            return redirect(_screen_url(incident)(1))
    else:
        form = StartForm(now=now)
    return render(
        request,
        "incidents/start.html",
        {
            "form": form,
            "action": reverse("incidents:new", kwargs={"practice_id": access.practice.pk}),
            "access": access,
            "practice": access.practice,
            "it_provider": practice_crisis_contacts(practice=access.practice).it_provider,
        },
    )


@require_safe
@practice_view(Permission.VIEW)
def incident_detail(request: HttpRequest, access: PracticeAccess, incident_id: int) -> HttpResponse:
    return _render_detail(request, access, _incident(access, incident_id))


@require_safe
@practice_view(Permission.VIEW)
def incident_step_screen(
    request: HttpRequest, access: PracticeAccess, incident_id: int, screen: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    context = _detail_context(request, access, incident)
    steps = step_screen_context(
        context["guide"], screen, url_of=_screen_url(incident), full_url=_detail_url(incident)
    )
    if steps is None:
        raise Http404  # no such step
    context.update(steps)
    return render(request, "incidents/step_screen.html", context)


@require_POST
@practice_view(Permission.VIEW)
def incident_step_done(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    if refused := _refuse_if_closed(request, incident):
        return refused
    patient_data = PatientData(incident.patient_data)
    form = StepForm(
        request.POST,
        step_ids=allowed_step_ids(default_referential(), patient_data),
        discovered_at=incident.discovered_at,
        now=timezone.now(),
    )
    if not form.is_valid():
        messages.error(request, step_error_message(form))
        return _render_detail(request, access, incident, status=400)
    step_id = form.cleaned_data["step_id"]
    done = incident_step_mark_done(
        incident=incident,
        step_id=step_id,
        user=request.user,
        at=form.done_at,
        recorded_at=form.recorded_at,
    )
    title = {**PERSONAL_DATA_STEPS, **step_titles(default_referential())}[step_id]
    messages.success(request, f"Noté : « {title} », fait le {format_moment(done.done_at)}.")
    keep_draft(request, incident)
    following = after_step_url(
        screen_number(request.POST.get("screen")),
        len(default_referential().incident.steps),
        url_of=_screen_url(incident),
        full=_detail_url(incident),
    )
    return redirect(following or _detail_url(incident, f"step-{step_id}"))


@require_POST
@practice_view(Permission.VIEW)
def incident_journal_add_view(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    if refused := _refuse_if_closed(request, incident):
        return refused
    form = JournalForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, access, incident, journal_form=form)
    record = incident_record(incident=incident)
    if not _up_to_date(request, incident) and repeats_last_entry(record, form.cleaned_data["text"]):
        # A double tap, or the same entry sent again from an older page: added once.
        messages.info(request, "Cette entrée était déjà dans le journal.")
        return redirect(_detail_url(incident, "journal"))
    incident_journal_add(
        incident=incident, user=request.user, text=form.cleaned_data["text"], at=timezone.now()
    )
    messages.success(request, "Entrée ajoutée au journal.")
    return redirect(_detail_url(incident, "journal"))


@require_POST
@practice_view(Permission.VIEW)
def incident_details(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    if refused := _refuse_if_closed(request, incident):
        return refused
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, access, incident, details_form=form)
    record = incident_record(incident=incident)
    if not _up_to_date(request, incident) and form.cleaned_data != details_initial(record):
        # Written from an older page (Back, another tab, a colleague saved meanwhile): show the
        # latest with what was typed, rather than overwrite newer answers silently.
        messages.warning(request, OUT_OF_DATE_MESSAGE)
        return _render_detail(request, access, incident, status=409, details_form=form)
    incident_details_update(incident=incident, **form.cleaned_data)
    messages.success(request, "Informations enregistrées dans le dossier.")
    keep_draft(request, incident)
    return redirect(_detail_url(incident, "details"))


@require_POST
@practice_view(Permission.VIEW)
def incident_decision(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    if refused := _refuse_if_closed(request, incident):
        return refused
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, access, incident, decision_form=form)
    record = incident_record(incident=incident)
    changed = {"risk": form.cleaned_data["risk"], "exemption": form.cleaned_data["exemption"]}
    if not _up_to_date(request, incident) and changed != decision_initial(record):
        messages.warning(request, OUT_OF_DATE_MESSAGE)
        return _render_detail(request, access, incident, status=409, decision_form=form)
    incident_decision_update(
        incident=incident, risk=form.risk_value, exemption=form.exemption_value
    )
    keep_draft(request, incident)
    return redirect(_detail_url(incident, "donnees-patients"))


@require_POST
@practice_view(Permission.VIEW)
def incident_patient_data(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    if refused := _refuse_if_closed(request, incident):
        return refused
    form = PatientDataForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, access, incident, patient_data_form=form)
    if (
        not _up_to_date(request, incident)
        and form.patient_data_value.value != incident.patient_data
    ):
        messages.warning(request, OUT_OF_DATE_MESSAGE)
        return _render_detail(request, access, incident, status=409, patient_data_form=form)
    incident_patient_data_update(
        incident=incident,
        user=request.user,
        patient_data=form.patient_data_value,
        at=timezone.now(),
    )
    messages.success(request, "Réponse changée ; le changement est noté dans le journal.")
    keep_draft(request, incident)
    return redirect(_detail_url(incident, "donnees-personnelles"))


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.VIEW)
def incident_close_view(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    if refused := _refuse_if_closed(request, incident):
        return refused  # the retour d'expérience is not overwritten
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident_close(
                incident=incident,
                user=request.user,
                what_happened=form.cleaned_data["what_happened"],
                what_would_help=form.cleaned_data["what_would_help"],
                at=timezone.now(),
            )
        except IncidentClosed:
            messages.error(request, CLOSED_MESSAGE)
        else:
            messages.success(request, "Incident clôturé. Merci pour le retour d’expérience.")
        return redirect(_detail_url(incident, "cloture"))
    return render(
        request,
        "incidents/close.html",
        {"access": access, "practice": access.practice, "incident_obj": incident, "form": form},
    )


@require_POST
@practice_view(Permission.VIEW)
def incident_reopen_view(
    request: HttpRequest, access: PracticeAccess, incident_id: int
) -> HttpResponse:
    incident = _incident(access, incident_id)
    incident_reopen(incident=incident, user=request.user, at=timezone.now())
    messages.success(request, "Incident rouvert : la réouverture est notée dans le journal.")
    return redirect(_detail_url(incident))


@require_safe
@practice_view(Permission.VIEW)
def incident_pdf(request: HttpRequest, access: PracticeAccess, incident_id: int) -> HttpResponse:
    incident = _incident(access, incident_id)
    ref = default_referential()
    guide = build_guide(ref, incident_record(incident=incident), now=timezone.now())
    pdf = render_dossier_pdf(
        guide.dossier,
        referential=f"{ref.id} {ref.version}",
        portal_url=guide.portal_url,
        chain_hash=incident_chain_hash(incident=incident),
    )
    return pdf_response(
        pdf, f"dossier-incident-{incident.discovered_at:%Y-%m-%d}-{incident.pk}.pdf"
    )
