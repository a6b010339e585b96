"""Writes to the tracked plan and the calendar feed (Django-Styleguide services:
keyword-only, typed)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cyberdent.actionplan.models import ActionItem, CalendarFeed
from cyberdent.actionplan.selectors import diagnostic_plan_actions, diagnostic_previous
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.audit.services import audit_record
from cyberdent.domain.tracking import Status, TrackState, carry_over
from cyberdent.practices.models import Practice


def _state(item: ActionItem) -> TrackState:
    return TrackState(
        status=Status(item.status),
        assignee_id=item.assignee_id,
        due_date=item.due_date,
        note=item.note,
    )


def _items(diagnostic: SavedDiagnostic, states: dict[str, TrackState]) -> list[ActionItem]:
    return [
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
    return ActionItem.objects.bulk_create(_items(diagnostic, states))


@transaction.atomic
def action_items_ensure(*, diagnostic: SavedDiagnostic) -> None:
    """Create the items missing from a diagnostic's plan (e.g. one saved before its items
    were), carried over like action_items_sync. Idempotent, safe under concurrent calls."""
    existing = set(diagnostic.action_items.values_list("action_id", flat=True))
    missing = [a.id for a in diagnostic_plan_actions(diagnostic=diagnostic) if a.id not in existing]
    if not missing:
        return
    previous = diagnostic_previous(diagnostic=diagnostic)
    before = (
        {item.action_id: _state(item) for item in previous.action_items.all()} if previous else {}
    )
    ActionItem.objects.bulk_create(
        _items(diagnostic, carry_over(before, missing)), ignore_conflicts=True
    )


def action_item_update(*, item: ActionItem, state: TrackState) -> ActionItem:
    """Record the new status, assignee, due date and note (already validated)."""
    item.status = state.status.value
    item.assignee_id = state.assignee_id
    item.due_date = state.due_date
    item.note = state.note
    item.save(update_fields=["status", "assignee", "due_date", "note", "updated_at"])
    return item


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, practice: Practice, request: HttpRequest) -> str:
    """A new secret for the practice's feed; the previous link stops working at once.
    Only the secret's hash is kept: the returned token is shown once, then forgotten."""
    token = secrets.token_urlsafe(32)
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        practice=practice, defaults={"token_hash": feed_token_hash(token)}
    )
    if not created:
        feed.token_hash = feed_token_hash(token)
        feed.created_at = timezone.now()  # the page shows when the current link was made
        feed.save(update_fields=["token_hash", "created_at"])
    audit_record(
        kind="calendar_token",
        request=request,
        practice=practice,
        detail="Lien d’abonnement au calendrier " + ("créé" if created else "renouvelé"),
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, practice: Practice, request: HttpRequest) -> bool:
    """Delete the feed's secret: its link returns 404 from now on. False if there was none."""
    deleted, _ = CalendarFeed.objects.filter(practice=practice).delete()
    if deleted:
        audit_record(
            kind="calendar_token",
            request=request,
            practice=practice,
            detail="Lien d’abonnement au calendrier révoqué",
        )
    return bool(deleted)
