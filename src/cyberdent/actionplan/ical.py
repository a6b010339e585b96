"""The iCalendar encoding (RFC 5545, with the icalendar library) of the domain's events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from cyberdent.domain.calendar import CalendarEvent

PRODID = "-//CyberDent//Rappels du cabinet//FR"


def _alarm(event: CalendarEvent, before: dt.timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.summary)
    alarm.add("trigger", -before)
    return alarm


def _vevent(event: CalendarEvent, stamp: dt.datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    vevent.add("categories", ["CyberDent"])
    # Reminders must not block the agenda as busy time, except the timed slots.
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    if event.all_day:
        vevent.add("dtstart", event.start)  # a date: an all-day event
        vevent.add("dtend", event.start + dt.timedelta(days=1))
    else:
        vevent.add("dtstart", event.start)  # aware, Europe/Paris: written with TZID
        vevent.add("duration", event.duration or dt.timedelta(minutes=30))
    if event.recurrence is not None:
        rule: dict[str, object] = {
            "freq": event.recurrence.frequency.value,
            "byday": event.recurrence.by_day,
        }
        if event.recurrence.interval != 1:
            rule["interval"] = event.recurrence.interval
        vevent.add("rrule", rule)
    if event.reminder_before is not None:
        vevent.add_component(_alarm(event, event.reminder_before))
    return vevent


def calendar_ics(*, events: Iterable[CalendarEvent], name: str, now: dt.datetime) -> bytes:
    """One VCALENDAR with a VTIMEZONE for Europe/Paris and one VEVENT per domain event."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    # The VTIMEZONE only needs to cover the years the reminders live in.
    calendar.add_missing_timezones(
        first_date=dt.date(stamp.year - 1, 1, 1), last_date=dt.date(stamp.year + 10, 1, 1)
    )
    return calendar.to_ical()
