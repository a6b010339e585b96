"""The anonymous incident mode: nothing tied to a practice or a person.

The incident is kept in this browser's session (incidents/guide_store.py) under a random id the
page carries. Every action is a POST that redirects to the page (POST-redirect-GET): a reload
never re-posts, Back shows the latest state (pages are never cached), and an action made on an
out-of-date page is applied to the latest state or, when it would overwrite newer answers,
shown again with what was typed and a note that the page was out of date."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

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
    PATIENT_DATA_LABELS,
    PERSONAL_DATA_STEPS,
    IncidentError,
    IncidentRecord,
    format_moment,
    record_closed,
    record_reopened,
    record_with_entry,
    record_with_patient_data,
    record_with_step,
    repeats_last_entry,
)
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import CrisisContacts, ITProvider
from cyberdent.domain.referential_models import Referential
from cyberdent.incidents.forms import (
    AnonymousStartForm,
    CloseForm,
    DecisionForm,
    DetailsForm,
    JournalForm,
    PatientDataForm,
    StepForm,
)
from cyberdent.incidents.guide_store import (
    GuideNotFound,
    guide_create,
    guide_forget,
    guide_load,
    guide_save,
    record_version,
)
from cyberdent.incidents.selectors import allowed_step_ids, build_guide, step_titles
from cyberdent.web.views import pdf_response

UNKNOWN_ACTION_MESSAGE = "Cette action n’est pas reconnue : rien n’a été modifié."
OUT_OF_DATE_MESSAGE = (
    "Cette page n’était plus à jour (bouton Retour ou autre onglet) : voici la dernière "
    "version de l’incident. Ce que vous aviez saisi est conservé ci-dessous ; vérifiez-le, "
    "puis enregistrez à nouveau."
)
CLOSED_MESSAGE = (
    "Cet incident est clôturé : il ne se modifie plus. Pour ajouter quelque chose, "
    "rouvrez-le (en bas de la page) ; la réouverture est notée dans le journal."
)
DRAFT_KEY = "cyberdent.incident_guide_draft"


def _restart(request: HttpRequest) -> HttpResponse:
    """No suivi for this browser under that id: a bookmark, another browser, or deleted."""
    messages.info(
        request,
        "Ce suivi d’incident n’est pas (ou plus) dans ce navigateur : il n’est gardé que dans "
        "le navigateur où il a été commencé, jusqu’à ce que vous l’effaciez. Recommencez ici ; "
        "pensez à télécharger le dossier (PDF) au fur et à mesure.",
    )
    return redirect("incidents:guide_start")


def step_error_message(form: StepForm) -> str:
    if "step_id" in form.errors:
        return "Cette étape n’existe pas : rien n’a été modifié."
    return f"Étape non notée : {form.errors['done_time'][0]}"


def guide_url(guide_id: str, anchor: str = "") -> str:
    url = f"{reverse('incidents:guide')}?g={guide_id}"
    return f"{url}#{anchor}" if anchor else url


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
        "patient_data_form": forms.get("patient_data_form")
        or PatientDataForm(initial={"patient_data": record.patient_data.value}),
        "patient_data_label": PATIENT_DATA_LABELS[record.patient_data],
    }


def _guide_page_context(
    request: HttpRequest,
    ref: Referential,
    guide_id: str,
    record: IncidentRecord,
    **forms: object,
) -> dict[str, object]:
    action = reverse("incidents:guide")
    drafts = request.session.get(DRAFT_KEY, {})
    draft = drafts.pop(guide_id, "") if isinstance(drafts, dict) else ""
    if draft:
        request.session[DRAFT_KEY] = drafts
    if draft.strip() and "journal_form" not in forms:
        # A journal entry typed but not yet added, carried by keep-draft.js: show it again.
        forms["journal_form"] = JournalForm(initial={"text": draft})
    context = guide_context(ref, record, **forms)
    context.update(
        {
            "guide_id": guide_id,
            "version": record_version(record),
            "actions": {
                op: action for op in ("step", "journal", "details", "decision", "patient_data")
            },
            "forget_action": action,
            "close_action": action,
            "read_only": record.closed_at is not None,
            "closed_on": format_moment(record.closed_at) if record.closed_at else "",
            "close_form": forms.get("close_form") or CloseForm(),
            "pdf_url": f"{reverse('incidents:guide_pdf')}?g={guide_id}",
        }
    )
    return context


def _render_guide(
    request: HttpRequest,
    ref: Referential,
    guide_id: str,
    record: IncidentRecord,
    *,
    status: int = 200,
    **forms: object,
) -> HttpResponse:
    context = _guide_page_context(request, ref, guide_id, record, **forms)
    return render(request, "incidents/guide.html", context, status=status)


def step_screen_context(
    guide: Any, screen: int, *, url_of: Callable[[int], str], full_url: str
) -> dict[str, object] | None:
    """One step per screen (the 17Cyber pattern): the step, where it stands, where to go.
    None when there is no such step."""
    total = len(guide.steps)
    if not 1 <= screen <= total:
        return None
    return {
        "item": guide.steps[screen - 1],
        "screen": screen,
        "total": total,
        "done_count": sum(1 for step in guide.steps if step.done_at),
        "previous_url": url_of(screen - 1) if screen > 1 else "",
        "next_url": url_of(screen + 1) if screen < total else "",
        "full_url": full_url,
    }


def screen_number(raw: str | None) -> int | None:
    """A step number from a URL or a form; None for anything else (never an error)."""
    if raw is None or not raw.isdigit() or len(raw) > 3:
        return None
    return int(raw)


def after_step_url(
    screen: int | None, total: int, *, url_of: Callable[[int], str], full: str
) -> str:
    """Where "Fait" leads: the next step's screen, or the whole page after the last one."""
    if screen is None:
        return ""
    return url_of(screen + 1) if screen < total else f"{full}#journal"


