"""Writes that concern every feature of a practice at once (keyword-only, typed): recording an
export, deleting the practice with all its data (the incidents' protected journals included)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record
from cyberdent.domain.loader import default_referential
from cyberdent.incidents.evidence import evidence_purge_allowed
from cyberdent.observatory.services import practice_withdraw
from cyberdent.practices.models import Practice


def practice_export_record(*, practice: Practice, request: HttpRequest) -> AuditEvent:
    return audit_record(
        kind=AuditEvent.Kind.EXPORT,
        request=request,
        practice=practice,
        detail="Export de toutes les données du cabinet (JSON).",
    )


@transaction.atomic
def practice_delete(*, practice: Practice, request: HttpRequest) -> None:
    """Delete the practice and everything that belongs to it (diagnostics, plan, invitations,
    its audit events). The deletion itself is recorded without a practice, since the practice's
    rows cascade, with the name in the detail."""
    name = practice.name
    practice_id = practice.pk
    # Its anonymous contributions go too: once the practice is gone, nothing could find them.
    practice_withdraw(ref=default_referential(), practice=practice)
    with evidence_purge_allowed():  # the incidents' journals go too (database triggers)
        practice.delete()
    audit_record(
        kind=AuditEvent.Kind.PRACTICE_DELETED,
        request=request,
        practice=None,
        detail=f"Cabinet « {name} » (n° {practice_id}) supprimé avec toutes ses données.",
    )
