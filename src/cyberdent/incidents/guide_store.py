"""Where an anonymous incident lives between two requests: this browser's session.

Without an account nothing is tied to a practice or a person, but the incident must survive a
reload, the Back button and a second tab: it is kept server-side in the session (Django's
database sessions), under a random id that the page carries, so every action is a
POST-redirect-GET and each page stays light (no 300 KB token in every form). "Effacer ce suivi"
removes it at once; otherwise it goes with the session.

`record_version` is the optimistic-concurrency tag shared by both modes: a form carries the
version of the record it was drawn from, so an action made on an out-of-date page (Back, a
second tab) is detected.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from cyberdent.domain.incident import (
    IncidentError,
    IncidentRecord,
    record_from_dict,
    record_to_dict,
)
from cyberdent.domain.referential_models import Referential

SESSION_KEY = "cyberdent.incident_guides"
MAX_GUIDES = 3  # per browser session; the oldest goes first


class GuideNotFound(Exception):
    """Unknown id: another browser, an expired session, or a suivi already deleted."""


def record_version(record: IncidentRecord) -> str:
    canonical = json.dumps(record_to_dict(record), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _guides(session: Any) -> dict[str, dict[str, Any]]:
    guides = session.get(SESSION_KEY)
    return guides if isinstance(guides, dict) else {}


def guide_create(session: Any, record: IncidentRecord) -> str:
    guides = _guides(session)
    while len(guides) >= MAX_GUIDES:
        guides.pop(next(iter(guides)))
    guide_id = secrets.token_urlsafe(12)
    guides[guide_id] = record_to_dict(record)
    session[SESSION_KEY] = guides
    return guide_id


def guide_load(session: Any, ref: Referential, guide_id: str) -> IncidentRecord:
    raw = _guides(session).get(guide_id)
    if not isinstance(raw, dict):
        raise GuideNotFound(guide_id)
    try:
        return record_from_dict(raw, [s.id for s in ref.incident.steps])
    except IncidentError as exc:  # written by an older version of the app
        raise GuideNotFound(guide_id) from exc


def guide_save(session: Any, guide_id: str, record: IncidentRecord) -> None:
    guides = _guides(session)
    guides[guide_id] = record_to_dict(record)
    session[SESSION_KEY] = guides  # reassigned so that the session is saved


def guide_forget(session: Any, guide_id: str) -> None:
    guides = _guides(session)
    guides.pop(guide_id, None)
    session[SESSION_KEY] = guides
