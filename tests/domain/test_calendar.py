"""The reminders' dates, computed by hand: Europe/Paris wall-clock time, DST, month ends."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cyberdent.domain.calendar import (
    DueAction,
    Frequency,
    PracticeSchedule,
    Recurrence,
    add_months,
    backup_test_time,
    date_label,
    next_monthly_first,
    next_weekly,
    practice_events,
    rediagnostic_date,
    training_refresher_event,
)
from cyberdent.domain.referential_models import Referential

PARIS = ZoneInfo("Europe/Paris")
FRIDAY = 4
SLOT = dt.time(12, 30)
SCHEDULE = PracticeSchedule(
    practice_id=7, practice_name="Cabinet des Lilas", update_weekday=FRIDAY, update_time=SLOT
)


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def test_the_update_slot_is_the_next_friday_at_1230_paris_time() -> None:
    # Wednesday 25 March 2026, 10:00 → Friday 27 March 2026, 12:30 (winter time, UTC+1).
    start = next_weekly(paris(2026, 3, 25, 10, 0), FRIDAY, SLOT)
    assert start == paris(2026, 3, 27, 12, 30)
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 27, 11, 30, tzinfo=dt.UTC)


def test_across_the_change_to_summer_time_the_slot_stays_at_1230() -> None:
    # Summer time starts on Sunday 29 March 2026: the next Friday is 3 April, still 12:30,
    # now UTC+2, i.e. 10:30 UTC instead of 11:30 UTC the week before.
    start = next_weekly(paris(2026, 3, 27, 12, 30), FRIDAY, SLOT)  # strictly after this slot
    assert (start.date(), start.time()) == (dt.date(2026, 4, 3), SLOT)
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 4, 3, 10, 30, tzinfo=dt.UTC)


def test_a_slot_later_the_same_day_is_today() -> None:
    assert next_weekly(paris(2026, 3, 27, 12, 0), FRIDAY, SLOT) == paris(2026, 3, 27, 12, 30)
    # "now" given in UTC is read in Paris time: 23:30 UTC on Thursday is Friday 00:30 in Paris.
    now = dt.datetime(2026, 3, 26, 23, 30, tzinfo=dt.UTC)
    assert next_weekly(now, FRIDAY, SLOT) == paris(2026, 3, 27, 12, 30)


def test_backup_test_is_the_first_update_weekday_of_the_month() -> None:
    assert next_monthly_first(paris(2026, 3, 1, 9, 0), FRIDAY, dt.time(13)) == paris(
        2026, 3, 6, 13, 0
    )
    # After the first Friday of March: the first Friday of April.
    assert next_monthly_first(paris(2026, 3, 25, 10, 0), FRIDAY, dt.time(13)) == paris(
        2026, 4, 3, 13, 0
    )
    # December → January of the next year (1 January 2027 is a Friday).
    assert next_monthly_first(paris(2026, 12, 10, 9, 0), FRIDAY, dt.time(13)) == paris(
        2027, 1, 1, 13, 0
    )


@pytest.mark.parametrize(
    ("slot", "test"),
    [
        (dt.time(12, 30), dt.time(13, 0)),  # right after the 30-minute update slot
        (dt.time(23, 0), dt.time(22, 30)),  # after would end at midnight: right before
        (dt.time(23, 45), dt.time(23, 15)),
        (dt.time(0, 0), dt.time(0, 30)),
    ],
)
def test_backup_test_time_fits_beside_the_update_slot(slot: dt.time, test: dt.time) -> None:
    assert backup_test_time(slot) == test


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 28), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),  # no 30 February: last day
        (dt.date(2027, 11, 30), 3, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 15), 3, dt.date(2027, 3, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_rediagnostic_three_months_after_or_today_when_late() -> None:
    assert rediagnostic_date(dt.date(2026, 11, 28), dt.date(2026, 11, 28)) == dt.date(2027, 2, 28)
    assert rediagnostic_date(dt.date(2026, 1, 10), dt.date(2026, 11, 28)) == dt.date(2026, 11, 28)


def test_date_label_in_french() -> None:
    assert date_label(dt.date(2026, 3, 1)) == "1er mars 2026"
    assert date_label(dt.date(2027, 2, 28)) == "28 février 2027"


def _events(ref: Referential, **kwargs: object) -> dict[str, object]:
    args: dict[str, object] = {
        "schedule": SCHEDULE,
        "ref": ref,
        "now": paris(2026, 11, 28, 13, 0),
        "diagnosed_on": dt.date(2026, 11, 28),
        "due_actions": (),
    }
    args.update(kwargs)
    return {e.kind: e for e in practice_events(**args)}  # type: ignore[arg-type]


def test_practice_events(ref: Referential) -> None:
    due = [
        DueAction(
            "act_mfa",
            "Activer la double authentification",
            ("Étape A",),
            dt.date(2027, 1, 8),
            False,
        ),
        DueAction("act_backups", "Sauvegardes", ("Étape B",), dt.date(2026, 12, 15), False),
        DueAction("act_auto_lock", "Verrouillage", ("Étape C",), dt.date(2026, 12, 1), True),
    ]
    events = practice_events(
        schedule=SCHEDULE,
        ref=ref,
        now=paris(2026, 11, 28, 13, 0),  # a Saturday
        diagnosed_on=dt.date(2026, 11, 28),
        due_actions=due,
    )
    assert [e.uid for e in events] == [
        "update-slot-7@cyberdent",
        "backup-test-7@cyberdent",
        "rediagnostic-7@cyberdent",
        "phishing-training-7@cyberdent",  # nobody trained yet: today
        "action-7-act-backups@cyberdent",  # by due date; the done action has no event
        "action-7-act-mfa@cyberdent",
    ]
    slot, backup, recheck, training, backups, mfa = events
    assert training.start == dt.date(2026, 11, 28) and training.all_day
    assert slot.start == paris(2026, 12, 4, 12, 30)
    assert slot.duration == dt.timedelta(minutes=30)
    assert slot.recurrence == Recurrence(Frequency.WEEKLY, "FR")
    assert slot.when == "chaque vendredi à 12\u00a0h\u00a030, pendant 30 minutes"
    assert backup.start == paris(2026, 12, 4, 13, 0)  # first Friday of December
    assert backup.recurrence == Recurrence(Frequency.MONTHLY, "1FR")
    assert recheck.start == dt.date(2027, 2, 28) and recheck.all_day
    assert recheck.recurrence is None
    assert (backups.summary, backups.start, backups.all_day) == (
        "Sauvegardes",
        dt.date(2026, 12, 15),
        True,
    )
    assert "- Étape B" in backups.description
    assert mfa.when == "le 8 janvier 2027"


def test_descriptions_give_the_concrete_steps_in_french(ref: Referential) -> None:
    events = _events(ref)
    assert "antivirus" in events["update_slot"].description
    assert "Récupérez un fichier ou un dossier patient" in events["backup_test"].description
    assert "protocole de crise" in events["rediagnostic"].description
    # A step asking to "note it in the agenda" is what the event itself does: left out.
    for event in events.values():
        assert "agenda" not in event.description.lower()
        assert "Cabinet des Lilas" in event.description


def test_no_rediagnostic_before_a_first_diagnostic(ref: Referential) -> None:
    assert set(_events(ref, diagnosed_on=None)) == {
        "update_slot",
        "backup_test",
        "phishing_training",
    }


def test_the_phishing_training_comes_back_a_year_after_the_last_session() -> None:
    schedule = PracticeSchedule(7, "Cabinet des Lilas", 4, dt.time(12, 30))
    today = dt.date(2026, 12, 2)
    event = training_refresher_event(schedule, dt.date(2026, 3, 15), today)
    assert event.start == dt.date(2027, 3, 15)
    assert "Dernier entraînement de l’équipe le 15 mars 2026" in event.description
    late = training_refresher_event(schedule, dt.date(2025, 6, 1), today)
    assert late.start == today


def test_a_late_rediagnostic_is_today_and_says_so(ref: Referential) -> None:
    recheck = _events(ref, diagnosed_on=dt.date(2026, 6, 1))["rediagnostic"]
    assert recheck.start == dt.date(2026, 11, 28)
    assert "en retard" in recheck.summary
