"""Security headers that Django does not set by itself (see DESIGN.md §6)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Everything is served by the app itself: no CDN, no inline script or style.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# Pages that hold a practice's or a person's data, or secrets (invitation and calendar links,
# the TOTP set-up): a reception computer is shared, so no copy stays in its cache or history.
# A view that sets Cache-Control itself keeps it (the secret calendar feed, read by calendar
# apps, allows them a short private cache).
PRIVATE_PREFIXES = (
    "/cabinet/",
    "/espace/",
    "/comptes/",
    "/invitation/",
    "/diagnostic/resultat/",
    "/diagnostic/rapport.pdf",
    "/incident/guide/",
)
DOCUMENT_TYPES = ("application/pdf", "text/calendar", "application/json")


def _is_private(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)  # absent for static files (served before auth)
    if user is not None and user.is_authenticated:
        return True
    if request.path.startswith(PRIVATE_PREFIXES):
        return True
    return response.get("Content-Type", "").startswith(DOCUMENT_TYPES)


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if "Cache-Control" not in response.headers and _is_private(request, response):
            response.headers["Cache-Control"] = "no-store"
        return response

    return middleware


METHOD_NOT_ALLOWED_MESSAGE = (
    "Cette adresse répond à un bouton de la page (un formulaire), pas à un lien ouvert "
    "directement. Rien n’a été modifié : revenez à la page précédente et utilisez le bouton."
)


def friendly_method_not_allowed(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Django answers a GET on a POST-only URL (a bookmark, a shared link, a reload) with an
    empty 405: a French page instead, with the same status and Allow header."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(
            request,
            "web/error.html",
            {
                "title": "Cette page ne s’ouvre pas directement",
                "message": METHOD_NOT_ALLOWED_MESSAGE,
            },
            status=405,
        )
        if "Allow" in response.headers:
            page["Allow"] = response["Allow"]
        return page

    return middleware