def _screen_url(guide_id: str) -> Callable[[int], str]:
    return lambda screen: f"{guide_url(guide_id)}&etape={screen}"


def _render_step_screen(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, screen: int
) -> HttpResponse:
    context = _guide_page_context(request, ref, guide_id, record)
    steps = step_screen_context(
        context["guide"], screen, url_of=_screen_url(guide_id), full_url=guide_url(guide_id)
    )
    if steps is None:
        return redirect(guide_url(guide_id))
    context.update(steps)
    return render(request, "incidents/step_screen.html", context)


def _keep_draft(request: HttpRequest, guide_id: str) -> None:
    draft = request.POST.get("draft", "")[:JOURNAL_MAX_LENGTH]
    if draft.strip():
        drafts = request.session.get(DRAFT_KEY)
        request.session[DRAFT_KEY] = {
            **(drafts if isinstance(drafts, dict) else {}),
            guide_id: draft,
        }


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
            guide_id = guide_create(request.session, record)
            return redirect(_screen_url(guide_id)(1))
    else:
        form = AnonymousStartForm(now=now)
    return render(
        request,
        "incidents/start.html",
        {"form": form, "action": reverse("incidents:guide_start"), "practice": None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def guide(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    guide_id = (request.POST if request.method == "POST" else request.GET).get("g", "")
    try:
        record = guide_load(request.session, ref, guide_id)
    except GuideNotFound:
        return _restart(request)
    if request.method != "POST":
        screen = screen_number(request.GET.get("etape"))
        if screen is not None:
            return _render_step_screen(request, ref, guide_id, record, screen)
        return _render_guide(request, ref, guide_id, record)
    handler = GUIDE_ACTIONS.get(request.POST.get("op", ""))
    if handler is None:
        messages.error(request, UNKNOWN_ACTION_MESSAGE)
        return _render_guide(request, ref, guide_id, record, status=400)
    seen = request.POST.get("v")  # every form of the page carries it
    up_to_date = seen is None or seen == record_version(record)
    if record.closed_at is not None and handler not in (_op_reopen, _op_forget):
        messages.error(request, CLOSED_MESSAGE)
        return redirect(guide_url(guide_id, "cloture"))
    return handler(request, ref, guide_id, record, up_to_date)


def _saved(
    request: HttpRequest, guide_id: str, record: IncidentRecord, anchor: str
) -> HttpResponse:
    guide_save(request.session, guide_id, record)
    _keep_draft(request, guide_id)
    return redirect(guide_url(guide_id, anchor))


def _op_step(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, _: bool
) -> HttpResponse:
    # The first "Fait" counts, so a step marked from an older page changes nothing else.
    step_form = StepForm(
        request.POST,
        step_ids=allowed_step_ids(ref, record.patient_data),
        discovered_at=record.discovered_at,
        now=timezone.now(),
    )
    if not step_form.is_valid():
        messages.error(request, step_error_message(step_form))
        return _render_guide(request, ref, guide_id, record, status=400)
    step_id = step_form.cleaned_data["step_id"]
    record = record_with_step(record, step_id, step_form.done_at, step_form.recorded_at)
    title = {**PERSONAL_DATA_STEPS, **step_titles(ref)}[step_id]
    messages.success(
        request, f"Noté : « {title} », fait le {format_moment(record.steps_done[step_id])}."
    )
    following = after_step_url(
        screen_number(request.POST.get("screen")),
        len(ref.incident.steps),
        url_of=_screen_url(guide_id),
        full=guide_url(guide_id),
    )
    if following:
        guide_save(request.session, guide_id, record)
        _keep_draft(request, guide_id)
        return redirect(following)
    return _saved(request, guide_id, record, f"step-{step_id}")


def _op_journal(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, up_to_date: bool
) -> HttpResponse:
    # Added to the latest journal even from an older page: the entry is kept, nothing else
    # is touched. A double tap (the same text again from the same out-of-date page) adds once.
    form = JournalForm(request.POST)
    if not form.is_valid():
        return _render_guide(request, ref, guide_id, record, journal_form=form)
    text = form.cleaned_data["text"]
    if not up_to_date and repeats_last_entry(record, text):
        messages.info(request, "Cette entrée était déjà dans le journal.")
        return redirect(guide_url(guide_id, "journal"))
    try:
        record = record_with_entry(record, text, timezone.now())
    except IncidentError as exc:
        form.add_error("text", str(exc))
        return _render_guide(request, ref, guide_id, record, journal_form=form)
    messages.success(request, "Entrée ajoutée au journal.")
    return _saved(request, guide_id, record, "journal")


def _op_details(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, up_to_date: bool
) -> HttpResponse:
    details = DetailsForm(request.POST)
    if not details.is_valid():
        return _render_guide(request, ref, guide_id, record, details_form=details)
    if not up_to_date and details.cleaned_data != details_initial(record):
        messages.warning(request, OUT_OF_DATE_MESSAGE)
        return _render_guide(request, ref, guide_id, record, status=409, details_form=details)
    record = dataclasses.replace(record, **details.cleaned_data)
    messages.success(request, "Informations enregistrées dans le dossier.")
    return _saved(request, guide_id, record, "details")


def _op_decision(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, up_to_date: bool
) -> HttpResponse:
    decision = DecisionForm(request.POST)
    if not decision.is_valid():
        return _render_guide(request, ref, guide_id, record, decision_form=decision)
    new = (decision.risk_value, decision.exemption_value)
    if not up_to_date and new != (record.risk, record.exemption):
        messages.warning(request, OUT_OF_DATE_MESSAGE)
        return _render_guide(request, ref, guide_id, record, status=409, decision_form=decision)
    record = dataclasses.replace(record, risk=new[0], exemption=new[1])
    return _saved(request, guide_id, record, "donnees-patients")


def _op_patient_data(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, up_to_date: bool
) -> HttpResponse:
    form = PatientDataForm(request.POST)
    if not form.is_valid():
        return _render_guide(request, ref, guide_id, record, patient_data_form=form)
    if not up_to_date and form.patient_data_value is not record.patient_data:
        messages.warning(request, OUT_OF_DATE_MESSAGE)
        return _render_guide(request, ref, guide_id, record, status=409, patient_data_form=form)
    record = record_with_patient_data(record, form.patient_data_value, timezone.now())
    messages.success(request, "Réponse changée ; le changement est noté dans le journal.")
    return _saved(request, guide_id, record, "donnees-personnelles")


def _op_close(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, _: bool
) -> HttpResponse:
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render_guide(request, ref, guide_id, record, close_form=form)
    record = record_closed(record, **form.cleaned_data, at=timezone.now())
    messages.success(request, "Incident clôturé. Merci pour le retour d’expérience.")
    return _saved(request, guide_id, record, "cloture")


def _op_reopen(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, _: bool
) -> HttpResponse:
    record = record_reopened(record, timezone.now())
    messages.success(request, "Incident rouvert : la réouverture est notée dans le journal.")
    return _saved(request, guide_id, record, "cloture")


def _op_forget(
    request: HttpRequest, ref: Referential, guide_id: str, record: IncidentRecord, _: bool
) -> HttpResponse:
    guide_forget(request.session, guide_id)
    messages.success(request, "Ce suivi d’incident est effacé de ce navigateur.")
    return redirect("incidents:guide_start")


GUIDE_ACTIONS = {
    "step": _op_step,
    "journal": _op_journal,
    "details": _op_details,
    "decision": _op_decision,
    "patient_data": _op_patient_data,
    "close": _op_close,
    "reopen": _op_reopen,
    "forget": _op_forget,
}


@require_http_methods(["GET", "HEAD"])
def guide_pdf(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    try:
        record = guide_load(request.session, ref, request.GET.get("g", ""))
    except GuideNotFound:
        return _restart(request)
    guide_data = build_guide(ref, record, now=timezone.now())
    pdf = render_dossier_pdf(
        guide_data.dossier,
        referential=f"{ref.id} {ref.version}",
        portal_url=guide_data.portal_url,
    )
    day = timezone.localdate()
    return pdf_response(pdf, f"dossier-incident-{day:%Y-%m-%d}.pdf")
