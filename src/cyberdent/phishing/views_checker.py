"""« Un e-mail vous semble suspect ? »: paste a message's source or upload a .eml, get a verdict
with its evidence. Offline (no DNS, no URL fetched), and nothing is stored: the answer to the
POST is the result page itself, not a redirect, because a redirect would need the message or
its analysis kept somewhere between two requests. Sending it again only analyses it again."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cyberdent.domain.mailcheck import MailCheckInputError, check_email
from cyberdent.phishing.forms import CheckEmailForm


@require_http_methods(["GET", "HEAD", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        form = CheckEmailForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = check_email(form.cleaned_data["raw"])
            except MailCheckInputError as refused:
                form.add_error(None, str(refused))
    else:
        form = CheckEmailForm()
    response = render(request, "phishing/checker.html", {"form": form, "result": result})
    response["Cache-Control"] = "no-store"  # a pasted message must not stay in a cache
    return response
