"""The practice's reminders: which calendar events exist, when, and what they say.

Times are wall-clock times in Europe/Paris: a slot chosen at 12:30 stays at 12:30 across the
changes to and from summer time. The iCalendar encoding lives outside the domain
(cyberdent.actionplan.ical); this module only decides the events.

Events and their stable ids (a calendar app that subscribes updates an event in place when
the feed changes it):
- the weekly software-update slot (the brochure's "plage de mise à jour prévue dans l'agenda");
- the monthly backup-restore test, on the first update weekday of each month, just after
  (or before) the update slot so that both fit in the same half-day;
- the re-diagnostic, three months after the latest diagnostic: a single event rather than a
  rule, because the next date depends on when the practice really redoes it — when a new
  diagnostic is saved, the same event moves three months after it;
- each action's due date, as an all-day event, while the action is not done.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from cyberdent.domain.french import DAY_NAMES, date_label
from cyberdent.domain.referential_models import Referential

PARIS = ZoneInfo("Europe/Paris")
UPDATE_SLOT_LENGTH = dt.timedelta(minutes=30)
BACKUP_TEST_LENGTH = dt.timedelta(minutes=30)
REMINDER_BEFORE = dt.timedelta(minutes=15)
REDIAGNOSTIC_AFTER_MONTHS = 3

# iCalendar's two-letter day codes, Monday first like datetime.weekday().
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# The référentiel's upkeep actions whose steps describe each recurring event.
UPDATE_SLOT_ACTION = "maint_update_slot"
BACKUP_TEST_ACTION = "maint_test_backups"
RECHECK_ACTION = "maint_recheck"


class Frequency(StrEnum):
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


@dataclass(frozen=True)
class Recurrence:
    """An RRULE: e.g. WEEKLY on "FR", or MONTHLY on "1FR" (the first Friday)."""

    frequency: Frequency
    by_day: str
    interval: int = 1


@dataclass(frozen=True)
class CalendarEvent:
    """One event: timed (an aware datetime in Europe/Paris, with a duration) or all-day."""

    uid: str
    kind: str
    summary: str
    description: str
    # When it happens, in words: "chaque vendredi à 12h30", "le 28 février 2027".
    when: str
    start: dt.datetime | dt.date
    duration: dt.timedelta | None = None
    recurrence: Recurrence | None = None
    reminder_before: dt.timedelta | None = None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


@dataclass(frozen=True)
class PracticeSchedule:
    practice_id: int
    practice_name: str
    update_weekday: int  # 0 = Monday, as datetime.weekday()
    update_time: dt.time


@dataclass(frozen=True)
class DueAction:
    """A tracked action with a due date, as the calendar needs it."""

    action_id: str
    title: str
    steps: tuple[str, ...]
    due_date: dt.date
    done: bool


def uid(kind: str, practice_id: int, suffix: str = "") -> str:
    return f"{kind}-{practice_id}{'-' + suffix if suffix else ''}@cyberdent"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of that month when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, cal.monthrange(year, month)[1]))


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time.replace(tzinfo=None), tzinfo=PARIS)


def next_weekly(now: dt.datetime, weekday: int, time: dt.time) -> dt.datetime:
    """The first slot on `weekday` at `time` (Paris) strictly after `now`."""
    local = now.astimezone(PARIS)
    day = local.date() + dt.timedelta(days=(weekday - local.weekday()) % 7)
    start = _at(day, time)
    return start if start > local else _at(day + dt.timedelta(days=7), time)


def first_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)


def next_monthly_first(now: dt.datetime, weekday: int, time: dt.time) -> dt.datetime:
    """The first `weekday` of a month at `time` (Paris), strictly after `now`."""
    local = now.astimezone(PARIS)
    this_month = dt.date(local.year, local.month, 1)
    for months in (0, 1):
        month = add_months(this_month, months)
        start = _at(first_weekday_of_month(month.year, month.month, weekday), time)
        if start > local:
            return start
    raise AssertionError("unreachable: next month's first weekday is always in the future")


def backup_test_time(update_time: dt.time) -> dt.time:
    """Right after the update slot; right before it when after would cross midnight."""
    slot = dt.datetime.combine(dt.date(2000, 1, 3), update_time.replace(tzinfo=None))
    after = slot + UPDATE_SLOT_LENGTH
    if (after + BACKUP_TEST_LENGTH).date() == slot.date():
        return after.time()
    return (slot - BACKUP_TEST_LENGTH).time()


def rediagnostic_date(diagnosed_on: dt.date, today: dt.date) -> dt.date:
    """Three months after the diagnostic; today when that date has already passed."""
    return max(add_months(diagnosed_on, REDIAGNOSTIC_AFTER_MONTHS), today)


def _steps(ref: Referential, action_id: str) -> tuple[str, ...]:
    # Steps that say "put it in the agenda" are what the event itself does: left out.
    for action in ref.maintenance:
        if action.id == action_id:
            return tuple(s for s in action.steps if "agenda" not in s.lower())
    return ()


def _description(intro: str, steps: Iterable[str], practice_name: str) -> str:
    lines = [intro]
    steps = tuple(steps)
    if steps:
        lines += ["", "À faire :", *(f"- {step}" for step in steps)]
    lines += ["", f"Rappel CyberDent pour le cabinet « {practice_name} »."]
    return "\n".join(lines)


def _time_label(time: dt.time) -> str:
    return f"{time.hour}\u00a0h\u00a0{time.minute:02d}"


def update_slot_event(
    schedule: PracticeSchedule, now: dt.datetime, ref: Referential
) -> CalendarEvent:
    day = DAY_NAMES[schedule.update_weekday]
    return CalendarEvent(
        uid=uid("update-slot", schedule.practice_id),
        kind="update_slot",
        when=f"chaque {day} à {_time_label(schedule.update_time)}, pendant 30 minutes",
        summary="Créneau des mises à jour informatiques",
        description=_description(
            f"Chaque {day} à {_time_label(schedule.update_time)}, 30 minutes réservées aux "
            "mises à jour des ordinateurs et du logiciel métier.",
            _steps(ref, UPDATE_SLOT_ACTION),
            schedule.practice_name,
        ),
        start=next_weekly(now, schedule.update_weekday, schedule.update_time),
        duration=UPDATE_SLOT_LENGTH,
        recurrence=Recurrence(Frequency.WEEKLY, DAY_CODES[schedule.update_weekday]),
        reminder_before=REMINDER_BEFORE,
    )


def backup_test_event(
    schedule: PracticeSchedule, now: dt.datetime, ref: Referential
) -> CalendarEvent:
    day = DAY_NAMES[schedule.update_weekday]
    time = backup_test_time(schedule.update_time)
    return CalendarEvent(
        uid=uid("backup-test", schedule.practice_id),
        kind="backup_test",
        when=f"le premier {day} de chaque mois à {_time_label(time)}, pendant 30 minutes",
        summary="Test de restauration de la sauvegarde",
        description=_description(
            f"Le premier {day} du mois à {_time_label(time)} : vérifier qu’une sauvegarde "
            "se restaure vraiment, avant d’en avoir besoin.",
            _steps(ref, BACKUP_TEST_ACTION),
            schedule.practice_name,
        ),
        start=next_monthly_first(now, schedule.update_weekday, time),
        duration=BACKUP_TEST_LENGTH,
        recurrence=Recurrence(Frequency.MONTHLY, f"1{DAY_CODES[schedule.update_weekday]}"),
        reminder_before=REMINDER_BEFORE,
    )


def rediagnostic_event(
    schedule: PracticeSchedule, diagnosed_on: dt.date, today: dt.date, ref: Referential
) -> CalendarEvent:
    planned = add_months(diagnosed_on, REDIAGNOSTIC_AFTER_MONTHS)
    late = planned < today
    start = rediagnostic_date(diagnosed_on, today)
    return CalendarEvent(
        uid=uid("rediagnostic", schedule.practice_id),
        kind="rediagnostic",
        when=f"le {date_label(start)}" + (" (il aurait dû être refait avant)" if late else ""),
        summary="Refaire le diagnostic cybersécurité du cabinet" + (" (en retard)" if late else ""),
        description=_description(
            f"Dernier diagnostic le {date_label(diagnosed_on)} : le refaire tous les trois mois "
            "(environ 5 minutes) pour suivre vos progrès. Le risque zéro n’existe pas.",
            _steps(ref, RECHECK_ACTION),
            schedule.practice_name,
        ),
        start=start,
    )


TRAINING_EVERY_MONTHS = 12


def training_refresher_event(
    schedule: PracticeSchedule, last_trained_on: dt.date | None, today: dt.date
) -> CalendarEvent:
    """The team's yearly phishing training: a year after the last session, or today when
    nobody has trained yet or the year has passed."""
    planned = add_months(last_trained_on, TRAINING_EVERY_MONTHS) if last_trained_on else today
    start = max(planned, today)
    intro = (
        f"Dernier entraînement de l’équipe le {date_label(last_trained_on)}."
        if last_trained_on
        else "Personne ne s’est encore entraîné dans CyberDent."
    )
    return CalendarEvent(
        uid=uid("phishing-training", schedule.practice_id),
        kind="phishing_training",
        when=f"le {date_label(start)}",
        summary="Entraînement hameçonnage de l’équipe (une fois par an)",
        description=_description(
            f"{intro} Chaque membre refait une série de 10 messages (10 minutes) : les arnaques "
            "changent, les réflexes s’entretiennent.",
            (),
            schedule.practice_name,
        ),
        start=start,
    )


def action_due_event(schedule: PracticeSchedule, action: DueAction) -> CalendarEvent:
    return CalendarEvent(
        uid=uid("action", schedule.practice_id, action.action_id.replace("_", "-")),
        kind="action_due",
        when=f"le {date_label(action.due_date)}",
        summary=action.title,
        description=_description(
            "Échéance de cette action du plan de cybersécurité.",
            action.steps,
            schedule.practice_name,
        ),
        start=action.due_date,
    )


def practice_events(
    *,
    schedule: PracticeSchedule,
    ref: Referential,
    now: dt.datetime,
    diagnosed_on: dt.date | None,
    due_actions: Iterable[DueAction],
    last_trained_on: dt.date | None = None,
) -> tuple[CalendarEvent, ...]:
    """Every reminder of the practice: the recurring tasks, then the re-diagnostic (once a
    diagnostic exists) and the yearly phishing training, then each due date of an action that
    is not done, by date."""
    today = now.astimezone(PARIS).date()
    events = [update_slot_event(schedule, now, ref), backup_test_event(schedule, now, ref)]
    if diagnosed_on is not None:
        events.append(rediagnostic_event(schedule, diagnosed_on, today, ref))
    events.append(training_refresher_event(schedule, last_trained_on, today))
    pending = sorted((a for a in due_actions if not a.done), key=lambda a: a.due_date)
    events += [action_due_event(schedule, action) for action in pending]
    return tuple(events)
