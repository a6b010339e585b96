"""The anonymous diagnostic: a form, then a result page computed by the domain."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.diagnostic.forms import DiagnosticForm
from cyberdent.diagnostic.tokens import InvalidToken, decode_answers, encode_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.loader import default_referential
from cyberdent.domain.report import build_report

BAD_LINK_MESSAGE = (
    "Ce lien de résultat est invalide : il a été modifié ou recopié incomplètement. "
    "Vos réponses ne peuvent pas être relues ; refaites le diagnostic (environ 5 minutes)."
)


def _invalid_token(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"title": "Lien de résultat invalide", "code": 400, "message": BAD_LINK_MESSAGE},
        status=400,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def diagnostic_form(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    if request.method == "POST":
        form = DiagnosticForm(request.POST, referential=ref)
        if form.is_valid():
            token = encode_answers(ref, form.answers())
            return redirect(reverse("diagnostic:result") + "?" + urlencode({"r": token}))
    else:
        initial = {}
        token = request.GET.get("r")
        if token:
            try:
                initial = decode_answers(ref, token).as_dict()
            except InvalidToken:
                return _invalid_token(request)
        form = DiagnosticForm(initial=initial, referential=ref)
    return render(request, "diagnostic/form.html", {"form": form})


@require_safe
def diagnostic_result(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    token = request.GET.get("r")
    if not token:
        return redirect("diagnostic:form")
    try:
        answers = decode_answers(ref, token)
    except InvalidToken:
        return _invalid_token(request)
    report = build_report(ref, assess(ref, answers))
    return render(request, "diagnostic/result.html", {"report": report, "token": token})
