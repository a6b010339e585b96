"""The diagnostic report: one object that the HTML page (and later the PDF) render as is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cyberdent.domain.answers import ANSWER_LABELS, NOT_ANSWERED_LABEL, Answer, is_met
from cyberdent.domain.assessment import Assessment
from cyberdent.domain.french import count_of
from cyberdent.domain.plan import PlanAction, Priority
from cyberdent.domain.referential_models import Referential

STARTING_COUNT = 3

PRIORITY_HEADINGS: dict[Priority, str] = {
    Priority.CRITICAL: "À faire en priorité",
    Priority.NORMAL: "Ensuite",
    Priority.COMPLEMENTARY: "Mesures complémentaires",
    Priority.MAINTAIN: "Entretenir vos acquis",
}


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    number: int
    text: str
    answer: Answer | None
    answer_label: str
    met: bool
    critical: bool

    @property
    def status_label(self) -> str:
        """« Je ne sais pas » (or no answer) is something to check, not a measure missing."""
        if self.met:
            return "✓ En place"
        if self.answer is None or self.answer is Answer.UNKNOWN:
            return "? À vérifier"
        return "✗ À traiter"

    @property
    def status(self) -> str:
        """For styles: met, to_check or to_fix."""
        return {"✓ En place": "met", "? À vérifier": "to_check"}.get(self.status_label, "to_fix")


@dataclass(frozen=True)
class ActionGroup:
    priority: Priority
    heading: str
    actions: tuple[PlanAction, ...]
    # Actions are numbered across the whole plan; a group's list starts at this number.
    first_number: int


@dataclass(frozen=True)
class DiagnosticReport:
    assessment: Assessment
    answer_rows: tuple[AnswerRow, ...]
    complementary_rows: tuple[AnswerRow, ...]
    action_groups: tuple[ActionGroup, ...]
    practice_name: str | None
    date: dt.date | None

    @property
    def first_action(self) -> PlanAction | None:
        """ "Votre première action": the head of the plan (critical gaps come first)."""
        return self.assessment.actions[0] if self.assessment.actions else None

    @property
    def starting_actions(self) -> tuple[PlanAction, ...]:
        """ "3 mesures pour commencer": the head of the plan, at most three."""
        return self.assessment.actions[:STARTING_COUNT]

    @property
    def starting_heading(self) -> str:
        return f"{count_of(len(self.starting_actions), 'mesure')} pour commencer"

    @property
    def priority_actions(self) -> tuple[PlanAction, ...]:
        """What to do first: the critical gaps, or the first action when there are none."""
        critical = tuple(a for a in self.assessment.actions if a.priority is Priority.CRITICAL)
        return critical or self.assessment.actions[:1]


def _row(number: int, qid: str, text: str, answer: Answer | None, critical: bool) -> AnswerRow:
    return AnswerRow(
        question_id=qid,
        number=number,
        text=text,
        answer=answer,
        answer_label=ANSWER_LABELS[answer] if answer else NOT_ANSWERED_LABEL,
        met=is_met(answer),
        critical=critical,
    )


def build_report(
    ref: Referential,
    assessment: Assessment,
    *,
    practice_name: str | None = None,
    date: dt.date | None = None,
) -> DiagnosticReport:
    answers = assessment.answers
    rows = tuple(
        _row(i, q.id, q.text, answers.scored[q.id], q.critical)
        for i, q in enumerate(ref.questions, start=1)
    )
    comp_rows = tuple(
        _row(i, c.id, c.text, answers.complementary.get(c.id), False)
        for i, c in enumerate(ref.complementary, start=len(rows) + 1)
    )
    groups = []
    number = 1
    for priority in Priority:
        actions = tuple(a for a in assessment.actions if a.priority is priority)
        if actions:
            groups.append(ActionGroup(priority, PRIORITY_HEADINGS[priority], actions, number))
            number += len(actions)
    return DiagnosticReport(
        assessment=assessment,
        answer_rows=rows,
        complementary_rows=comp_rows,
        action_groups=tuple(groups),
        practice_name=practice_name,
        date=date,
    )
