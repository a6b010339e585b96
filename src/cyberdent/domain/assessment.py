"""The brochure's rule made exact: score, critical gaps, risk level, and why, in plain French."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.answers import Answer, Answers, is_met
from cyberdent.domain.french import join_and
from cyberdent.domain.plan import PlanAction, build_plan
from cyberdent.domain.referential_models import Level, Referential
from cyberdent.domain.verdict import verdict


class RiskLevel(StrEnum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


def compute_score(ref: Referential, answers: Answers) -> int:
    """Number of the scored questions that are met."""
    return sum(1 for q in ref.questions if is_met(answers.scored.get(q.id)))


def critical_missing(ref: Referential, answers: Answers) -> tuple[str, ...]:
    """Ids of critical questions not met, in brochure order."""
    return tuple(
        q.id
        for q in ref.questions
        if q.id in ref.rule.critical and not is_met(answers.scored[q.id])
    )


def unknown_ids(ref: Referential, answers: Answers) -> tuple[str, ...]:
    """Ids of scored questions answered "Je ne sais pas", in brochure order."""
    return tuple(q.id for q in ref.questions if answers.scored[q.id] is Answer.UNKNOWN)


def risk_level(ref: Referential, score: int, missing_critical: tuple[str, ...]) -> RiskLevel:
    """High at or below the threshold or with any critical gap; else by the levels' min scores."""
    if missing_critical or score <= ref.rule.high_if_score_at_most:
        return RiskLevel.HIGH
    low = next(lvl for lvl in ref.rule.levels if lvl.id == "low")
    return RiskLevel.LOW if score >= low.min_score else RiskLevel.MODERATE


def explain(
    ref: Referential,
    score: int,
    level: RiskLevel,
    missing_critical: tuple[str, ...],
    unknown: tuple[str, ...],
) -> tuple[str, ...]:
    """The reasons for the level, in words a dentist understands."""
    topics = {q.id: q.topic for q in ref.questions}
    total = len(ref.questions)
    threshold = ref.rule.high_if_score_at_most
    low_min = next(lvl.min_score for lvl in ref.rule.levels if lvl.id == "low")
    reasons: list[str] = []
    if missing_critical:
        names = join_and([topics[q] for q in missing_critical])
        subject = (
            "Des mesures critiques ne sont pas assurées"
            if len(missing_critical) > 1
            else "Une mesure critique n’est pas assurée"
        )
        # « assurée », not « en place »: a « Je ne sais pas » counts as missing, but may be there.
        reasons.append(
            f"{subject} : {names}. L’absence d’une seule mesure critique "
            "classe le cabinet en risque élevé, quel que soit le score."
        )
    if score <= threshold:
        reasons.append(
            f"Votre score est de {score}/{total} : un score inférieur ou égal à {threshold} "
            "indique un niveau de risque élevé."
        )
    elif level is RiskLevel.MODERATE:
        reasons.append(
            f"Les mesures critiques sont en place et votre score est de {score}/{total} : "
            f"un risque faible demande au moins {low_min} mesures sur {total}."
        )
    elif level is RiskLevel.LOW:
        reasons.append(
            f"Les mesures critiques sont en place et votre score est de {score}/{total}. "
            "Le risque zéro n’existe pas : entretenez ces bonnes pratiques."
        )
    if unknown:
        names = join_and([topics[q] for q in unknown])
        reasons.append(
            f"Vous avez répondu « Je ne sais pas » pour : {names}. Une mesure dont on n’est pas "
            "sûr compte comme absente : renseignez-vous, au besoin auprès de votre prestataire."
        )
    return tuple(reasons)


@dataclass(frozen=True)
class Assessment:
    """The full result of one diagnostic, computed from the answers and the référentiel."""

    referential_id: str
    referential_version: str
    answers: Answers
    score: int
    max_score: int
    level: RiskLevel
    level_info: Level
    critical_missing: tuple[str, ...]
    unknown: tuple[str, ...]
    # One sentence under the level: its cause, the measures named, what it takes to go further.
    verdict: str
    reasons: tuple[str, ...]
    actions: tuple[PlanAction, ...]


def assess(ref: Referential, answers: Answers) -> Assessment:
    """Score the answers, decide the level, explain it and build the action plan."""
    score = compute_score(ref, answers)
    missing = critical_missing(ref, answers)
    unknown = unknown_ids(ref, answers)
    level = risk_level(ref, score, missing)
    return Assessment(
        referential_id=ref.id,
        referential_version=ref.version,
        answers=answers,
        score=score,
        max_score=len(ref.questions),
        level=level,
        level_info=next(lvl for lvl in ref.rule.levels if lvl.id == level.value),
        critical_missing=missing,
        unknown=unknown,
        verdict=verdict(ref, score, level.value, missing),
        reasons=explain(ref, score, level, missing, unknown),
        actions=build_plan(ref, answers, maintain=level is RiskLevel.LOW),
    )
