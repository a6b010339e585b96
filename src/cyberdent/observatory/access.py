"""The one gate of the union's pages: logged in, union staff, two-factor login set up.

Anonymous → the login page; anyone else (a practice's people) → 403, the union's pages are not
theirs; staff without two-factor login → its set-up page, then back here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cyberdent.observatory.selectors import is_union_staff
from cyberdent.practices.access import has_mfa

NOT_STAFF = "Ces pages sont réservées à l’équipe de l’URPS."


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_union_staff(request.user):
            raise PermissionDenied(NOT_STAFF)
        if not has_mfa(request.user):
            messages.warning(
                request,
                "Les pages de l’URPS demandent la double authentification. Activez-la pour "
                "continuer : cela prend deux minutes avec une application d’authentification.",
            )
            next_url = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{next_url}")
        return view(request, *args, **kwargs)

    wrapper.union_staff_only = True  # type: ignore[attr-defined]
    return wrapper
