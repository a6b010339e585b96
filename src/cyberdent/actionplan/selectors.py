"""Reads of the tracked plan: the latest diagnostic's actions with their tracking, and the
practice's calendar events. The plan itself is computed by the domain from the saved answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain import calendar
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.errors import AnswersError, ReferentialError
from cyberdent.domain.loader import default_referential, load_referential_version
from cyberdent.domain.plan import PlanAction
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import ActionGroup, build_report
from cyberdent.domain.tracking import (
    STATUS_LABELS,
    STATUS_MARKS,
    Progress,
    Status,
    TrackState,
    is_overdue,
    progress,
    questions_to_confirm,
)
from cyberdent.phishing.selectors import training_last_date
from cyberdent.practices.models import Practice
from cyberdent.web.people import person


def diagnostic_latest(*, practice: Practice) -> SavedDiagnostic | None:
    return SavedDiagnostic.objects.filter(practice=practice).order_by("-created_at", "-id").first()


def diagnostic_previous(*, diagnostic: SavedDiagnostic) -> SavedDiagnostic | None:
    """The diagnostic saved just before this one in the same practice."""
    earlier = Q(created_at__lt=diagnostic.created_at) | Q(
        created_at=diagnostic.created_at, id__lt=diagnostic.id
    )
    return (
        SavedDiagnostic.objects.filter(earlier, practice_id=diagnostic.practice_id)
        .order_by("-created_at", "-id")
        .first()
    )


def referential_of(diagnostic: SavedDiagnostic) -> Referential:
    """The référentiel the diagnostic was made with; the current one if it is not shipped."""
    try:
        return load_referential_version(diagnostic.referential_id, diagnostic.referential_version)
    except ReferentialError:
        return default_referential()


def diagnostic_action_groups(*, diagnostic: SavedDiagnostic) -> tuple[ActionGroup, ...] | None:
    """The plan of a saved diagnostic, grouped as on the result page; None if its answers
    can no longer be read (they were saved against a référentiel that changed)."""
    ref = referential_of(diagnostic)
    try:
        answers = parse_answers(ref, diagnostic.answers)
    except AnswersError:
        return None
    return build_report(ref, assess(ref, answers)).action_groups


def diagnostic_plan_actions(*, diagnostic: SavedDiagnostic) -> tuple[PlanAction, ...]:
    groups = diagnostic_action_groups(diagnostic=diagnostic) or ()
    return tuple(action for group in groups for action in group.actions)


def new_diagnostic_url(practice_id: int, question_ids: tuple[str, ...]) -> str | None:
    """A new diagnostic with these questions pre-set to "yes"; None until that page exists."""
    try:
        url = reverse("assessments:new", kwargs={"practice_id": practice_id})
    except NoReverseMatch:
        return None
    return url + ("?" + urlencode([("oui", q) for q in question_ids]) if question_ids else "")


def track_state(item: ActionItem) -> TrackState:
    return TrackState(
        status=Status(item.status),
        assignee_id=item.assignee_id,
        due_date=item.due_date,
        note=item.note,
    )


@dataclass(frozen=True)
class TrackedAction:
    """One plan action with what the practice recorded about it, ready to show."""

    number: int
    action: PlanAction
    item: ActionItem
    overdue: bool
    # Where to confirm the answer once the action is done (None: nothing to confirm).
    confirm_url: str | None

    @property
    def status(self) -> Status:
        return Status(self.item.status)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_mark(self) -> str:
        return STATUS_MARKS[self.status]

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    @property
    def assignee_label(self) -> str:
        return person(self.item.assignee) if self.item.assignee_id else "Non attribuée"

    @property
    def editable(self) -> bool:
        return self.item.pk is not None


@dataclass(frozen=True)
class TrackedGroup:
    heading: str
    priority: str
    first_number: int
    rows: tuple[TrackedAction, ...]


@dataclass(frozen=True)
class TrackedPlan:
    diagnostic: SavedDiagnostic
    groups: tuple[TrackedGroup, ...]
    progress: Progress
    readable: bool

    @property
    def rows(self) -> tuple[TrackedAction, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def diagnosed_on(self) -> dt.date:
        return timezone.localdate(self.diagnostic.created_at)

    def next_due(self, limit: int = 3) -> tuple[TrackedAction, ...]:
        """The next deadlines of actions not done yet, the most urgent first."""
        pending = [r for r in self.rows if not r.done and r.item.due_date is not None]
        return tuple(sorted(pending, key=lambda r: r.item.due_date)[:limit])

    @property
    def done_question_ids(self) -> tuple[str, ...]:
        """The questions of every done action: to answer "yes" in the next diagnostic."""
        return tuple(q for r in self.rows if r.done for q in questions_to_confirm(r.action))


def _tracked(
    number: int, action: PlanAction, item: ActionItem, practice_id: int, today: dt.date
) -> TrackedAction:
    confirm = questions_to_confirm(action)
    return TrackedAction(
        number=number,
        action=action,
        item=item,
        overdue=is_overdue(track_state(item), today),
        confirm_url=new_diagnostic_url(practice_id, confirm) if confirm else None,
    )


def plan_tracked(*, diagnostic: SavedDiagnostic, today: dt.date) -> TrackedPlan:
    """The diagnostic's plan in plan order, each action with its tracked item (a fresh,
    unsaved one when none was recorded, so the page still shows the whole plan)."""
    groups = diagnostic_action_groups(diagnostic=diagnostic)
    items = {
        item.action_id: item
        for item in ActionItem.objects.filter(diagnostic=diagnostic).select_related("assignee")
    }
    tracked_groups = tuple(
        TrackedGroup(
            heading=group.heading,
            priority=group.priority.value,
            first_number=group.first_number,
            rows=tuple(
                _tracked(
                    group.first_number + index,
                    action,
                    items.get(action.id) or ActionItem(diagnostic=diagnostic, action_id=action.id),
                    diagnostic.practice_id,
                    today,
                )
                for index, action in enumerate(group.actions)
            ),
        )
        for group in groups or ()
    )
    rows = [row for group in tracked_groups for row in group.rows]
    return TrackedPlan(
        diagnostic=diagnostic,
        groups=tracked_groups,
        progress=progress(row.status for row in rows),
        readable=groups is not None,
    )


def practice_plan(*, practice: Practice, today: dt.date) -> TrackedPlan | None:
    diagnostic = diagnostic_latest(practice=practice)
    return plan_tracked(diagnostic=diagnostic, today=today) if diagnostic else None


def practice_members(*, practice: Practice) -> list[Any]:
    """The people an action may be given to: the practice's team, by email."""
    return list(
        get_user_model()
        .objects.filter(memberships__practice=practice)
        .order_by("email", "id")
        .distinct()
    )


