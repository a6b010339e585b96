"""The team register of the phishing training: who trained, when, and who has not in the last
12 months; and the sentence the diagnostic shows as evidence for « l’équipe est formée »."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cyberdent.domain.french import plural

# A session older than this no longer counts: the training is a yearly refresher.
RECENT_DAYS = 365


@dataclass(frozen=True)
class Session:
    member_id: int
    finished_on: dt.date
    score: int
    total: int
    passed: bool


@dataclass(frozen=True)
class RegisterRow:
    member_id: int
    name: str
    last: Session | None
    recent_sessions: int

    @property
    def trained_recently(self) -> bool:
        return self.recent_sessions > 0


@dataclass(frozen=True)
class Register:
    rows: tuple[RegisterRow, ...]
    since: dt.date

    @property
    def trained(self) -> int:
        return sum(row.trained_recently for row in self.rows)

    @property
    def evidence(self) -> str:
        """« 3 membres sur 4 entraînés ces 12 derniers mois »."""
        total = len(self.rows)
        word = plural(self.trained, "membre")
        trained = plural(self.trained, "entraîné")
        return f"{self.trained} {word} sur {total} {trained} ces 12 derniers mois"


def register(
    members: Sequence[tuple[int, str]], sessions: Sequence[Session], *, today: dt.date
) -> Register:
    """One row per member (in the given order): their last session and how many in the last
    12 months. Sessions of people no longer members are ignored."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    rows = []
    for member_id, name in members:
        own = sorted((s for s in sessions if s.member_id == member_id), key=lambda s: s.finished_on)
        recent = sum(s.finished_on > since for s in own)
        rows.append(RegisterRow(member_id, name, own[-1] if own else None, recent))
    return Register(tuple(rows), since)
