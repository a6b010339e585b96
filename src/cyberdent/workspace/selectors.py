"""The practice's data export (data rights): everything the practice holds, read-only, as plain
JSON values. It reads every feature app's rows, hence its place in the workspace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from django.utils import timezone

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.audit.models import AuditEvent
from cyberdent.crisis.models import CrisisProtocol
from cyberdent.domain.departments import DEPARTMENT_NAMES
from cyberdent.domain.roles import ROLE_LABELS, Role
from cyberdent.incidents.selectors import incidents_export_data
from cyberdent.practices.models import Invitation, Practice
from cyberdent.practices.selectors import practice_members

EXPORT_FORMAT_VERSION = 1
# Rows read from the database at a time while the export streams (memory stays bounded).
EXPORT_CHUNK = 500
KIND_LABELS: dict[str, str] = dict(AuditEvent.Kind.choices)

T = TypeVar("T")


def _chunks(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _iso(value: dt.date | dt.datetime | dt.time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return value.isoformat()


def _email(user: Any) -> str | None:
    return user.email if user is not None else None


def _practice_fields(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.pk,
        "name": practice.name,
        "department": practice.department,
        "department_name": DEPARTMENT_NAMES.get(practice.department, ""),
        "team_size": practice.team_size,
        "require_mfa": practice.require_mfa,
        "update_weekday": practice.update_weekday,
        "update_weekday_label": practice.get_update_weekday_display(),
        "update_time": practice.update_time.strftime("%H:%M"),
        "created_at": _iso(practice.created_at),
    }


def _members(practice: Practice) -> list[dict[str, Any]]:
    return [
        {
            "email": m.user.email,
            "role": m.role,
            "role_label": ROLE_LABELS[Role(m.role)],
            "since": _iso(m.created_at),
        }
        for m in practice_members(practice=practice)
    ]


def _invitations(practice: Practice) -> list[dict[str, Any]]:
    # Never the token hash: the export may be sent or stored anywhere.
    invitations = Invitation.objects.filter(practice=practice).select_related(
        "created_by", "accepted_by"
    )
    return [
        {
            "email": inv.email,
            "role": inv.role,
            "created_at": _iso(inv.created_at),
            "created_by": _email(inv.created_by),
            "expires_at": _iso(inv.expires_at),
            "accepted_at": _iso(inv.accepted_at),
            "accepted_by": _email(inv.accepted_by),
        }
        for inv in invitations.order_by("created_at", "id")
    ]


def _action_item(item: ActionItem) -> dict[str, Any]:
    return {
        "action_id": item.action_id,
        "status": item.status,
        "assignee": _email(item.assignee),
        "due_date": _iso(item.due_date),
        "note": item.note,
        "updated_at": _iso(item.updated_at),
    }


def _diagnostics(practice: Practice) -> Iterator[dict[str, Any]]:
    """Oldest first, read EXPORT_CHUNK at a time, each chunk with its action items. Plain
    values, not model instances: the export only copies fields."""
    diagnostics = (
        SavedDiagnostic.objects.filter(practice=practice)
        .order_by("created_at", "id")
        .values_list(
            "pk",
            "created_at",
            "created_by__email",  # None without an author, as _email(None)
            "referential_id",
            "referential_version",
            "answers",
        )
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for chunk in _chunks(diagnostics, EXPORT_CHUNK):
        items_by_diagnostic: dict[int, list[dict[str, Any]]] = {}
        items = (
            ActionItem.objects.filter(diagnostic__in=[row[0] for row in chunk])
            .select_related("assignee")
            .order_by("diagnostic_id", "id")
        )
        for item in items:
            items_by_diagnostic.setdefault(item.diagnostic_id, []).append(_action_item(item))
        for pk, created_at, author, ref_id, ref_version, answers in chunk:
            yield {
                "id": pk,
                "created_at": _iso(created_at),
                "created_by": author,
                "referential_id": ref_id,
                "referential_version": ref_version,
                "answers": answers,
                "action_items": items_by_diagnostic.get(pk, []),
            }


def _audit_events(practice: Practice, *, before: int | None = None) -> Iterator[dict[str, Any]]:
    """Oldest first; with `before`, only the events recorded before that one (the export's own
    event is recorded before the export streams, and is not part of it)."""
    events = AuditEvent.objects.filter(practice=practice)
    if before is not None:
        events = events.filter(pk__lt=before)
    rows = (
        events.order_by("created_at", "id")
        .values_list("created_at", "kind", "actor_email", "detail", "ip_address")
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for created_at, kind, actor_email, detail, ip_address in rows:
        yield {
            "created_at": _iso(created_at),
            "kind": kind,
            "kind_label": KIND_LABELS.get(kind, kind),  # as get_kind_display
            "actor_email": actor_email,
            "detail": detail,
            "ip_address": ip_address,
        }


def practice_export_lazy(*, practice: Practice, events_before: int | None = None) -> dict[str, Any]:
    """All of a practice's data as JSON-ready values (no secret: no token or its hash), in the
    export's order. The diagnostics and the audit events, the two tables that grow, are
    iterators that read the database as they are consumed (see workspace.jsonstream): nothing
    is read before the export streams them."""
    return {
        "format": "cyberdent-practice-export",
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "practice": _practice_fields(practice),
        "members": _members(practice),
        "invitations": _invitations(practice),
        "diagnostics": _diagnostics(practice),
        "crisis_protocol": _crisis_protocol(practice),
        "incidents": incidents_export_data(practice=practice),
        "audit_events": _audit_events(practice, before=events_before),
    }


def practice_export_data(*, practice: Practice) -> dict[str, Any]:
    """The same data, every list read into memory (for tests and small uses)."""
    data = practice_export_lazy(practice=practice)
    return {k: list(v) if isinstance(v, Iterator) else v for k, v in data.items()}


def _crisis_protocol(practice: Practice) -> dict[str, Any] | None:
    protocol = CrisisProtocol.objects.filter(practice=practice).first()
    if protocol is None:
        return None
    return {
        "contacts": protocol.contacts,
        "updated_at": _iso(protocol.updated_at),
        "team_informed_at": _iso(protocol.team_informed_at) if protocol.team_informed_at else None,
    }
