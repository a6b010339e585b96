"""« Where does my practice stand »: for each measure, how common it is among comparable
practices, in one sentence. Computed on the fly from published figures; nothing is stored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cyberdent.domain.answers import Answer, is_met
from cyberdent.domain.french import percent_label
from cyberdent.domain.observatory.cohort import DEPARTEMENT_NAMES, OTHER_DEPARTEMENT
from cyberdent.domain.observatory.tables import Standing
from cyberdent.domain.referential_models import Referential


@dataclass(frozen=True)
class ComparisonLine:
    question_id: str
    topic: str
    yours: str | None  # « en place », « à vérifier », « à faire »; None: no answer known here
    sentence: str | None  # None: not enough published answers, even in the region


def _yours(answer: Answer | None) -> str:
    if is_met(answer):
        return "en place"
    return "à vérifier" if answer is Answer.UNKNOWN else "à faire"


def standing_sentence(standing: Standing) -> str:
    who = "de votre département" if standing.scope == "departement" else "d’Occitanie"
    return f"{percent_label(standing.share)} des cabinets {who} l’ont mise en place"


def comparison_lines(
    ref: Referential,
    standings: Mapping[str, Standing],
    answers: Mapping[str, Answer] | None = None,
) -> list[ComparisonLine]:
    """One line per scored question, in the brochure's order."""
    return [
        ComparisonLine(
            question_id=question.id,
            topic=question.topic[:1].upper() + question.topic[1:],
            yours=None if answers is None else _yours(answers.get(question.id)),
            sentence=standing_sentence(standings[question.id])
            if question.id in standings
            else None,
        )
        for question in ref.questions
    ]


def scope_label(departement: str) -> str:
    """Whom the comparison is with, for the heading: « les cabinets de l’Hérault (34) »."""
    if departement == OTHER_DEPARTEMENT or departement not in DEPARTEMENT_NAMES:
        return "les cabinets d’Occitanie"
    return (
        f"les cabinets de votre département ({DEPARTEMENT_NAMES[departement]}), sinon d’Occitanie"
    )