def tracked_action_of(*, item: ActionItem, today: dt.date) -> TrackedAction | None:
    """The item with its plan action; None when the action is no longer in that plan."""
    plan = plan_tracked(diagnostic=item.diagnostic, today=today)
    for row in plan.rows:
        if row.action.id == item.action_id:
            return _tracked(row.number, row.action, item, item.diagnostic.practice_id, today)
    return None


def _as_time(value: dt.time | str) -> dt.time:
    # A practice created in this process still holds the field's default as text.
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(value)


def calendar_events(*, practice: Practice, now: dt.datetime) -> tuple[calendar.CalendarEvent, ...]:
    """Every reminder of the practice, as decided by the domain."""
    schedule = calendar.PracticeSchedule(
        practice_id=practice.pk,
        practice_name=practice.name,
        update_weekday=practice.update_weekday,
        update_time=_as_time(practice.update_time),
    )
    diagnostic = diagnostic_latest(practice=practice)
    due: list[calendar.DueAction] = []
    if diagnostic is not None:
        actions = {a.id: a for a in diagnostic_plan_actions(diagnostic=diagnostic)}
        for item in ActionItem.objects.filter(diagnostic=diagnostic, due_date__isnull=False):
            action = actions.get(item.action_id)
            if action is not None and item.due_date is not None:
                due.append(
                    calendar.DueAction(
                        action_id=action.id,
                        title=action.title,
                        steps=action.steps,
                        due_date=item.due_date,
                        done=item.status == Status.DONE,
                    )
                )
    return calendar.practice_events(
        schedule=schedule,
        ref=referential_of(diagnostic) if diagnostic else default_referential(),
        now=now,
        diagnosed_on=timezone.localdate(diagnostic.created_at) if diagnostic else None,
        due_actions=due,
        last_trained_on=training_last_date(practice=practice),
    )
