"""Saved diagnostics of a practice: new one, result, history, comparison."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.assessments.forms import CompareForm
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.selectors import (
    EvaluatedDiagnostic,
    diagnostic_compare,
    diagnostic_compare_choices,
    diagnostic_evaluate,
    diagnostic_history,
    diagnostic_latest,
    diagnostic_prefill,
    diagnostic_previous,
)
from cyberdent.assessments.services import diagnostic_save
from cyberdent.diagnostic.forms import DiagnosticForm
from cyberdent.domain.loader import default_referential
from cyberdent.domain.roles import Permission
from cyberdent.observatory.forms_contribution import practice_contribution_form, thanks_message
from cyberdent.observatory.selectors import current_period
from cyberdent.observatory.services import contribution_record
from cyberdent.observatory.slots import practice_contributor
from cyberdent.phishing.selectors import training_evidence
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.web.converters import MAX_ID


def _unreadable(request: HttpRequest, saved: SavedDiagnostic) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "title": "Ce diagnostic ne peut pas être affiché",
            "message": (
                f"Il a été fait avec la version {saved.referential_version} du référentiel, "
                "qui n’est plus disponible sur ce serveur. Signalez-le à l’administrateur de "
                "CyberDent ; vos autres diagnostics restent consultables."
            ),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.FILL_DIAGNOSTIC)
def diagnostic_new(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    ref = default_referential()
    if request.method == "POST":
        form = DiagnosticForm(request.POST, referential=ref)
        cform = practice_contribution_form(access.practice, request.POST)
        if form.is_valid() and cform.is_valid():
            saved = diagnostic_save(
                practice=access.practice, user=request.user, answers=form.answers(), referential=ref
            )
            messages.success(request, "Le diagnostic est enregistré.")
            if cform.cleaned_data["contribute"]:
                contribution_record(
                    ref=ref,
                    answers=form.answers().scored,
                    departement=cform.cleaned_data["departement"],
                    size_band=cform.cleaned_data["size_band"],
                    contributor=practice_contributor(access.practice),
                )
                messages.success(request, thanks_message(current_period()))
            return redirect("assessments:detail", access.practice.pk, saved.pk)
    else:
        cform = practice_contribution_form(access.practice)
        initial = diagnostic_prefill(
            practice=access.practice, ref=ref, yes=request.GET.getlist("oui")
        )
        form = DiagnosticForm(initial=initial, referential=ref)
    return render(
        request,
        "assessments/form.html",
        {
            "form": form,
            "cform": cform,
            "access": access,
            "training_evidence": training_evidence(access),
            "prefilled": not form.is_bound
            and diagnostic_latest(practice=access.practice) is not None,
            "preset_yes": not form.is_bound and bool(request.GET.getlist("oui")),
        },
    )


@require_safe
@practice_view(Permission.VIEW)
def diagnostic_detail(
    request: HttpRequest, access: PracticeAccess, diagnostic_id: int
) -> HttpResponse:
    saved = get_object_or_404(
        SavedDiagnostic.objects.select_related("created_by"),
        practice=access.practice,
        pk=diagnostic_id,
    )
    evaluated = diagnostic_evaluate(saved)
    if evaluated is None:
        return _unreadable(request, saved)
    return render(
        request,
        "assessments/detail.html",
        {
            "access": access,
            "diagnostic": evaluated,
            "report": evaluated.report(access.practice.name),
            "previous": diagnostic_previous(saved=saved),
            "can_fill": access.can(Permission.FILL_DIAGNOSTIC),
        },
    )


@require_safe
@practice_view(Permission.VIEW)
def diagnostic_history_view(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    return render(
        request,
        "assessments/history.html",
        {
            "access": access,
            "history": diagnostic_history(practice=access.practice, page=request.GET.get("page")),
            "can_fill": access.can(Permission.FILL_DIAGNOSTIC),
        },
    )


def _asked_ids(request: HttpRequest) -> list[int]:
    """The ids typed in the address, if they look like ids (the form refuses the rest)."""
    values = (request.GET.get(name, "") for name in ("avant", "apres"))
    digits = [v for v in values if v.isascii() and v.isdigit() and len(v) <= len(str(MAX_ID))]
    return [int(v) for v in digits if 0 < int(v) <= MAX_ID]


def _choice_label(evaluated: EvaluatedDiagnostic) -> str:
    a = evaluated.assessment
    return f"{evaluated.date:%d/%m/%Y} — {a.score}/{a.max_score}, {a.level_info.label.lower()}"


@require_safe
@practice_view(Permission.VIEW)
def diagnostic_compare_view(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    diagnostics = diagnostic_compare_choices(practice=access.practice, asked=_asked_ids(request))
    context: dict = {
        "access": access,
        "enough": len(diagnostics) >= 2,
        "can_fill": access.can(Permission.FILL_DIAGNOSTIC),
    }
    if len(diagnostics) >= 2:
        choices = [(d.id, _choice_label(d)) for d in diagnostics]
        asked = "avant" in request.GET or "apres" in request.GET
        # Without a choice, compare the two latest: what changed since last time.
        data = request.GET if asked else {"avant": diagnostics[1].id, "apres": diagnostics[0].id}
        form = CompareForm(data, choices=choices)
        context["form"] = form
        if form.is_valid():
            by_id = {d.id: d for d in diagnostics}
            context["comparison"] = diagnostic_compare(
                before=by_id[form.cleaned_data["avant"]], after=by_id[form.cleaned_data["apres"]]
            )
    return render(request, "assessments/compare.html", context)
