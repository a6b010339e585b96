"""Data rights of a practice: export everything as JSON, delete the practice."""

from __future__ import annotations

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.practices.forms import ConfirmNameForm
from cyberdent.web.views import file_slug
from cyberdent.workspace.jsonstream import json_chunks
from cyberdent.workspace.selectors import practice_export_lazy
from cyberdent.workspace.services import practice_delete, practice_export_record


def export_filename(name: str) -> str:
    return f"cyberdent-{file_slug(name)}-{timezone.localdate().isoformat()}.json"


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.EXPORT)
def export(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    if request.method != "POST":
        return render(
            request, "workspace/export.html", {"access": access, "practice": access.practice}
        )
    # Recorded first: a download cut short was still asked for. Streamed, so the memory it takes
    # does not grow with the practice's history; the export's own event is not part of it.
    event = practice_export_record(practice=access.practice, request=request)
    data = practice_export_lazy(practice=access.practice, events_before=event.pk)
    response = StreamingHttpResponse(
        json_chunks(data, encoder=DjangoJSONEncoder), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename(access.practice.name)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.DELETE_PRACTICE)
def delete(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    practice = access.practice
    if request.method == "POST":
        form = ConfirmNameForm(request.POST, expected=practice.name)
        if form.is_valid():
            name = practice.name
            practice_delete(practice=practice, request=request)
            messages.success(
                request, f"Le cabinet « {name} » et toutes ses données ont été supprimés."
            )
            return redirect("practices:home")
    else:
        form = ConfirmNameForm(expected=practice.name)
    return render(
        request,
        "workspace/delete.html",
        {"access": access, "practice": practice, "form": form},
    )
