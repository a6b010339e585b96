"""Writes to saved diagnostics (Django-Styleguide services: keyword-only, typed)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cyberdent.actionplan.services import action_items_sync
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.answers import Answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.referential_models import Referential
from cyberdent.practices.models import Practice


@transaction.atomic
def diagnostic_save(
    *, practice: Practice, user: Any, answers: Answers, referential: Referential
) -> SavedDiagnostic:
    """Keep a diagnostic in the practice, with the référentiel id and version it was made
    with, and start its tracked plan from the previous diagnostic's (what is still needed
    keeps its status, assignee, due date and note)."""
    previous = SavedDiagnostic.objects.filter(practice=practice).first()
    assessment = assess(referential, answers)
    diagnostic = SavedDiagnostic.objects.create(
        practice=practice,
        created_by=user,
        referential_id=referential.id,
        referential_version=referential.version,
        answers=answers.as_dict(),
    )
    action_items_sync(
        diagnostic=diagnostic,
        action_ids=[action.id for action in assessment.actions],
        previous=previous,
    )
    return diagnostic
