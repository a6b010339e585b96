"""My account: the overview of the account pages, and deleting one's own account."""

from __future__ import annotations

from allauth.core import ratelimit
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cyberdent.accounts.forms import AccountDeleteForm, DisplayNameForm, ResendConfirmationForm
from cyberdent.accounts.selectors import account_deletion_plan
from cyberdent.accounts.services import (
    AccountDeletionRefused,
    account_confirmation_resend,
    account_delete,
    account_display_name_set,
)

TOO_MANY_TRIES = "Trop d’essais de mot de passe. Patientez une minute avant de recommencer."


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request, DisplayNameForm(initial={"display_name": request.user.first_name}))


def _overview(request: HttpRequest, name_form: DisplayNameForm) -> HttpResponse:
    return render(
        request,
        "accounts/overview.html",
        {"mfa_enabled": is_mfa_enabled(request.user), "name_form": name_form},
    )


@login_required
@require_POST
def display_name(request: HttpRequest) -> HttpResponse:
    form = DisplayNameForm(request.POST)
    if not form.is_valid():
        return _overview(request, form)
    account_display_name_set(user=request.user, name=form.cleaned_data["display_name"])
    messages.success(
        request,
        "Nom affiché enregistré."
        if request.user.first_name
        else "Nom affiché retiré : votre adresse e-mail est affichée.",
    )
    return redirect("accounts:overview")


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    plan = account_deletion_plan(user=request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and plan.allowed:
        # The password check is a guessing target too: same limit as allauth's reauthentication.
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form.add_error(None, TOO_MANY_TRIES)
        elif form.is_valid():
            try:
                account_delete(user=request.user, request=request)
            except AccountDeletionRefused as refused:
                plan = refused.plan  # the team changed since the page was shown
            else:
                logout(request)
                messages.success(
                    request,
                    "Votre compte a été supprimé. Merci d’avoir utilisé CyberDent.",
                )
                return redirect("web:home")
    status = 200 if plan.allowed or request.method == "GET" else 409
    return render(request, "accounts/delete.html", {"form": form, "plan": plan}, status=status)


RESENT = (
    "Si cette adresse attend sa confirmation, un nouvel e-mail vient de lui être envoyé. "
    "Pensez à regarder dans les indésirables (spam)."
)


@require_http_methods(["GET", "HEAD", "POST"])
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """The same answer whatever the address: the page never tells who has an account."""
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_confirmation_resend(request=request, email=form.cleaned_data["email"])
        messages.info(request, RESENT)
        return redirect("accounts:resend_confirmation")
    return render(request, "accounts/resend_confirmation.html", {"form": form})
