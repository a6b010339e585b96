"""A practice's diagnostics over time: the score series, the evolution of each question, and the
comparison of two diagnostics. Pure functions; "met" is the rule's own `is_met`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.answers import ANSWER_LABELS, NOT_ANSWERED_LABEL, Answer, Answers, is_met
from cyberdent.domain.assessment import Assessment, RiskLevel
from cyberdent.domain.referential_models import Referential


class Change(StrEnum):
    IMPROVED = "improved"  # not met → met
    REGRESSED = "regressed"  # met → not met
    UNCHANGED = "unchanged"


CHANGE_LABELS: dict[Change, str] = {
    Change.IMPROVED: "En progrès",
    Change.REGRESSED: "En recul",
    Change.UNCHANGED: "Inchangé",
}


def change_of(before: Answer | None, after: Answer | None) -> Change:
    """How one question moved between two diagnostics; only met / not met counts, so
    "Non" → "Je ne sais pas" is unchanged (neither is met)."""
    was, now = is_met(before), is_met(after)
    if now and not was:
        return Change.IMPROVED
    if was and not now:
        return Change.REGRESSED
    return Change.UNCHANGED


@dataclass(frozen=True)
class ScorePoint:
    date: dt.date
    score: int
    max_score: int
    level: RiskLevel
    level_label: str


def score_series(history: Iterable[tuple[dt.date, Assessment]]) -> tuple[ScorePoint, ...]:
    """One point per diagnostic, in the order given (the caller passes them oldest first)."""
    return tuple(
        ScorePoint(
            date=date,
            score=a.score,
            max_score=a.max_score,
            level=a.level,
            level_label=a.level_info.label,
        )
        for date, a in history
    )


@dataclass(frozen=True)
class EvolutionCell:
    answer: Answer | None
    label: str
    met: bool


@dataclass(frozen=True)
class QuestionEvolution:
    question_id: str
    number: int
    text: str
    critical: bool
    # One cell per diagnostic, in the order given.
    cells: tuple[EvolutionCell, ...]
    # From the first diagnostic given to the last.
    change: Change

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


def _cell(answer: Answer | None) -> EvolutionCell:
    label = ANSWER_LABELS[answer] if answer is not None else NOT_ANSWERED_LABEL
    return EvolutionCell(answer=answer, label=label, met=is_met(answer))


def question_evolution(
    ref: Referential, history: Sequence[Answers]
) -> tuple[QuestionEvolution, ...]:
    """Each scored question of `ref` across the diagnostics given (oldest first). A diagnostic
    made with an older référentiel that lacked a question shows it as not answered."""
    rows = []
    for number, q in enumerate(ref.questions, start=1):
        answers = [answers.scored.get(q.id) for answers in history]
        change = change_of(answers[0], answers[-1]) if answers else Change.UNCHANGED
        rows.append(
            QuestionEvolution(
                question_id=q.id,
                number=number,
                text=q.text,
                critical=q.critical,
                cells=tuple(_cell(a) for a in answers),
                change=change,
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class Comparison:
    """Question ids of `ref`, in brochure order."""

    improved: tuple[str, ...]
    regressed: tuple[str, ...]
    unchanged: tuple[str, ...]
    # Not met before and still not met after (a subset of `unchanged`).
    still_missing: tuple[str, ...]


def compare(ref: Referential, before: Answers, after: Answers) -> Comparison:
    """What improved (not met → met), what regressed (met → not met) and what is still
    missing, over the scored questions of `ref` (the référentiel of the later diagnostic)."""
    changes = {
        q.id: change_of(before.scored.get(q.id), after.scored.get(q.id)) for q in ref.questions
    }

    def having(change: Change) -> tuple[str, ...]:
        return tuple(qid for qid, c in changes.items() if c is change)

    return Comparison(
        improved=having(Change.IMPROVED),
        regressed=having(Change.REGRESSED),
        unchanged=having(Change.UNCHANGED),
        still_missing=tuple(
            q.id
            for q in ref.questions
            if changes[q.id] is Change.UNCHANGED and not is_met(after.scored.get(q.id))
        ),
    )
