"""Public pages. Thin: they read the référentiel and render it."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import build_poster
from cyberdent.web.forms import CrisisContactsForm
from cyberdent.web.selectors import facts_by_id


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/home.html", {"question_count": len(default_referential().questions)}
    )


@require_safe
def why_protect(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    page_facts = list(dict.fromkeys(f for section in ref.why_protect for f in section.facts))
    return render(
        request,
        "web/why_protect.html",
        {"sections": ref.why_protect, "facts": facts_by_id(ref), "page_facts": page_facts},
    )


@require_safe
def measures(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    return render(request, "web/measures.html", {"measures": ref.measures})


def file_slug(name: str) -> str:
    """A practice name as a safe piece of a download's file name."""
    return slugify(name)[:60] or "cabinet"


def attachment_response(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    """A download. `filename` is built by the app (slugs and dates), never raw user text."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return attachment_response(pdf, filename, "application/pdf")


@require_http_methods(["GET", "HEAD", "POST"])
def poster(request: HttpRequest) -> HttpResponse:
    """Fill the crisis poster without an account: nothing is stored, the PDF is returned."""
    form = CrisisContactsForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.contacts is not None:
        pdf = render_poster_pdf(build_poster(default_referential(), form.contacts))
        return pdf_response(pdf, f"fiche-reflexe-{dt.date.today():%Y-%m-%d}.pdf")
    return render(request, "web/poster_form.html", {"form": form})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "web/error.html", {"title": "Demande incorrecte", "code": 400}, status=400
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "title": "Action non autorisée",
            "code": 403,
            "message": "Votre rôle dans ce cabinet ne permet pas cette action. "
            "Demandez au titulaire du cabinet si besoin.",
        },
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"title": "Page introuvable", "code": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/error.html", {"title": "Erreur du serveur", "code": 500}, status=500
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    """À propos: what CyberDent is, where its content comes from, the référentiel's id and
    version, and the command-line tool for IT providers (the referential and publisher come
    from the site context processor)."""
    return render(
        request, "web/about.html", {"question_count": len(default_referential().questions)}
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on their own: the SVG icon instead of a 404. A
    temporary redirect: in production the icon's static URL carries a hash of its content."""
    # Imported here: the import lines at the top of this module are being reworked elsewhere.
    from django.http import HttpResponseRedirect
    from django.templatetags.static import static

    return HttpResponseRedirect(static("cyberdent/favicon.svg"))
