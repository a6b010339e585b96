"""Who a contribution describes, coarsely: the département, the size band and the month.

Occitanie's 13 départements by INSEE code, plus "autre" for a practice elsewhere; four size
bands of the practice's team; the month as `YYYY-MM`. Nothing finer is ever kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberdent.domain.french import typography

OTHER_DEPARTEMENT = "autre"
# (INSEE code, name), in code order.
OCCITANIE: tuple[tuple[str, str], ...] = (
    ("09", "Ariège"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("34", "Hérault"),
    ("46", "Lot"),
    ("48", "Lozère"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
)
DEPARTEMENTS: tuple[tuple[str, str], ...] = (
    *OCCITANIE,
    (OTHER_DEPARTEMENT, "Autre département"),
)
DEPARTEMENT_CODES: tuple[str, ...] = tuple(code for code, _ in DEPARTEMENTS)
DEPARTEMENT_NAMES: dict[str, str] = dict(DEPARTEMENTS)

SIZE_BANDS: tuple[tuple[str, str], ...] = (
    ("1", "1 personne"),
    ("2-5", "2 à 5 personnes"),
    ("6-10", "6 à 10 personnes"),
    ("11+", "11 personnes ou plus"),
)
SIZE_BAND_CODES: tuple[str, ...] = tuple(code for code, _ in SIZE_BANDS)
SIZE_BAND_NAMES: dict[str, str] = dict(SIZE_BANDS)

_PERIOD = re.compile(r"^([0-9]{4})-([0-9]{2})$")  # ASCII digits only: « ２０２６ » is no month
MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def departement_of(code: str) -> str:
    """The observatory's département for a practice's INSEE code: itself in Occitanie, else
    "autre"."""
    return code if code in DEPARTEMENT_NAMES and code != OTHER_DEPARTEMENT else OTHER_DEPARTEMENT


def size_band_of(team_size: int) -> str:
    if team_size <= 1:
        return "1"
    if team_size <= 5:
        return "2-5"
    if team_size <= 10:
        return "6-10"
    return "11+"


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month. Ordered; `index` counts months from year 0 for arithmetic."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """`YYYY-MM` → Period; ValueError with a French message otherwise."""
        found = _PERIOD.match(text.strip())
        if not text.strip():
            raise ValueError("Indiquez un mois au format AAAA-MM (par exemple 2026-03)")
        if not found:
            raise ValueError(
                typography(f"« {text} » n’est pas un mois au format AAAA-MM (par exemple 2026-03)")
            )
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12:
            raise ValueError(typography(f"« {text} » : le mois doit être entre 01 et 12"))
        if year < 2000:
            raise ValueError(typography(f"« {text} » : l’année doit être 2000 ou après"))
        return cls(year, month)

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def shifted(self, months: int) -> Period:
        return Period.from_index(self.index + months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """« mars 2026 »."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"


def months_between(start: Period, end: Period) -> list[Period]:
    """Every month from start to end, both included (empty if end is before start)."""
    return [Period.from_index(i) for i in range(start.index, end.index + 1)]
