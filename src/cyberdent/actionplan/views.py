"""The tracked action plan: the plan page and the page to update one action."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cyberdent.actionplan.forms import ActionItemForm
from cyberdent.actionplan.models import ActionItem
from cyberdent.actionplan.selectors import (
    TrackedAction,
    diagnostic_latest,
    new_diagnostic_url,
    plan_tracked,
    practice_members,
    tracked_action_of,
)
from cyberdent.actionplan.services import action_item_update, action_items_ensure
from cyberdent.domain.roles import Permission
from cyberdent.domain.tracking import STATUS_LABELS, STATUS_MARKS, Status
from cyberdent.practices.access import PracticeAccess, practice_view

STATUS_OPTIONS = [(s.value, STATUS_LABELS[s], STATUS_MARKS[s]) for s in Status]
# What the plan page changes in one tap, without the update page.
QUICK_FIELDS = ("status", "due_date")

OLD_DIAGNOSTIC_MESSAGE = (
    "Cette action fait partie d’un ancien diagnostic. Seules les actions du dernier diagnostic "
    "peuvent être mises à jour : retrouvez-la dans le plan d’action actuel."
)


@practice_view(Permission.VIEW)
@require_safe
def plan(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    today = timezone.localdate()
    diagnostic = diagnostic_latest(practice=access.practice)
    tracked = None
    if diagnostic is not None:
        # Items are created when a diagnostic is saved; this only fills a gap, once.
        action_items_ensure(diagnostic=diagnostic)
        tracked = plan_tracked(diagnostic=diagnostic, today=today)
    return render(
        request,
        "actionplan/plan.html",
        {
            "access": access,
            "practice": access.practice,
            "plan": tracked,
            "can_update": access.can(Permission.UPDATE_ACTION),
            "status_options": STATUS_OPTIONS,
            "new_diagnostic_url": new_diagnostic_url(access.practice.pk, ()),
            "confirm_all_url": (
                new_diagnostic_url(access.practice.pk, tracked.done_question_ids)
                if tracked and tracked.done_question_ids
                else None
            ),
        },
    )


def _save_and_back_to_plan(
    request: HttpRequest,
    access: PracticeAccess,
    item: ActionItem,
    row: TrackedAction,
    form: ActionItemForm,
) -> HttpResponse:
    was_done = item.status == Status.DONE
    action_item_update(item=item, state=form.track_state())
    if item.status == Status.DONE and not was_done:
        messages.success(
            request,
            f"Bravo : « {row.action.title} » est faite. "
            + (
                "Mettez votre diagnostic à jour pour voir votre score progresser."
                if row.confirm_url
                else "Continuez ainsi."
            ),
        )
    else:
        messages.success(request, f"Suivi enregistré pour « {row.action.title} ».")
    plan_url = reverse("actionplan:plan", kwargs={"practice_id": access.practice.pk})
    return redirect(f"{plan_url}#{row.action.id}")


def _old_diagnostic(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    return render(
        request,
        "actionplan/old_item.html",
        {"practice": access.practice, "message": OLD_DIAGNOSTIC_MESSAGE},
        status=404,
    )


def _current_item(
    access: PracticeAccess, item_id: int, today: dt.date
) -> tuple[ActionItem, TrackedAction] | None:
    """The practice's item (404 for another practice's) with its row in today's plan; None
    when it belongs to an older diagnostic or its action left the plan: nothing to update."""
    item = get_object_or_404(
        ActionItem.objects.select_related("diagnostic", "assignee"),
        pk=item_id,
        diagnostic__practice=access.practice,
    )
    latest = diagnostic_latest(practice=access.practice)
    if latest is None or item.diagnostic_id != latest.pk:
        return None
    row = tracked_action_of(item=item, today=today)
    return None if row is None else (item, row)


def _update_page(
    request: HttpRequest, access: PracticeAccess, row: TrackedAction, form: ActionItemForm
) -> HttpResponse:
    return render(
        request,
        "actionplan/action_update.html",
        {"practice": access.practice, "row": row, "form": form},
    )


@practice_view(Permission.UPDATE_ACTION)
@require_http_methods(["GET", "HEAD", "POST"])
def action_update(request: HttpRequest, access: PracticeAccess, item_id: int) -> HttpResponse:
    today = timezone.localdate()
    current = _current_item(access, item_id, today)
    if current is None:
        return _old_diagnostic(request, access)
    item, row = current
    members = practice_members(practice=access.practice)
    if request.method == "POST":
        form = ActionItemForm(request.POST, item=item, members=members, today=today)
        if form.is_valid():
            return _save_and_back_to_plan(request, access, item, row, form)
    else:
        form = ActionItemForm(item=item, members=members, today=today)
    return _update_page(request, access, row, form)


@practice_view(Permission.UPDATE_ACTION)
@require_POST
def action_quick(request: HttpRequest, access: PracticeAccess, item_id: int) -> HttpResponse:
    """One tap from the plan page: a new status, or a new due date; the rest stays as it is.
    A refused value shows the full update page with the value typed and the message."""
    today = timezone.localdate()
    current = _current_item(access, item_id, today)
    if current is None:
        return _old_diagnostic(request, access)
    item, row = current
    members = practice_members(practice=access.practice)
    kept = ActionItemForm(item=item, members=members, today=today).initial
    submitted = {field: request.POST[field] for field in QUICK_FIELDS if field in request.POST}
    form = ActionItemForm(
        {**kept, "due_date": item.due_date.isoformat() if item.due_date else "", **submitted},
        item=item,
        members=members,
        today=today,
    )
    if not submitted:
        form.add_error(None, "Choisissez un statut ou une date.")
    elif form.is_valid():
        return _save_and_back_to_plan(request, access, item, row, form)
    return _update_page(request, access, row, form)
