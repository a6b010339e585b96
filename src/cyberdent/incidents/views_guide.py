"""The anonymous incident mode: nothing is stored on the server.

The incident travels in a signed token in a hidden field of every form. Without storage there
is no POST-redirect-GET: each POST answers with the page and the new token. A refresh re-posts
the same token, so it gives the same result (no double entry)."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cyberdent.documents.dossier_pdf import render_dossier_pdf
from cyberdent.domain.incident import (
    JOURNAL_MAX_LENGTH,
    KIND_SHORT,
    PERSONAL_DATA_STEPS,
    IncidentError,
    IncidentRecord,
    format_moment,
    record_with_entry,
    record_with_step,
)
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import CrisisContacts, ITProvider
from cyberdent.domain.referential_models import Referential
from cyberdent.incidents.forms import (
    AnonymousStartForm,
    DecisionForm,
    DetailsForm,
    JournalForm,
    StepForm,
)
from cyberdent.incidents.selectors import allowed_step_ids, build_guide, step_titles
from cyberdent.incidents.tokens import InvalidToken, decode_record, encode_record
from cyberdent.web.views import pdf_response

UNREADABLE_STATE_MESSAGE = (
    "Les informations de cet incident ne peuvent pas être relues : la page a été modifiée ou "
    "recopiée incomplètement. Revenez à la page précédente avec le bouton Retour de votre "
    "navigateur, ou recommencez le mode incident guidé."
)
UNKNOWN_ACTION_MESSAGE = "Cette action n'est pas reconnue : rien n'a été modifié."


def _invalid_token(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "incidents/bad_token.html",
        {"typed": request.POST.get("text", "")[:20_000], "message": UNREADABLE_STATE_MESSAGE},
        status=400,
    )


def _restart(request: HttpRequest) -> HttpResponse:
    """A GET where only a form's POST makes sense (a bookmark, a shared link)."""
    messages.info(
        request,
        "Le suivi d'un incident sans compte n'est pas enregistré : il ne se rouvre pas par "
        "un lien. Recommencez ici ; pensez à télécharger le dossier (PDF) au fur et à mesure.",
    )
    return redirect("incidents:guide_start")


def details_initial(record: IncidentRecord) -> dict[str, str]:
    return {
        "complaint_reference": record.complaint_reference,
        "affected_systems": record.affected_systems,
        "contacted": record.contacted,
    }


def decision_initial(record: IncidentRecord) -> dict[str, str]:
    return {"risk": record.risk.value if record.risk else "", "exemption": record.exemption.value}


def guide_context(ref: Referential, record: IncidentRecord, **forms: object) -> dict[str, object]:
    """The forms not given are fresh ones filled from the record."""
    return {
        "guide": build_guide(
            ref,
            record,
            now=timezone.now(),
            contacts=CrisisContacts(it_provider=ITProvider(phone=record.it_provider_phone)),
        ),
        "record": record,
        "kind_short": KIND_SHORT[record.kind],
        "discovered": format_moment(record.discovered_at),
        "incident": ref.incident,
        "journal_form": forms.get("journal_form") or JournalForm(),
        "details_form": forms.get("details_form") or DetailsForm(initial=details_initial(record)),
        "decision_form": forms.get("decision_form")
        or DecisionForm(initial=decision_initial(record)),
    }


def _render_guide(
    request: HttpRequest,
    ref: Referential,
    record: IncidentRecord,
    *,
    status: int = 200,
    **forms: object,
) -> HttpResponse:
    action = reverse("incidents:guide")
    draft = request.POST.get("draft", "")[:JOURNAL_MAX_LENGTH]
    if draft.strip() and "journal_form" not in forms:
        # A journal entry typed but not yet added, carried by keep-draft.js: show it again.
        forms["journal_form"] = JournalForm(initial={"text": draft})
    context = guide_context(ref, record, **forms)
    context.update(
        {
            "state": encode_record(ref, record),
            "actions": {op: action for op in ("step", "journal", "details", "decision")},
            "refresh_action": action,
            "pdf_action": reverse("incidents:guide_pdf"),
        }
    )
    return render(request, "incidents/guide.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def guide_start(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    if request.method == "POST":
        form = AnonymousStartForm(request.POST, now=now)
        if form.is_valid() and form.discovered_at is not None:
            record = IncidentRecord(
                kind=form.kind_value,
                discovered_at=form.discovered_at,
                patient_data=form.patient_data_value,
                it_provider_phone=form.cleaned_data["it_provider_phone"],
            )
            return _render_guide(request, default_referential(), record)
    else:
        form = AnonymousStartForm(now=now)
    return render(
        request,
        "incidents/start.html",
        {"form": form, "action": reverse("incidents:guide_start"), "practice": None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def guide(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _restart(request)
    ref = default_referential()
    try:
        record = decode_record(ref, request.POST.get("state", ""))
    except InvalidToken:
        return _invalid_token(request)
    op = request.POST.get("op", "")
    now = timezone.now()
    if op == "step":
        step_form = StepForm(request.POST, step_ids=allowed_step_ids(ref, record.patient_data))
        if not step_form.is_valid():
            messages.error(request, "Cette étape n'existe pas : rien n'a été modifié.")
            return _render_guide(request, ref, record, status=400)
        step_id = step_form.cleaned_data["step_id"]
        record = record_with_step(record, step_id, now)
        title = {**PERSONAL_DATA_STEPS, **step_titles(ref)}[step_id]
        messages.success(
            request, f"Noté : « {title} », fait le {format_moment(record.steps_done[step_id])}."
        )
        return _render_guide(request, ref, record)
    if op == "journal":
        form = JournalForm(request.POST)
        if form.is_valid():
            try:
                record = record_with_entry(record, form.cleaned_data["text"], now)
            except IncidentError as exc:
                form.add_error("text", str(exc))
            else:
                messages.success(request, "Entrée ajoutée au journal.")
                return _render_guide(request, ref, record)
        return _render_guide(request, ref, record, journal_form=form)
    if op == "details":
        details = DetailsForm(request.POST)
        if details.is_valid():
            record = dataclasses.replace(record, **details.cleaned_data)
            messages.success(request, "Informations enregistrées dans le dossier.")
            return _render_guide(request, ref, record)
        return _render_guide(request, ref, record, details_form=details)
    if op == "decision":
        decision = DecisionForm(request.POST)
        if decision.is_valid():
            record = dataclasses.replace(
                record, risk=decision.risk_value, exemption=decision.exemption_value
            )
            return _render_guide(request, ref, record)
        return _render_guide(request, ref, record, decision_form=decision)
    if op == "refresh":
        return _render_guide(request, ref, record)
    messages.error(request, UNKNOWN_ACTION_MESSAGE)
    return _render_guide(request, ref, record, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def guide_pdf(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _restart(request)
    ref = default_referential()
    try:
        record = decode_record(ref, request.POST.get("state", ""))
    except InvalidToken:
        return _invalid_token(request)
    guide_data = build_guide(ref, record, now=timezone.now())
    pdf = render_dossier_pdf(
        guide_data.dossier,
        referential=f"{ref.id} {ref.version}",
        portal_url=guide_data.portal_url,
    )
    day = timezone.localdate()
    return pdf_response(pdf, f"dossier-incident-{day:%Y-%m-%d}.pdf")
