"""The practice export streams: a StreamingHttpResponse whose JSON is, byte for byte, what the
export built in memory gave before, for a practice with many rows (more than one read chunk)."""

from __future__ import annotations

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from cyberdent.actionplan.models import ActionItem
from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Practice
from cyberdent.workspace.selectors import EXPORT_CHUNK, practice_export_data
from tests.assessments.helpers import bulk_diagnostics
from tests.conftest import Personas
from tests.workspace.test_data import export_url, fill_practice

EXPORTED_AT = re.compile(r'"exported_at": "[^"]+"')


def test_the_export_streams_the_same_json(client: Client, personas: Personas) -> None:
    fill_practice(personas)
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
    assert AuditEvent.objects.filter(practice=personas.practice_a, kind="export").count() == 1
