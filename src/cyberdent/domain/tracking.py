"""Tracking the plan over time: what carries over to a new diagnostic, progress, and the
rules an update of one action must follow (due date, note, assignee)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.plan import PlanAction, Priority


class Status(StrEnum):
    NOT_STARTED = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "À faire",
    Status.IN_PROGRESS: "En cours",
    Status.DONE: "Fait",
}
# Shown beside the label so that the status never relies on colour alone.
STATUS_MARKS: dict[Status, str] = {
    Status.NOT_STARTED: "○",
    Status.IN_PROGRESS: "◐",
    Status.DONE: "✓",
}

NOTE_MAX_LENGTH = 2000
PAST_DUE_DATE_MESSAGE = "La date d’échéance ne peut pas être dans le passé."
# A plan is for the coming months; a date decades away is a typing mistake (e.g. 2206).
DUE_DATE_MAX_YEARS = 10
FAR_DUE_DATE_MESSAGE = (
    f"Cette date est bien lointaine : choisissez une échéance dans les {DUE_DATE_MAX_YEARS} "
    "prochaines années."
)
NOT_A_MEMBER_MESSAGE = "Choisissez une personne de l’équipe du cabinet, ou « Non attribuée »."


@dataclass(frozen=True)
class TrackState:
    """What the practice recorded about one action: status, who, when, a note."""

    status: Status = Status.NOT_STARTED
    assignee_id: int | None = None
    due_date: dt.date | None = None
    note: str = ""


def carry_over(
    previous: Mapping[str, TrackState], new_action_ids: Iterable[str]
) -> dict[str, TrackState]:
    """The state of each action of the new plan: kept when the action is still needed,
    fresh otherwise. Actions no longer in the plan are dropped."""
    return {action_id: previous.get(action_id, TrackState()) for action_id in new_action_ids}


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def label(self) -> str:
        return f"{self.done} action{'s' if self.done > 1 else ''} sur {self.total}"

    @property
    def sentence(self) -> str:
        """E.g. "3 actions faites sur 10", "1 action faite sur 4"."""
        plural = "s" if self.done > 1 else ""
        return f"{self.done} action{plural} faite{plural} sur {self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def progress(statuses: Iterable[Status]) -> Progress:
    items = list(statuses)
    return Progress(done=sum(1 for s in items if s is Status.DONE), total=len(items))


def is_overdue(state: TrackState, today: dt.date) -> bool:
    """Late: a due date before today on an action that is not done."""
    return state.due_date is not None and state.due_date < today and state.status is not Status.DONE


def due_date_error(new: dt.date | None, previous: dt.date | None, today: dt.date) -> str | None:
    """A new due date may not be in the past; an unchanged one is kept even once passed,
    so that a late action can still get its status or note updated."""
    if new is None or new == previous:
        return None
    if new < today:
        return PAST_DUE_DATE_MESSAGE
    if new.year > today.year + DUE_DATE_MAX_YEARS:
        return FAR_DUE_DATE_MESSAGE
    return None


def note_error(note: str) -> str | None:
    if len(note) <= NOTE_MAX_LENGTH:
        return None
    return (
        f"La note est trop longue : {len(note)} caractères pour {NOTE_MAX_LENGTH} au maximum. "
        "Raccourcissez-la (votre texte est conservé ci-dessous)."
    )


def assignee_error(assignee_id: int | None, member_ids: Collection[int]) -> str | None:
    """An action is given to a member of the practice's team, or to nobody."""
    if assignee_id is None or assignee_id in member_ids:
        return None
    return NOT_A_MEMBER_MESSAGE


def update_errors(
    *,
    previous: TrackState,
    new: TrackState,
    today: dt.date,
    member_ids: Collection[int],
) -> dict[str, str]:
    """Every rule an update breaks, keyed by the field it concerns (empty when valid)."""
    checks = {
        "assignee": assignee_error(new.assignee_id, member_ids),
        "due_date": due_date_error(new.due_date, previous.due_date, today),
        "note": note_error(new.note),
    }
    return {field: message for field, message in checks.items() if message}


def questions_to_confirm(action: PlanAction) -> tuple[str, ...]:
    """The scored questions a done action should now be answered "yes" to.

    Complementary questions are not scored and upkeep actions answer no question: neither
    changes the diagnostic, so nothing is suggested for them.
    """
    if action.priority in (Priority.CRITICAL, Priority.NORMAL):
        return action.question_ids
    return ()
