"""French calendar words, shared by the reminders, the incident times and the documents."""

from __future__ import annotations

import datetime as dt
import re

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


# French typography: a narrow no-break space (U+202F) before ; : ! ? and inside « »,
# typographic apostrophes (U+2019). Private-use characters (U+E000–U+F8FF) count as words:
# they stand for a template variable or tag when a template's source is fixed by a script.
NNBSP = "\u202f"
_PLACEHOLDER = "\ue000-\uf8ff"
_LETTER = rf"[^\W\d_]|[{_PLACEHOLDER}]"
# What may stand just before ; : ! ? in a sentence: a word, a number, a closing sign.
_BEFORE = rf"[\w)\]»’\"%€°…✓✗{_PLACEHOLDER}]"
# A space before the sign becomes U+202F unless the sign starts code: "a ::b", " ?x=", " :/".
_SPACE_BEFORE = re.compile(rf"(?<={_BEFORE})[^\S\r\n]+(?=[;:!?](?![\w/=:]))")
# A sign glued to a word gets U+202F only when a space or the end follows it: "14:30",
# "https://", "a::b" and "?q=1" are left alone. This pattern and _APOSTROPHE start with the sign
# and look behind it (the sign included): the regex engine then jumps from sign to sign instead
# of trying a lookbehind at every position (the référentiel's load is 5× faster).
_GLUED = re.compile(rf"([;:!?])(?<={_BEFORE}[;:!?])(?=\s|$|[»)\]\"’.,{_PLACEHOLDER}])")
_OPEN_QUOTE = re.compile(r"«[^\S\r\n]*")
_CLOSE_QUOTE = re.compile(r"[^\S\r\n]*»")
_APOSTROPHE = re.compile(rf"'(?<=(?:{_LETTER})')(?={_LETTER})")
_SIGN = re.compile("[;:!?]")


_ENTITY_START = re.compile(r"&#?\w+\Z")


def _glued_sign(match: re.Match[str]) -> str:
    # "&amp;" is an HTML entity, not a word and a semicolon.
    if match.group(1) == ";" and _ENTITY_START.search(match.string, 0, match.start()):
        return match.group(1)
    return NNBSP + match.group(1)


def typography(text: str) -> str:
    """The text with French typography: "Quoi ? « oui »" gets U+202F before "?" and inside the
    quotes, "l'équipe" gets "’". Times (14:30), URLs (https://…) and code (a::b) are left as they
    are. Applying it twice changes nothing."""
    # Each substitution runs only when its sign is in the text (most strings lack most signs);
    # none of them adds a sign another one looks for.
    if _SIGN.search(text):
        text = _SPACE_BEFORE.sub(NNBSP, text)
        text = _GLUED.sub(_glued_sign, text)
    if "«" in text:
        text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    return text


def percent_label(share: float) -> str:
    """0.4249 → « 42 % »: a whole percentage, a narrow no-break space before the sign."""
    return f"{round(share * 100)}{NNBSP}%"


def number_label(count: int) -> str:
    """12345 → « 12 345 »: thousands separated by a narrow no-break space."""
    return f"{count:,}".replace(",", NNBSP)
