"""Writes to a practice's incidents (keyword-only, typed). The journal is append-only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from cyberdent.domain.incident import (
    Exemption,
    IncidentKind,
    PatientData,
    Risk,
    patient_data_change_text,
    validate_journal_text,
)
from cyberdent.incidents.models import Incident, JournalEntry, StepDone
from cyberdent.practices.models import Practice


def _name(user: Any) -> str:
    return str(getattr(user, "email", "") or getattr(user, "username", ""))


def incident_open(
    *,
    practice: Practice,
    user: Any,
    kind: IncidentKind,
    discovered_at: dt.datetime,
    patient_data: PatientData,
) -> Incident:
    return Incident.objects.create(
        practice=practice,
        kind=kind.value,
        discovered_at=discovered_at,
        patient_data=patient_data.value,
        opened_by=user,
    )


def incident_step_mark_done(
    *,
    incident: Incident,
    step_id: str,
    user: Any,
    at: dt.datetime,
    recorded_at: dt.datetime | None = None,
) -> StepDone:
    """The first "Fait" counts: marking a step done again (another member, a double tap)
    keeps the first time. `at` is when it was done; `recorded_at`, when it was noted (set
    when the person gave an earlier time)."""
    existing = StepDone.objects.filter(incident=incident, step_id=step_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return StepDone.objects.create(
                incident=incident,
                step_id=step_id,
                done_at=at,
                by=user,
                by_name=_name(user),
                recorded_at=recorded_at,
            )
    except IntegrityError:  # two members tapped at the same moment
        return StepDone.objects.get(incident=incident, step_id=step_id)


def incident_journal_add(
    *, incident: Incident, user: Any, text: str, at: dt.datetime
) -> JournalEntry:
    """Append an entry. `save()` chains its hash to the previous entry with the incident row
    locked, in one transaction (two entries at the same moment cannot fork the chain)."""
    entry = JournalEntry(
        incident=incident,
        created_at=at,
        author=user,
        author_name=_name(user),
        text=validate_journal_text(text),
    )
    entry.save()
    return entry


def incident_details_update(
    *, incident: Incident, complaint_reference: str, affected_systems: str, contacted: str
) -> Incident:
    incident.complaint_reference = complaint_reference
    incident.affected_systems = affected_systems
    incident.contacted = contacted
    incident.save(update_fields=["complaint_reference", "affected_systems", "contacted"])
    return incident


def incident_decision_update(*, incident: Incident, risk: Risk, exemption: Exemption) -> Incident:
    incident.risk = risk.value
    incident.exemption = exemption.value
    incident.save(update_fields=["risk", "exemption"])
    return incident


@transaction.atomic
def incident_patient_data_update(
    *, incident: Incident, user: Any, patient_data: PatientData, at: dt.datetime
) -> Incident:
    """Change the personal-data answer; the change is written in the journal."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    before = PatientData(locked.patient_data)
    if before is patient_data:
        return locked
    incident_journal_add(
        incident=locked, user=user, text=patient_data_change_text(before, patient_data), at=at
    )
    locked.patient_data = patient_data.value
    locked.save(update_fields=["patient_data"])
    return locked


class IncidentClosed(Exception):
    """A closed incident is read-only until it is reopened."""


@transaction.atomic
def incident_close(
    *, incident: Incident, user: Any, what_happened: str, what_would_help: str, at: dt.datetime
) -> Incident:
    """Close with the retour d'expérience; the closing is written in the journal."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.closed_at is not None:
        raise IncidentClosed
    incident_journal_add(
        incident=locked, user=user, text="Incident clôturé (retour d’expérience rempli).", at=at
    )
    locked.lessons_what_happened = what_happened
    locked.lessons_what_would_help = what_would_help
    locked.closed_at = at
    locked.save(update_fields=["lessons_what_happened", "lessons_what_would_help", "closed_at"])
    return locked


@transaction.atomic
def incident_reopen(*, incident: Incident, user: Any, at: dt.datetime) -> Incident:
    """Reopen a closed incident (new facts, a step to complete); written in the journal."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.closed_at is None:
        return locked
    locked.closed_at = None
    locked.save(update_fields=["closed_at"])
    incident_journal_add(incident=locked, user=user, text="Incident rouvert.", at=at)
    return locked
