"""Writes: carrying the tracking over to a new diagnostic, filling missing items."""

from __future__ import annotations

import datetime as dt

from cyberdent.actionplan.models import ActionItem
from cyberdent.actionplan.services import action_items_ensure
from tests.actionplan.conftest import SaveDiagnostic, item
from tests.conftest import Personas


def test_status_and_note_carry_over_to_the_next_diagnostic(
    personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    first = save_diagnostic(personas.practice_a, backups="no", mfa="no")
    backups = item(first, "act_backups")
    backups.status, backups.note, backups.assignee = (
        "in_progress",
        "NAS commandé",
        personas.member_a,
    )
    backups.due_date = dt.date(2030, 1, 2)
    backups.save()
    ActionItem.objects.filter(diagnostic=first, action_id="act_mfa").update(status="done")
    second = save_diagnostic(personas.practice_a, backups="no", wifi_separation="no")
    kept = item(second, "act_backups")
    assert (kept.status, kept.note, kept.assignee, kept.due_date) == (
        "in_progress",
        "NAS commandé",
        personas.member_a,
        dt.date(2030, 1, 2),
    )
    assert item(second, "act_wifi_separation").status == "todo"
    assert not ActionItem.objects.filter(diagnostic=second, action_id="act_mfa").exists()


def test_ensure_fills_the_gaps_with_carried_over_state_and_is_idempotent(
    personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    first = save_diagnostic(personas.practice_a, backups="no")
    ActionItem.objects.filter(diagnostic=first, action_id="act_backups").update(note="gardée")
    second = save_diagnostic(personas.practice_a, backups="no")
    ActionItem.objects.filter(diagnostic=second).delete()
    action_items_ensure(diagnostic=second)
    action_items_ensure(diagnostic=second)
    assert second.action_items.count() == 3
    assert item(second, "act_backups").note == "gardée"
