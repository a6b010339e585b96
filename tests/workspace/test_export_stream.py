"""The practice export streams: a StreamingHttpResponse whose JSON is, byte for byte, what the
export built in memory gave before, for a practice with many rows (more than one read chunk)."""

from __future__ import annotations

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Practice
from cyberdent.workspace.selectors import EXPORT_CHUNK, _action_item, _iso, practice_export_data
from tests.assessments.helpers import bulk_diagnostics
from tests.conftest import Personas
from tests.workspace.test_data import export_url, fill_practice

EXPORTED_AT = re.compile(r'"exported_at": "[^"]+"')


def from_models(practice: Practice) -> list[dict[str, object]]:
    return [
        {
            "id": d.pk,
            "created_at": _iso(d.created_at),
            "created_by": d.created_by.email if d.created_by else None,
            "referential_id": d.referential_id,
            "referential_version": d.referential_version,
            "answers": d.answers,
            "action_items": [_action_item(item) for item in d.action_items.order_by("id")],
        }
        for d in SavedDiagnostic.objects.filter(practice=practice).order_by("created_at", "id")
    ]


def test_the_export_streams_the_same_json(client: Client, personas: Personas) -> None:
    fill_practice(personas)
    SavedDiagnostic.objects.filter(practice=personas.practice_a).update(created_by=None)
    many = bulk_diagnostics(personas.practice_a, personas.owner_a, EXPORT_CHUNK + 150)
    ActionItem.objects.bulk_create(
        ActionItem(diagnostic=d, action_id=f"action_{n % 3}", note=f"note {n}")
        for n, d in enumerate(many[::7])
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(kind="login", practice=personas.practice_a, actor_email=f"n{n}@lilas.test")
        for n in range(EXPORT_CHUNK + 30)
    )
    client.force_login(personas.owner_a)
    # What the export gave when it was built in memory: the data, then the export recorded.
    before = json.dumps(
        practice_export_data(practice=Practice.objects.get(pk=personas.practice_a.pk)),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = client.post(export_url(personas))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cyberdent-cabinet')
    assert response["Cache-Control"] == "no-store"
    streamed = b"".join(response.streaming_content).decode()
    data = json.loads(streamed)
    assert len(data["diagnostics"]) == 1 + EXPORT_CHUNK + 150
    assert sum(len(d["action_items"]) for d in data["diagnostics"]) == 1 + len(many[::7])
    assert "export" not in [e["kind"] for e in data["audit_events"]]  # its own event: after
    assert EXPORTED_AT.sub("", streamed) == EXPORTED_AT.sub("", before)
    # The rows as the export read them from model instances before it streamed.
    assert data["diagnostics"] == json.loads(json.dumps(from_models(personas.practice_a)))
    assert data["audit_events"] == [
        {
            "created_at": _iso(e.created_at),
            "kind": e.kind,
            "kind_label": e.get_kind_display(),
            "actor_email": e.actor_email,
            "detail": e.detail,
            "ip_address": e.ip_address,
        }
        for e in AuditEvent.objects.filter(practice=personas.practice_a)
        .exclude(kind="export")
        .order_by("created_at", "id")
    ]
    assert AuditEvent.objects.filter(practice=personas.practice_a, kind="export").count() == 1
