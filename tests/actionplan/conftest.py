"""Saved diagnostics with their tracked plan, made directly (as the diagnostics pages will)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from cyberdent.actionplan.models import ActionItem
from cyberdent.actionplan.selectors import diagnostic_plan_actions
from cyberdent.actionplan.services import action_items_sync
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.loader import default_referential
from tests.conftest import all_yes

SaveDiagnostic = Callable[..., SavedDiagnostic]


@pytest.fixture
def save_diagnostic(db: None) -> SaveDiagnostic:
    """Save a diagnostic for a practice (answers: all "yes" but the overrides) and sync its
    tracked items, carrying over from the practice's previous diagnostic."""

    def save(
        practice: Any,
        *,
        by: Any = None,
        created_at: dt.datetime | None = None,
        **overrides: str,
    ) -> SavedDiagnostic:
        ref = default_referential()
        previous = SavedDiagnostic.objects.filter(practice=practice).first()
        diagnostic = SavedDiagnostic.objects.create(
            practice=practice,
            created_by=by,
            referential_id=ref.id,
            referential_version=ref.version,
            answers=all_yes(**overrides),
        )
        if created_at is not None:
            SavedDiagnostic.objects.filter(pk=diagnostic.pk).update(created_at=created_at)
            diagnostic.refresh_from_db()
        action_ids = [a.id for a in diagnostic_plan_actions(diagnostic=diagnostic)]
        action_items_sync(diagnostic=diagnostic, action_ids=action_ids, previous=previous)
        return diagnostic

    return save


def item(diagnostic: SavedDiagnostic, action_id: str) -> ActionItem:
    return ActionItem.objects.get(diagnostic=diagnostic, action_id=action_id)
