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


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word for `count` things: 1 mesure, 2 mesures, 0 mesure (French: 0 and 1 are singular)."""
    if count <= 1:
        return singular
    return plural_form if plural_form is not None else singular + "s"


def count_of(count: int, singular: str, plural_form: str | None = None) -> str:
    """A number with its word: "1 mesure", "3 mesures"."""
    return f"{count} {plural(count, singular, plural_form)}"


def join_and(items: list[str]) -> str:
    """ "a", "a et b", "a, b et c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
