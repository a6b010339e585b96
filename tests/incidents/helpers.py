"""Helpers for the incident tests: a started anonymous incident, a stored one."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlparse

from django.test import Client
from django.utils import timezone

from cyberdent.domain.incident import PARIS
from cyberdent.incidents.models import Incident

GUIDE = "/incident/guide/suivi/"
VERSION = re.compile(r'name="v" value="([^"]*)"')


def version_of(page: str) -> str:
    """The version of the incident a page was drawn from (every form carries it)."""
    match = VERSION.search(page)
    assert match is not None, "no version in the page"
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


def start_guide(client: Client, moment: dt.datetime | None = None, **overrides: str) -> str:
    """Start an anonymous suivi; its id (kept in this client's session)."""
    response = client.post("/incident/guide/", start_data(moment, **overrides))
    assert response.status_code == 302, response.content.decode()[:500]
    location = urlparse(response["Location"])
    assert location.path == GUIDE
    query = parse_qs(location.query)
    assert query["etape"] == ["1"]  # the first step, one per screen
    return str(query["g"][0])


def guide_page(client: Client, guide_id: str) -> str:
    response = client.get(GUIDE, {"g": guide_id})
    assert response.status_code == 200
    return str(response.content.decode())


def act(
    client: Client,
    guide_id: str,
    op: str,
    *,
    version: str | None = None,
    follow: bool = False,
    **data: str,
) -> Any:
    """Press a button of the suivi's page: from the current page unless `version` says which
    (older) page the form came from. Returns the POST's response (a redirect when it worked)."""
    if version is None:
        version = version_of(guide_page(client, guide_id))
    return client.post(GUIDE, {"g": guide_id, "v": version, "op": op, **data}, follow=follow)


def make_incident(practice: Any, user: Any, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "kind": "ransomware",
        "discovered_at": timezone.now() - dt.timedelta(hours=1),
        "patient_data": "yes",
        "opened_by": user,
    }
    values.update(fields)
    return Incident.objects.create(practice=practice, **values)
