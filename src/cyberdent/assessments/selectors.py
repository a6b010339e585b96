"""Reads of saved diagnostics: each one recomputed with its own référentiel version, the
history of a practice, and the comparison of two diagnostics."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cyberdent.assessments.chart import ScoreChart, score_chart
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.answers import Answers, parse_answers
from cyberdent.domain.assessment import Assessment, assess
from cyberdent.domain.errors import AnswersError, ReferentialError
from cyberdent.domain.history import (
    QuestionEvolution,
    compare,
    question_evolution,
    score_series,
)
from cyberdent.domain.loader import default_referential, load_referential_version
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import DiagnosticReport, build_report
from cyberdent.practices.models import Practice
from cyberdent.web.people import person

logger = logging.getLogger(__name__)

# The chart and the evolution table stay readable on a phone with this many diagnostics;
# the list above them shows every one.
CHART_POINTS = 8
EVOLUTION_COLUMNS = 4
DELETED_AUTHOR = "un compte supprimé"


@dataclass(frozen=True)
class EvaluatedDiagnostic:
    """A saved diagnostic and its result, computed with the référentiel it was made with."""

    saved: SavedDiagnostic
    referential: Referential
    answers: Answers
    assessment: Assessment

    @property
    def id(self) -> int:
        return self.saved.pk

    @property
    def date(self) -> dt.date:
        return timezone.localdate(self.saved.created_at)

    @property
    def author(self) -> str:
        return diagnostic_author(self.saved)

    def report(self, practice_name: str) -> DiagnosticReport:
        return build_report(
            self.referential, self.assessment, practice_name=practice_name, date=self.date
        )


def diagnostic_author(saved: SavedDiagnostic) -> str:
    user = saved.created_by
    return person(user) if user is not None else DELETED_AUTHOR


def diagnostic_latest(*, practice: Practice) -> SavedDiagnostic | None:
    return SavedDiagnostic.objects.filter(practice=practice).first()


def diagnostic_previous(*, saved: SavedDiagnostic) -> SavedDiagnostic | None:
    """The diagnostic of the same practice made just before this one."""
    return (
        SavedDiagnostic.objects.filter(practice_id=saved.practice_id)
        .filter(
            Q(created_at__lt=saved.created_at) | Q(created_at=saved.created_at, pk__lt=saved.pk)
        )
        .first()
    )


def diagnostic_evaluate(saved: SavedDiagnostic) -> EvaluatedDiagnostic | None:
    """None when the stored référentiel version is no longer shipped or the stored answers
    no longer fit it: the page then says so instead of failing."""
    try:
        ref = load_referential_version(saved.referential_id, saved.referential_version)
        if not isinstance(saved.answers, dict):
            raise AnswersError(["answers are not a mapping"])
        answers = parse_answers(ref, saved.answers)
    except (ReferentialError, AnswersError) as exc:
        logger.error("saved diagnostic %s cannot be shown: %s", saved.pk, exc)
        return None
    return EvaluatedDiagnostic(saved, ref, answers, assess(ref, answers))


def diagnostic_evaluated_list(*, practice: Practice) -> list[EvaluatedDiagnostic]:
    """The practice's diagnostics that can be shown, newest first."""
    saved = SavedDiagnostic.objects.filter(practice=practice).select_related("created_by")
    return [e for e in map(diagnostic_evaluate, saved) if e is not None]


def diagnostic_prefill(*, practice: Practice, ref: Referential, yes: Sequence[str]) -> dict:
    """Initial answers of a new diagnostic: the latest saved ones that still fit `ref`, then
    the questions named in `yes` set to "yes" (an action just marked done)."""
    latest = diagnostic_latest(practice=practice)
    initial: dict[str, str] = {}
    if latest is not None and isinstance(latest.answers, dict):
        initial = {k: v for k, v in latest.answers.items() if isinstance(v, str)}
    known = {q.id for q in ref.questions} | {c.id for c in ref.complementary}
    initial.update({qid: "yes" for qid in yes if qid in known})
    return {k: v for k, v in initial.items() if k in known}


@dataclass(frozen=True)
class HistoryRow:
    id: int
    date: dt.date
    author: str
    # None when the diagnostic cannot be recomputed (see diagnostic_evaluate).
    evaluated: EvaluatedDiagnostic | None


@dataclass(frozen=True)
class History:
    rows: tuple[HistoryRow, ...]  # newest first
    chart: ScoreChart | None
    evolution: tuple[QuestionEvolution, ...]
    evolution_dates: tuple[dt.date, ...]  # oldest first, one per evolution column

    @property
    def chart_rows(self) -> tuple[HistoryRow, ...]:
        """The diagnostics drawn on the chart, oldest first (for its table twin)."""
        shown = [row for row in self.rows if row.evaluated is not None][:CHART_POINTS]
        return tuple(reversed(shown))


def diagnostic_history(*, practice: Practice) -> History:
    saved = list(SavedDiagnostic.objects.filter(practice=practice).select_related("created_by"))
    rows = tuple(
        HistoryRow(
            id=s.pk,
            date=timezone.localdate(s.created_at),
            author=diagnostic_author(s),
            evaluated=diagnostic_evaluate(s),
        )
        for s in saved
    )
    oldest_first = [row.evaluated for row in reversed(rows) if row.evaluated is not None]
    series = score_series((e.date, e.assessment) for e in oldest_first[-CHART_POINTS:])
    columns = oldest_first[-EVOLUTION_COLUMNS:]
    ref = columns[-1].referential if columns else default_referential()
    return History(
        rows=rows,
        chart=score_chart(series) if series else None,
        evolution=question_evolution(ref, [e.answers for e in columns]) if columns else (),
        evolution_dates=tuple(e.date for e in columns),
    )


@dataclass(frozen=True)
class DiagnosticComparison:
    before: EvaluatedDiagnostic
    after: EvaluatedDiagnostic
    improved: tuple[str, ...]  # question texts, in brochure order
    regressed: tuple[str, ...]
    still_missing: tuple[str, ...]

    @property
    def score_change(self) -> int:
        return self.after.assessment.score - self.before.assessment.score


def diagnostic_compare(
    *, before: EvaluatedDiagnostic, after: EvaluatedDiagnostic
) -> DiagnosticComparison:
    """Compared over the questions of the later diagnostic's référentiel, named in its words."""
    ref = after.referential
    texts = {q.id: q.text for q in ref.questions}
    result = compare(ref, before.answers, after.answers)
    return DiagnosticComparison(
        before=before,
        after=after,
        improved=tuple(texts[q] for q in result.improved),
        regressed=tuple(texts[q] for q in result.regressed),
        still_missing=tuple(texts[q] for q in result.still_missing),
    )


def diagnostics_of_result(*, result_id: str, practice_ids: list[int]) -> list[SavedDiagnostic]:
    """Where an anonymous result was already saved, among these practices."""
    return list(
        SavedDiagnostic.objects.filter(result_id=result_id, practice_id__in=practice_ids)
        .select_related("practice")
        .order_by("practice__name")
    )
