"""The anonymous diagnostic: a form, then a result page computed by the domain."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.diagnostic.forms import DiagnosticForm
from cyberdent.diagnostic.tokens import InvalidToken, decode_answers, encode_answers
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.answers import Answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.loader import default_referential
from cyberdent.domain.report import build_report
from cyberdent.web.views import pdf_response

BAD_LINK_MESSAGE = (
    "Ce lien de résultat est invalide : il a été modifié ou recopié incomplètement. "
    "Vos réponses ne peuvent pas être relues ; refaites le diagnostic (environ 5 minutes)."
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


def _answers_or_none(request: HttpRequest) -> tuple[Answers | None, HttpResponse | None]:
    """The answers of the `r` token, or the response to give instead (form or 400)."""
    token = request.GET.get("r")
    if not token:
        return None, redirect("diagnostic:form")
    try:
        return decode_answers(default_referential(), token), None
    except InvalidToken:
        return None, _invalid_token(request)


@require_safe
def diagnostic_report_pdf(request: HttpRequest) -> HttpResponse:
    """The anonymous result as a PDF report; nothing is stored."""
    answers, refusal = _answers_or_none(request)
    if answers is None:
        return refusal or redirect("diagnostic:form")
    ref = default_referential()
    today = timezone.localdate()
    report = build_report(ref, assess(ref, answers), date=today)
    return pdf_response(render_report_pdf(report), f"diagnostic-cybersecurite-{today:%Y-%m-%d}.pdf")


@require_safe
def diagnostic_result(request: HttpRequest) -> HttpResponse:
    answers, refusal = _answers_or_none(request)
    if answers is None:
        return refusal or redirect("diagnostic:form")
    ref = default_referential()
    report = build_report(ref, assess(ref, answers))
    return render(request, "diagnostic/result.html", {"report": report, "token": request.GET["r"]})
