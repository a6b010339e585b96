""" "Enregistrer dans mon espace": an anonymous result saved into one of the person's practices.

The answers travel in the result's signed token. An anonymous visitor is sent to the login
page with ?next= back here (allauth keeps it through sign-up and email confirmation); the
token is also kept in the session, so that a login that lost `next` can still come back to it
(see pending_save_url).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from cyberdent.assessments.forms import SaveToPracticeForm
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.selectors import diagnostic_latest, diagnostics_of_result
from cyberdent.assessments.services import AlreadySaved, diagnostic_save
from cyberdent.diagnostic.tokens import InvalidToken, decode_result
from cyberdent.diagnostic.views import BAD_LINK_MESSAGE
from cyberdent.domain.answers import Answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.french import date_label
from cyberdent.domain.loader import default_referential
from cyberdent.domain.roles import Permission, allows
from cyberdent.observatory.forms_contribution import (
    WHAT_IS_KEPT,
    practice_contribution_form,
    thanks_message,
)
from cyberdent.observatory.selectors import current_period
from cyberdent.observatory.services import contribution_record
from cyberdent.observatory.slots import practice_contributor
from cyberdent.practices.access import get_practice_access, has_mfa
from cyberdent.practices.models import Membership

PENDING_RESULT_KEY = "assessments.pending_result"
# The opt-in to the regional figures (same name as under a practice's new diagnostic).
CONTRIBUTE_FIELD = "observatoire-contribute"

MFA_REQUIRED = (
    "Ce cabinet demande la double authentification. Activez-la d’abord (lien ci-dessous), "
    "puis revenez sur cette page : vos réponses sont conservées dans son adresse."
)


def save_url(token: str) -> str:
    return reverse("assessments_public:save") + "?" + urlencode({"r": token})


def pending_save_url(request: HttpRequest) -> str | None:
    """Where to go after a login when an anonymous result is waiting to be saved."""
    token = request.session.get(PENDING_RESULT_KEY)
    return save_url(token) if isinstance(token, str) and token else None


def already_saved_message(saved: SavedDiagnostic) -> str:
    day = date_label(timezone.localdate(saved.saved_at or saved.created_at))
    return (
        f"Ce résultat est déjà enregistré dans « {saved.practice.name} » (le {day}) : "
        "il n’est pas enregistré une deuxième fois."
    )


def _contribute(practice: Any, answers: Answers) -> None:
    """The opt-in box of this page: the practice's own département and size band."""
    cohort = practice_contribution_form(practice).initial
    contribution_record(
        ref=default_referential(),
        answers=answers.scored,
        departement=cohort["departement"],
        size_band=cohort["size_band"],
        contributor=practice_contributor(practice),
    )


def _invalid_token(request: HttpRequest) -> HttpResponse:
    request.session.pop(PENDING_RESULT_KEY, None)
    return render(
        request,
        "web/error.html",
        {"title": "Lien de résultat invalide", "code": 400, "message": BAD_LINK_MESSAGE},
        status=400,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def diagnostic_save_from_result(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    token = (request.POST if request.method == "POST" else request.GET).get("r") or (
        request.session.get(PENDING_RESULT_KEY)
    )
    if not token:
        messages.info(request, "Faites d’abord le diagnostic : vous pourrez ensuite l’enregistrer.")
        return redirect("diagnostic:form")
    try:
        result = decode_result(ref, token)
    except InvalidToken:
        return _invalid_token(request)
    answers = result.answers
    if not request.user.is_authenticated:
        request.session[PENDING_RESULT_KEY] = token
        return redirect_to_login(save_url(token), reverse("account_login"))

    confirm_older: dict[str, object] | None = None
    memberships = list(Membership.objects.filter(user=request.user).select_related("practice"))
    allowed = [m for m in memberships if allows(m.role_enum, Permission.FILL_DIAGNOSTIC)]
    choices = [(m.practice.pk, m.practice.name) for m in allowed]
    if request.method == "POST":
        form = SaveToPracticeForm(request.POST, choices=choices)
        if form.is_valid():
            access = get_practice_access(
                request, form.cleaned_data["practice"], Permission.FILL_DIAGNOSTIC
            )
            latest = diagnostic_latest(practice=access.practice)
            older = (
                result.answered_at is not None
                and latest is not None
                and result.answered_at < latest.created_at
            )
            if access.practice.require_mfa and not has_mfa(request.user):
                form.add_error("practice", MFA_REQUIRED)
            elif older and not request.POST.get("confirm_older"):
                # Never roll the practice back by accident: say what will happen, then ask.
                confirm_older = {"practice": access.practice, "latest": latest}
            else:
                try:
                    saved = diagnostic_save(
                        practice=access.practice,
                        user=request.user,
                        answers=answers,
                        referential=ref,
                        answered_at=result.answered_at,
                        result_id=result.result_id,
                    )
                except AlreadySaved as already:
                    request.session.pop(PENDING_RESULT_KEY, None)
                    messages.info(request, already_saved_message(already.saved))
                    return redirect("assessments:detail", access.practice.pk, already.saved.pk)
                request.session.pop(PENDING_RESULT_KEY, None)
                messages.success(
                    request,
                    f"Le diagnostic est enregistré dans « {access.practice.name} »"
                    + (", à sa date, dans l’historique." if older else "."),
                )
                if request.POST.get(CONTRIBUTE_FIELD) and not older:
                    _contribute(access.practice, answers)
                    messages.success(request, thanks_message(current_period()))
                return redirect("assessments:detail", access.practice.pk, saved.pk)
    else:
        initial = {"r": token, "practice": choices[0][0] if len(choices) == 1 else None}
        form = SaveToPracticeForm(initial=initial, choices=choices)
    return render(
        request,
        "assessments/save.html",
        {
            "form": form,
            "assessment": assess(ref, answers),
            "token": token,
            "save_url": save_url(token),
            "can_save": bool(choices),
            # One practice: no question to ask, the page names it.
            "only_practice": choices[0] if len(choices) == 1 else None,
            "answered_on": result.answered_at,
            "confirm_older": confirm_older,
            "already_saved": diagnostics_of_result(
                result_id=result.result_id, practice_ids=[pk for pk, _ in choices]
            ),
            "refused": [m for m in memberships if m not in allowed],
            "contribute_field": CONTRIBUTE_FIELD,
            "contribute_checked": bool(request.POST.get(CONTRIBUTE_FIELD)),
            "what_is_kept": WHAT_IS_KEPT,
            "mfa_needed": any(m.practice.require_mfa for m in allowed)
            and not has_mfa(request.user),
        },
    )
