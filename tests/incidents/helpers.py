"""Helpers for the incident tests: a started anonymous incident, a stored one."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

from django.test import Client
from django.utils import timezone

from cyberdent.domain.incident import PARIS
from cyberdent.incidents.models import Incident

STATE = re.compile(r'name="state" value="([^"]+)"')


def state_of(response: Any) -> str:
    match = STATE.search(response.content.decode())
    assert match is not None, "no state token in the page"
    return unescape(match.group(1))


def start_data(moment: dt.datetime | None = None, **overrides: str) -> dict[str, str]:
    local = (moment or timezone.now()).astimezone(PARIS)
    data = {
        "kind": "ransomware",
        "discovered_date": local.strftime("%Y-%m-%d"),
        "discovered_time": local.strftime("%H:%M"),
        "patient_data": "unknown",
    }
    data.update(overrides)
    return data


def start_guide(client: Client, **overrides: str) -> str:
    response = client.post("/incident/guide/", start_data(**overrides))
    assert response.status_code == 200
    return state_of(response)


def make_incident(practice: Any, user: Any, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "kind": "ransomware",
        "discovered_at": timezone.now() - dt.timedelta(hours=1),
        "patient_data": "yes",
        "opened_by": user,
    }
    values.update(fields)
    return Incident.objects.create(practice=practice, **values)
