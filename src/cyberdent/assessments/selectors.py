"""Reads of saved diagnostics: each one recomputed with its own référentiel version, the
history of a practice, and the comparison of two diagnostics."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
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
# the list above them shows every one, a page at a time.
CHART_POINTS = 8
EVOLUTION_COLUMNS = 4
HISTORY_PAGE_SIZE = 20
# The comparison's two lists offer the latest diagnostics (and any older one asked for by id):
# a practice with thousands of diagnostics still gets a short page.
COMPARE_CHOICES = 30
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


@dataclass(frozen=True)
class LatestDiagnostic:
    """The practice's latest diagnostic, read once for the whole dashboard."""

    saved: SavedDiagnostic | None
    # None when there is none, or when it cannot be recomputed (see diagnostic_evaluate).
    evaluated: EvaluatedDiagnostic | None
    has_previous: bool  # a second one exists, so the two can be compared


def diagnostic_latest_summary(*, practice: Practice) -> LatestDiagnostic:
    """One query (the composite index on practice, -created_at, -id): the latest two."""
    latest_two = list(SavedDiagnostic.objects.filter(practice=practice)[:2])
    saved = latest_two[0] if latest_two else None
    return LatestDiagnostic(
        saved=saved,
        evaluated=diagnostic_evaluate(saved) if saved is not None else None,
        has_previous=len(latest_two) == 2,
    )


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


def _of_practice(practice: Practice) -> QuerySet[SavedDiagnostic]:
    return SavedDiagnostic.objects.filter(practice=practice).select_related("created_by")


def diagnostic_compare_choices(
    *, practice: Practice, asked: Sequence[int] = ()
) -> list[EvaluatedDiagnostic]:
    """What the comparison offers, newest first: the latest COMPARE_CHOICES diagnostics that can
    be shown, plus the ones asked for by id if they are the practice's (two queries, whatever
    the number of diagnostics)."""
    latest = list(_of_practice(practice)[:COMPARE_CHOICES])
    known = {s.pk for s in latest}
    wanted = [pk for pk in asked if pk not in known]
    older = list(_of_practice(practice).filter(pk__in=wanted)) if wanted else []
    saved = sorted([*latest, *older], key=lambda s: (s.created_at, s.pk), reverse=True)
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
    rows: tuple[HistoryRow, ...]  # the rows of this page, newest first
    page: Page  # Django's page: number, paginator.num_pages, has_next...
    chart_rows: tuple[HistoryRow, ...]  # the diagnostics drawn on the chart, oldest first
    chart: ScoreChart | None
    evolution: tuple[QuestionEvolution, ...]
    evolution_dates: tuple[dt.date, ...]  # oldest first, one per evolution column


def diagnostic_history(*, practice: Practice, page: object = None) -> History:
    """One page of the practice's diagnostics, with the chart and the evolution of the latest
    ones: three queries (a count, the page, the latest few) and only those rows evaluated,
    however many diagnostics the practice has.

    `page` is the page number as typed in the address: a missing or garbled one shows the first
    page, one past either end (0, negative, huge) the last, as the security journal does.
    """
    evaluated: dict[int, EvaluatedDiagnostic | None] = {}

    def row(saved: SavedDiagnostic) -> HistoryRow:
        if saved.pk not in evaluated:
            evaluated[saved.pk] = diagnostic_evaluate(saved)
        return HistoryRow(
            id=saved.pk,
            date=timezone.localdate(saved.created_at),
            author=diagnostic_author(saved),
            evaluated=evaluated[saved.pk],
        )

    shown = Paginator(_of_practice(practice), HISTORY_PAGE_SIZE).get_page(page)
    rows = tuple(row(s) for s in shown.object_list)
    # The chart and the evolution table only need the latest few: a LIMIT, not the whole list.
    latest = [row(s) for s in _of_practice(practice)[: max(CHART_POINTS, EVOLUTION_COLUMNS)]]
    oldest_first = [r for r in reversed(latest) if r.evaluated is not None]
    chart_rows = tuple(oldest_first[-CHART_POINTS:])
    series = score_series((r.date, r.evaluated.assessment) for r in chart_rows if r.evaluated)
    columns = [r.evaluated for r in oldest_first[-EVOLUTION_COLUMNS:] if r.evaluated is not None]
    ref = columns[-1].referential if columns else default_referential()
    return History(
        rows=rows,
        page=shown,
        chart_rows=chart_rows,
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
