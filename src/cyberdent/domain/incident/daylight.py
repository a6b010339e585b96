"""Wall-clock time in Paris across the daylight-saving changes: a typed time the spring change
skips is refused, one the autumn change repeats is read as its first occurrence, and a deadline
whose wall-clock hour moved says why."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from cyberdent.domain.french import MONTH_NAMES
from cyberdent.domain.incident.kinds import IncidentError

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"


class NonexistentTimeError(IncidentError):
    """A wall-clock time the spring change skips; the message names the gap, in French."""


def _day_month(day: dt.date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]}"


def format_hour(moment: dt.datetime | dt.time, *, minutes: bool = True) -> str:
    """ "10 h 00" (or "2 h" with minutes=False when on the hour), with no-break spaces."""
    text = f"{moment.hour}{NBSP}h"
    if minutes or moment.minute:
        text += f"{NBSP}{moment.minute:02d}"
    return text


def _transition(start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """The first whole minute (UTC) after start whose Paris offset differs from start's; the
    caller knows there is one before end."""
    offset = start.astimezone(PARIS).utcoffset()
    moment = start.astimezone(dt.UTC).replace(second=0, microsecond=0)
    while moment < end:
        moment += dt.timedelta(minutes=1)
        if moment.astimezone(PARIS).utcoffset() != offset:
            return moment
    return end


def paris_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment a date and time read on a clock in Paris name.

    A time the spring change skips (29 March 2026, 02:30) does not exist: NonexistentTimeError.
    A time the autumn change repeats (25 October 2026, 02:30) is read as its first occurrence,
    still in summer time (fold=0, +02:00): the earlier reading, so deadlines are never later
    than the law's."""
    naive = dt.datetime.combine(day, time.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=PARIS, fold=0)
    second = naive.replace(tzinfo=PARIS, fold=1)
    before, after = first.utcoffset(), second.utcoffset()
    if before is None or after is None:  # pragma: no cover - Europe/Paris always has one
        raise ValueError("Europe/Paris has no offset")
    round_trip = first.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None)
    if before != after and round_trip != naive:
        # In the gap: the clocks jump at the change instant from (change + before) to
        # (change + after); the change lies between the two readings of the typed time.
        change = _transition(naive.replace(tzinfo=dt.UTC) - after, naive.replace(tzinfo=dt.UTC))
        skipped_from = (change + before).replace(tzinfo=None)
        skipped_to = (change + after).replace(tzinfo=None)
        start, end = (
            format_hour(skipped_from, minutes=False),
            format_hour(skipped_to, minutes=False),
        )
        raise NonexistentTimeError(
            f"Cette heure n’existe pas le {_day_month(day)} : les horloges passent de "
            f"{start} à {end} (passage à l’heure d’été). Indiquez une heure avant {start} ou "
            f"à partir de {end}."
        )
    return first


def clock_change_sentence(discovered_at: dt.datetime, due_at: dt.datetime) -> str | None:
    """Why the deadline's hour differs from the discovery's when a clock change falls between
    them (the 72 hours are elapsed time); None when no change does."""
    start, end = discovered_at.astimezone(PARIS), due_at.astimezone(PARIS)
    start_offset, end_offset = start.utcoffset(), end.utcoffset()
    if start_offset is None or end_offset is None or start_offset == end_offset:
        return None
    change = _transition(start, end).astimezone(PARIS)
    season = "d’été" if end_offset > start_offset else "d’hiver"
    # Both in Paris: Python subtracts same-zone times as wall clocks, so go through UTC.
    hours = round((end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds() / 3600)
    return (
        f"Le passage à l’heure {season} le {_day_month(change.date())} décale l’heure "
        f"affichée : {hours}{NBSP}heures après {format_hour(start)} font "
        f"{format_hour(end)}."
    )
