"""The action plan: one action per gap, critical first, then by the référentiel's priority."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.answers import Answer, Answers, is_met
from cyberdent.domain.referential_models import Action, Referential, Who

WHO_LABELS: dict[Who, str] = {
    Who.YOU: "Vous",
    Who.IT_PROVIDER: "Votre prestataire",
    Who.BOTH: "Vous, avec votre prestataire",
}


class Priority(StrEnum):
    CRITICAL = "critical"
    NORMAL = "normal"
    COMPLEMENTARY = "complementary"
    MAINTAIN = "maintain"


@dataclass(frozen=True)
class PlanAction:
    """One action of the plan, ready to show: the référentiel action with its context."""

    id: str
    title: str
    why: str
    steps: tuple[str, ...]
    who: Who
    effort: str
    measure_id: str
    priority: Priority
    question_ids: tuple[str, ...]
    # True when the gap comes from a "Je ne sais pas": the first step is to find out.
    to_verify: bool

    @property
    def who_label(self) -> str:
        return WHO_LABELS[self.who]


def _plan_action(
    action: Action,
    priority: Priority,
    question_ids: tuple[str, ...],
    find_out: str | None = None,
) -> PlanAction:
    steps = tuple(action.steps)
    if find_out:
        steps = (find_out, *steps)
    return PlanAction(
        id=action.id,
        title=action.title,
        why=action.why,
        steps=steps,
        who=action.who,
        effort=action.effort,
        measure_id=action.measure,
        priority=priority,
        question_ids=question_ids,
        to_verify=find_out is not None,
    )


def build_plan(ref: Referential, answers: Answers, *, maintain: bool) -> tuple[PlanAction, ...]:
    """Critical gaps (brochure order), other gaps (by priority rank), complementary, upkeep."""
    critical: list[PlanAction] = []
    others: list[tuple[int, PlanAction]] = []
    for q in ref.questions:
        answer = answers.scored[q.id]
        if is_met(answer):
            continue
        find_out = q.find_out if answer is Answer.UNKNOWN else None
        if q.id in ref.rule.critical:
            critical.append(_plan_action(q.action, Priority.CRITICAL, (q.id,), find_out))
        else:
            others.append((q.priority, _plan_action(q.action, Priority.NORMAL, (q.id,), find_out)))
    complementary: list[PlanAction] = []
    for c in ref.complementary:
        comp_answer = answers.complementary.get(c.id)
        if comp_answer is Answer.YES:
            continue
        # Not answered is treated like "Je ne sais pas": the practice should check.
        find_out = c.find_out if comp_answer is not Answer.NO else None
        complementary.append(_plan_action(c.action, Priority.COMPLEMENTARY, (c.id,), find_out))
    upkeep = [_plan_action(a, Priority.MAINTAIN, ()) for a in ref.maintenance] if maintain else []
    ordered_others = [action for _, action in sorted(others, key=lambda pair: pair[0])]
    return (*critical, *ordered_others, *complementary, *upkeep)
