"""Answers to the diagnostic: the allowed values and their validation against a référentiel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.errors import AnswersError
from cyberdent.domain.referential_models import Question, Referential


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


ANSWER_LABELS: dict[Answer, str] = {
    Answer.YES: "Oui",
    Answer.NO: "Non",
    Answer.UNKNOWN: "Je ne sais pas",
    Answer.NOT_APPLICABLE: "Non concerné",
}
NOT_ANSWERED_LABEL = "Non renseigné"

BASE_ANSWERS = (Answer.YES, Answer.NO, Answer.UNKNOWN)


def allowed_answers(question: Question) -> tuple[Answer, ...]:
    """Yes / no / unknown, plus "not applicable" only where the référentiel allows it."""
    if question.allows_not_applicable:
        return (*BASE_ANSWERS, Answer.NOT_APPLICABLE)
    return BASE_ANSWERS


def is_met(answer: Answer | None) -> bool:
    """A question is met by "yes", or "not applicable" where allowed; "unknown" is never met."""
    return answer in (Answer.YES, Answer.NOT_APPLICABLE)


@dataclass(frozen=True)
class Answers:
    """Validated answers: every scored question answered; complementary ones may be absent."""

    scored: Mapping[str, Answer]
    complementary: Mapping[str, Answer]

    def as_dict(self) -> dict[str, str]:
        return {
            **{k: v.value for k, v in self.scored.items()},
            **{k: v.value for k, v in self.complementary.items()},
        }


def parse_answers(ref: Referential, raw: Mapping[str, object]) -> Answers:
    """Check raw answers (question id → value) against the référentiel.

    Raises AnswersError listing every problem: unknown id, value not allowed for that
    question, missing answer to a scored question.
    """
    questions = {q.id: q for q in ref.questions}
    complementary_ids = {c.id for c in ref.complementary}
    problems: list[str] = []
    scored: dict[str, Answer] = {}
    complementary: dict[str, Answer] = {}
    for key, value in raw.items():
        if key in questions:
            allowed = allowed_answers(questions[key])
            target = scored
        elif key in complementary_ids:
            allowed = BASE_ANSWERS
            target = complementary
        else:
            problems.append(f"unknown question id '{key}'")
            continue
        if isinstance(value, bool):
            # YAML 1.1 reads an unquoted yes/no (and on/off, true/false) as a boolean.
            value = Answer.YES.value if value else Answer.NO.value
        if not isinstance(value, str) or value not in {a.value for a in allowed}:
            choices = ", ".join(a.value for a in allowed)
            problems.append(f"'{key}': value {value!r} is not allowed (expected one of: {choices})")
            continue
        target[key] = Answer(value)
    for question in ref.questions:
        if question.id not in scored and question.id not in raw:
            problems.append(f"'{question.id}': missing answer")
    if problems:
        raise AnswersError(problems)
    ordered = {q.id: scored[q.id] for q in ref.questions}
    ordered_comp = {c.id: complementary[c.id] for c in ref.complementary if c.id in complementary}
    return Answers(scored=ordered, complementary=ordered_comp)
