"""Isolation specs of the incident mode (see tests/isolation.py). Every member acts on the day
of an incident: all the practice URLs require VIEW only."""

from __future__ import annotations

from typing import Any

from cyberdent.domain.roles import Permission as P
from tests.incidents.helpers import make_incident
from tests.isolation import PracticeUrl, PublicUrl

INCIDENT = ("incident_id",)
SPECS = [
    PracticeUrl("incidents:list", P.VIEW),
    PracticeUrl("incidents:new", P.VIEW, ("GET", "POST")),
    PracticeUrl("incidents:detail", P.VIEW, ("GET",), INCIDENT),
    PracticeUrl("incidents:step_done", P.VIEW, ("POST",), INCIDENT),
    PracticeUrl("incidents:step_screen", P.VIEW, ("GET",), (*INCIDENT, "screen")),
    PracticeUrl("incidents:journal_add", P.VIEW, ("POST",), INCIDENT),
    PracticeUrl("incidents:details", P.VIEW, ("POST",), INCIDENT),
    PracticeUrl("incidents:decision", P.VIEW, ("POST",), INCIDENT),
    PracticeUrl("incidents:patient_data", P.VIEW, ("POST",), INCIDENT),
    PracticeUrl("incidents:close", P.VIEW, ("GET", "POST"), INCIDENT),
    PracticeUrl("incidents:reopen", P.VIEW, ("POST",), INCIDENT),
    PracticeUrl("incidents:pdf", P.VIEW, ("GET",), INCIDENT),
]
# The anonymous mode holds no practice's data: its suivi is in the visitor's own session.
PUBLIC = [
    PublicUrl("incidents:guide_start"),
    PublicUrl("incidents:guide"),
    PublicUrl("incidents:guide_pdf"),
]


def build_objects(practice: Any, owner: Any) -> dict[str, int]:
    # "screen" is the step shown one per screen: the first one exists in every incident.
    return {"incident_id": make_incident(practice, owner).pk, "screen": 1}
