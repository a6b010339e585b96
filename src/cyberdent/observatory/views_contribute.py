"""A practice withdraws its contributions to the regional statistics (an owner's decision).

The contribution itself stores only an HMAC of the practice and the month (see slots.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cyberdent.domain.loader import default_referential
from cyberdent.domain.roles import Permission
from cyberdent.observatory.services import practice_withdraw
from cyberdent.practices.access import PracticeAccess, practice_view


@require_POST
@practice_view(Permission.MANAGE_SETTINGS)
def practice_withdraw_view(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    removed = practice_withdraw(ref=default_referential(), practice=access.practice)
    if removed:
        messages.success(
            request,
            "Les contributions du cabinet sont retirées des statistiques régionales "
            f"({removed} mois).",
        )
    else:
        messages.info(request, "Le cabinet n’a aucune contribution aux statistiques régionales.")
    return redirect("practices:dashboard", access.practice.pk)
