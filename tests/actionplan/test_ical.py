"""The iCalendar adapter: the output parses back, times carry TZID=Europe/Paris with a
VTIMEZONE, recurrences expand at the same wall-clock time across summer time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar

from cyberdent.actionplan.ical import calendar_ics
from cyberdent.domain.calendar import DueAction, PracticeSchedule, practice_events
from cyberdent.domain.referential_models import Referential

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 3, 25, 10, 0, tzinfo=PARIS)  # Wednesday, before the change to summer time


def _calendar(ref: Referential) -> tuple[bytes, Calendar]:
    events = practice_events(
        schedule=PracticeSchedule(7, "Cabinet des Lilas", 4, dt.time(12, 30)),
        ref=ref,
        now=NOW,
        diagnosed_on=dt.date(2026, 3, 1),
        due_actions=[
            DueAction("act_backups", "Sauvegardes", ("Étape",), dt.date(2026, 4, 10), False)
        ],
    )
    body = calendar_ics(events=events, name="CyberDent — Cabinet des Lilas", now=NOW)
    return body, Calendar.from_ical(body)


def test_output_parses_back_with_one_vevent_per_reminder(ref: Referential) -> None:
    body, calendar = _calendar(ref)
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "CyberDent — Cabinet des Lilas"
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids == [
        "update-slot-7@cyberdent",
        "backup-test-7@cyberdent",
        "rediagnostic-7@cyberdent",
        "phishing-training-7@cyberdent",
        "action-7-act-backups@cyberdent",
    ]
    for event in calendar.walk("VEVENT"):
        assert event["DTSTAMP"].dt == dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC)


def test_timed_events_use_tzid_europe_paris_with_a_vtimezone(ref: Referential) -> None:
    body, calendar = _calendar(ref)
    assert b"DTSTART;TZID=Europe/Paris:20260327T123000" in body
    assert b"RRULE:FREQ=WEEKLY;BYDAY=FR" in body
    assert b"DTSTART;TZID=Europe/Paris:20260403T130000" in body
    assert b"RRULE:FREQ=MONTHLY;BYDAY=1FR" in body
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert calendar.get_missing_tzids() == set()
    slot = calendar.walk("VEVENT")[0]
    assert slot["DTSTART"].params["TZID"] == "Europe/Paris"
    assert slot["DURATION"].dt == dt.timedelta(minutes=30)
    assert slot.walk("VALARM")[0]["TRIGGER"].dt == -dt.timedelta(minutes=15)


def test_the_weekly_slot_stays_at_1230_across_the_change_to_summer_time(
    ref: Referential,
) -> None:
    _, calendar = _calendar(ref)
    slot = calendar.walk("VEVENT")[0]
    start = slot["DTSTART"].dt
    rule = rrulestr(slot["RRULE"].to_ical().decode(), dtstart=start)
    first, second = rule[0], rule[1]
    assert (first.date(), first.time()) == (dt.date(2026, 3, 27), dt.time(12, 30))
    assert (second.date(), second.time()) == (dt.date(2026, 4, 3), dt.time(12, 30))
    assert first.astimezone(dt.UTC).hour == 11  # UTC+1 before 29 March 2026
    assert second.astimezone(dt.UTC).hour == 10  # UTC+2 after


def test_all_day_events_for_the_rediagnostic_and_the_due_dates(ref: Referential) -> None:
    _, calendar = _calendar(ref)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    recheck = events["rediagnostic-7@cyberdent"]
    assert recheck["DTSTART"].dt == dt.date(2026, 6, 1)
    assert recheck["DTEND"].dt == dt.date(2026, 6, 2)
    assert "RRULE" not in recheck
    due = events["action-7-act-backups@cyberdent"]
    assert str(due["SUMMARY"]) == "Sauvegardes"
    assert due["DTSTART"].dt == dt.date(2026, 4, 10)
    assert "- Étape" in str(due["DESCRIPTION"])
    assert str(due["TRANSP"]) == "TRANSPARENT"
