"""The practice's settings: name, département, team size, two-factor rule, update slot."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, has_mfa, practice_view
from cyberdent.practices.forms import PracticeSettingsForm
from cyberdent.practices.services import practice_update_settings

MFA_SETUP_WARNING = (
    "La double authentification est maintenant exigée pour tout le cabinet, vous compris : "
    "vous allez être guidé·e pour l’activer avec une application d’authentification sur votre "
    "téléphone (deux minutes)."
)


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.MANAGE_SETTINGS)
def settings(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    if request.method == "POST":
        form = PracticeSettingsForm(request.POST)
        if form.is_valid():
            result = practice_update_settings(
                practice=access.practice, request=request, **form.cleaned_data
            )
            messages.success(request, "Les paramètres du cabinet sont enregistrés.")
            if result.mfa_turned_on and not has_mfa(request.user):
                messages.warning(request, MFA_SETUP_WARNING)
            return redirect("practices:settings", practice_id=access.practice.pk)
    else:
        form = PracticeSettingsForm(initial=PracticeSettingsForm.initial_for(access.practice))
    return render(
        request,
        "practices/settings.html",
        {"access": access, "practice": access.practice, "form": form},
    )
