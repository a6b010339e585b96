"""Writes to saved diagnostics (Django-Styleguide services: keyword-only, typed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cyberdent.actionplan.services import action_items_sync
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.answers import Answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.referential_models import Referential
from cyberdent.practices.models import Practice


class AlreadySaved(Exception):
    """This result link was already saved in this practice."""

    def __init__(self, saved: SavedDiagnostic) -> None:
        super().__init__(f"already saved as {saved.pk}")
        self.saved = saved


def diagnostic_save(
    *,
    practice: Practice,
    user: Any,
    answers: Answers,
    referential: Referential,
    answered_at: dt.datetime | None = None,
    result_id: str = "",
) -> SavedDiagnostic:
    """Keep a diagnostic in the practice, with the référentiel id and version it was made
    with, dated by when its answers were given, and start its tracked plan from the diagnostic
    before it (what is still needed keeps its status, assignee, due date and note).

    An older diagnostic takes its place in the history: it does not become the latest, and the
    current plan's tracking is untouched. A result (`result_id`) is saved once per practice:
    AlreadySaved otherwise, even when two saves race (the database's unique constraint).
    """
    if result_id:
        existing = SavedDiagnostic.objects.filter(practice=practice, result_id=result_id).first()
        if existing is not None:
            raise AlreadySaved(existing)
    try:
        return _diagnostic_create(
            practice=practice,
            user=user,
            answers=answers,
            referential=referential,
            answered_at=answered_at or timezone.now(),
            result_id=result_id,
        )
    except IntegrityError:
        raise AlreadySaved(
            SavedDiagnostic.objects.get(practice=practice, result_id=result_id)
        ) from None


@transaction.atomic
def _diagnostic_create(
    *,
    practice: Practice,
    user: Any,
    answers: Answers,
    referential: Referential,
    answered_at: dt.datetime,
    result_id: str,
) -> SavedDiagnostic:
    previous = SavedDiagnostic.objects.filter(
        practice=practice, created_at__lte=answered_at
    ).first()
    assessment = assess(referential, answers)
    diagnostic = SavedDiagnostic.objects.create(
        practice=practice,
        created_by=user,
        created_at=answered_at,
        referential_id=referential.id,
        referential_version=referential.version,
        answers=answers.as_dict(),
        result_id=result_id,
    )
    action_items_sync(
        diagnostic=diagnostic,
        action_ids=[action.id for action in assessment.actions],
        previous=previous,
    )
    return diagnostic
