"""French calendar words, shared by the reminders, the incident times and the documents."""

from __future__ import annotations

import datetime as dt

DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def date_label(day: dt.date) -> str:
    """A date in French words: "1er mars 2026", "28 février 2027"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"
