"""Writes to the tracked plan (Django-Styleguide services: keyword-only, typed)."""

from __future__ import annotations

from django.db import transaction

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.tracking import Status, TrackState, carry_over


def _state(item: ActionItem) -> TrackState:
    return TrackState(
        status=Status(item.status),
        assignee_id=item.assignee_id,
        due_date=item.due_date,
        note=item.note,
    )


@transaction.atomic
def action_items_sync(
    *, diagnostic: SavedDiagnostic, action_ids: list[str], previous: SavedDiagnostic | None
) -> list[ActionItem]:
    """Create the tracked items of a new diagnostic's plan, carrying over the previous
    diagnostic's status, assignee, due date and note for actions that are still needed."""
    before = (
        {item.action_id: _state(item) for item in previous.action_items.all()}
        if previous is not None
        else {}
    )
    states = carry_over(before, action_ids)
    items = [
        ActionItem(
            diagnostic=diagnostic,
            action_id=action_id,
            status=state.status.value,
            assignee_id=state.assignee_id,
            due_date=state.due_date,
            note=state.note,
        )
        for action_id, state in states.items()
    ]
    return ActionItem.objects.bulk_create(items)
