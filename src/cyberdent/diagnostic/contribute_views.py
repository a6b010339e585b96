"""Contributing to the regional statistics from the anonymous result page, and withdrawing.

The answers come from the result's signed token; the visitor is known only by a random value
in their session, and the contribution stores only an HMAC of it and the month (see
cyberdent.observatory.slots). Every POST ends in a redirect back to the result.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from cyberdent.diagnostic.tokens import InvalidToken, decode_result
from cyberdent.domain.loader import default_referential
from cyberdent.observatory.forms_contribution import ContributionForm, thanks_message
from cyberdent.observatory.selectors import current_period
from cyberdent.observatory.services import contribution_record, contributions_withdraw
from cyberdent.observatory.slots import visitor_contributor, visitor_token

# A visitor's session lasts weeks, not years: withdrawing looks back one year.
VISITOR_LOOKBACK_MONTHS = 12


def _result_url(token: str) -> str:
    return reverse("diagnostic:result") + "?" + urlencode({"r": token})


def _back_to_result(request: HttpRequest) -> HttpResponse:
    """A GET here (a reload, a bookmark): back to the result, or to the diagnostic."""
    token = request.GET.get("r", "")
    return redirect(_result_url(token) if token else reverse("diagnostic:form"))


@require_http_methods(["GET", "HEAD", "POST"])
def contribute(request: HttpRequest) -> HttpResponse:
    """The box under an anonymous result; the answers come from the result's signed token."""
    if request.method != "POST":
        return _back_to_result(request)
    ref = default_referential()
    token = request.POST.get("r", "")
    try:
        result = decode_result(ref, token)
    except InvalidToken:
        messages.error(request, "Ce lien de résultat est abîmé : refaites le diagnostic.")
        return redirect("diagnostic:form")
    form = ContributionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    elif not form.cleaned_data["contribute"]:
        messages.info(
            request,
            "Rien n’a été envoyé : cochez la case « Contribuer anonymement » pour contribuer.",
        )
    else:
        contribution_record(
            ref=ref,
            answers=result.answers.scored,
            departement=form.cleaned_data["departement"],
            size_band=form.cleaned_data["size_band"],
            contributor=visitor_contributor(visitor_token(request, create=True) or ""),
        )
        messages.success(request, thanks_message(current_period()))
    return redirect(_result_url(token) + "#contribuer")


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw_visitor(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _back_to_result(request)
    token = visitor_token(request, create=False)
    removed = 0
    if token:
        removed = contributions_withdraw(
            ref=default_referential(),
            contributor=visitor_contributor(token),
            since=current_period().shifted(-VISITOR_LOOKBACK_MONTHS),
        )
    if removed:
        messages.success(request, "Votre contribution est retirée des statistiques régionales.")
    else:
        messages.info(request, "Aucune contribution de votre part n’est enregistrée.")
    back = request.POST.get("r", "")
    return redirect(_result_url(back) + "#contribuer" if back else reverse("observatory:public"))
