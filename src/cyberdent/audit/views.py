"""The practice's security journal, for its owners."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cyberdent.audit.selectors import audit_events_for_practice
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, practice_view

EVENTS_PER_PAGE = 50


@practice_view(Permission.VIEW_AUDIT)
def audit_log(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    paginator = Paginator(audit_events_for_practice(access.practice), EVENTS_PER_PAGE)
    # A missing, garbled or too large page number shows the nearest page, never an error.
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"practice": access.practice, "page": page, "events": page.object_list},
    )
