"""Tracking the plan over time: what carries over to a new diagnostic, and progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class TrackState:
    """What the practice recorded about one action: status, who, when, a note."""

    status: Status = Status.TODO
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
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def progress(statuses: Iterable[Status]) -> Progress:
    items = list(statuses)
    return Progress(done=sum(1 for s in items if s is Status.DONE), total=len(items))
