"""Reads for the incident pages: the guided page's content, shared by the anonymous and the
practice modes, and the practice's stored incidents as domain records."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet

from cyberdent.domain.incident import (
    PARIS,
    PERSONAL_DATA_STEPS,
    Dossier,
    Exemption,
    IncidentKind,
    IncidentRecord,
    JournalRecord,
    PatientData,
    Risk,
    StepRecord,
    build_dossier,
    format_moment,
    step_ids_in_order,
)
from cyberdent.domain.protocol import CrisisContacts
from cyberdent.domain.referential_models import Contact, FactStatus, ProtocolStep, Referential
from cyberdent.incidents.models import Incident, JournalEntry, StepDone
from cyberdent.practices.models import Practice


def step_titles(ref: Referential) -> dict[str, str]:
    return {step.id: step.title for step in ref.incident.steps}


def protocol_step_ids(ref: Referential) -> list[str]:
    return [step.id for step in ref.incident.steps]


def allowed_step_ids(ref: Referential, patient_data: PatientData) -> list[str]:
    return step_ids_in_order(protocol_step_ids(ref), patient_data)


@dataclass(frozen=True)
class OwnContact:
    """The practice's own contact for one step (tap to call when there is a phone)."""

    heading: str
    name: str
    phone: str


def _own_contact(step_id: str, c: CrisisContacts) -> OwnContact | None:
    pairs = {
        "call_it_provider": (
            "Votre prestataire informatique",
            c.it_provider.name,
            c.it_provider.phone,
        ),
        "file_complaint": ("Votre commissariat ou gendarmerie", c.police.name, c.police.phone),
        "notify_insurer": ("Votre assurance", c.insurer.name, c.insurer.phone),
    }
    if step_id not in pairs:
        return None
    heading, name, phone = pairs[step_id]
    return OwnContact(heading, name, phone) if (name or phone) else None


def _done_label(step: StepRecord) -> str:
    """When it was done, and when it was noted if that was later ("fait à 10 h 00")."""
    label = format_moment(step.done_at)
    if step.recorded_later and step.recorded_at is not None:
        label += f" (noté le {format_moment(step.recorded_at)})"
    return label


@dataclass(frozen=True)
class GuideStep:
    number: int
    step: ProtocolStep
    contacts: tuple[Contact, ...]
    own: OwnContact | None
    done_at: str  # "" when not done yet
    done_by: str
    # The référentiel's advice for this kind of incident, shown before the general steps.
    kind_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonalDataStep:
    step_id: str
    title: str
    done_at: str
    done_by: str


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    href: str


def mailto(address: str, subject: str, body: str) -> str:
    return f"mailto:{quote(address)}?subject={quote(subject)}&body={quote(body)}"


def confirmed_email(contact: Contact | None, ref: Referential) -> str:
    """A contact's address only when every fact it rests on is not "unverified" (the CERT
    Santé address, fact 1c, is not: the documented channel is the reporting portal)."""
    if contact is None or not contact.email:
        return ""
    facts = {f.id: f for f in ref.facts}
    if any(facts[i].status is FactStatus.UNVERIFIED for i in contact.facts if i in facts):
        return ""
    return contact.email


@dataclass(frozen=True)
class Guide:
    dossier: Dossier
    steps: tuple[GuideStep, ...]
    personal_data_steps: tuple[PersonalDataStep, ...]
    personal_data_facts: tuple[str, ...]
    cert_mail: Mail
    insurer_mail: Mail
    portal_url: str
    cnil_url: str
    journal: tuple[tuple[str, str, str], ...]  # (when, author, text), oldest first


def build_guide(
    ref: Referential,
    record: IncidentRecord,
    *,
    now: dt.datetime,
    contacts: CrisisContacts | None = None,
) -> Guide:
    own = contacts or CrisisContacts()
    by_id = {c.id: c for c in ref.incident.contacts}
    done = {s.step_id: s for s in record.steps}
    steps = tuple(
        GuideStep(
            number=i,
            step=step,
            contacts=tuple(by_id[c] for c in step.contacts if c in by_id),
            own=_own_contact(step.id, own),
            done_at=_done_label(done[step.id]) if step.id in done else "",
            done_by=done[step.id].by if step.id in done else "",
            kind_lines=tuple(step.by_kind.get(str(record.kind), ())),
        )
        for i, step in enumerate(ref.incident.steps, start=1)
    )
    pd_steps = tuple(
        PersonalDataStep(
            step_id=sid,
            title=title,
            done_at=_done_label(done[sid]) if sid in done else "",
            done_by=done[sid].by if sid in done else "",
        )
        for sid, title in PERSONAL_DATA_STEPS.items()
    )
    dossier = build_dossier(record, step_titles=step_titles(ref), now=now)
    cert_address = confirmed_email(by_id.get("cert_sante"), ref)
    portal = by_id.get("signalement_portal")
    cnil = by_id.get("cnil")
    return Guide(
        dossier=dossier,
        steps=steps,
        personal_data_steps=pd_steps,
        personal_data_facts=tuple(ref.incident.personal_data.facts),
        cert_mail=Mail(
            dossier.cert_subject,
            dossier.cert_body,
            mailto(cert_address, dossier.cert_subject, dossier.cert_body),
        ),
        insurer_mail=Mail(
            dossier.insurer_subject,
            dossier.insurer_body,
            mailto("", dossier.insurer_subject, dossier.insurer_body),
        ),
        portal_url=portal.url if portal else "",
        cnil_url=cnil.url if cnil else "",
        journal=tuple((format_moment(j.created_at), j.author, j.text) for j in record.journal),
    )


# --- The practice's stored incidents


def incidents_of(*, practice: Practice) -> QuerySet[Incident]:
    return Incident.objects.filter(practice=practice).order_by("-discovered_at", "-id")


def incident_record(*, incident: Incident) -> IncidentRecord:
    steps = StepDone.objects.filter(incident=incident).order_by("done_at", "id")
    entries = JournalEntry.objects.filter(incident=incident).order_by("created_at", "id")
    return IncidentRecord(
        kind=IncidentKind(incident.kind),
        discovered_at=incident.discovered_at.astimezone(PARIS),
        patient_data=PatientData(incident.patient_data),
        steps=tuple(
            StepRecord(
                s.step_id,
                s.done_at.astimezone(PARIS),
                s.by_name,
                s.recorded_at.astimezone(PARIS) if s.recorded_at else None,
            )
            for s in steps
        ),
        journal=tuple(
            JournalRecord(e.created_at.astimezone(PARIS), e.text, e.author_name) for e in entries
        ),
        complaint_reference=incident.complaint_reference,
        affected_systems=incident.affected_systems,
        contacted=incident.contacted,
        practice_name=incident.practice.name,
        risk=Risk(incident.risk) if incident.risk else None,
        exemption=Exemption(incident.exemption),
        closed_at=incident.closed_at,
        lessons_what_happened=incident.lessons_what_happened,
        lessons_what_would_help=incident.lessons_what_would_help,
    )


def practice_crisis_contacts(*, practice: Practice) -> CrisisContacts:
    """The practice's own contacts from its crisis protocol, when that app provides them;
    empty otherwise (the incident mode must work without it)."""
    try:
        crisis = importlib.import_module("cyberdent.crisis.selectors")
    except ImportError:
        return CrisisContacts()
    getter = getattr(crisis, "crisis_protocol_get", None)
    if getter is None:
        return CrisisContacts()
    contacts = getattr(getter(practice=practice), "contacts", None)
    return contacts if isinstance(contacts, CrisisContacts) else CrisisContacts()


def incidents_export_data(*, practice: Practice) -> list[dict[str, object]]:
    """The practice's incidents for its data export (data rights), as plain JSON values."""
    rows = []
    for incident in incidents_of(practice=practice).order_by("discovered_at", "id"):
        steps = StepDone.objects.filter(incident=incident).order_by("done_at", "id")
        entries = JournalEntry.objects.filter(incident=incident).order_by("created_at", "id")
        rows.append(
            {
                "kind": incident.kind,
                "discovered_at": incident.discovered_at.isoformat(),
                "patient_data": incident.patient_data,
                "complaint_reference": incident.complaint_reference,
                "affected_systems": incident.affected_systems,
                "contacted": incident.contacted,
                "risk": incident.risk,
                "exemption": incident.exemption,
                "closed_at": incident.closed_at.isoformat() if incident.closed_at else None,
                "lessons_what_happened": incident.lessons_what_happened,
                "lessons_what_would_help": incident.lessons_what_would_help,
                "steps_done": [
                    {
                        "step_id": s.step_id,
                        "done_at": s.done_at.isoformat(),
                        "recorded_at": s.recorded_at.isoformat() if s.recorded_at else None,
                        "by": s.by_name,
                    }
                    for s in steps
                ],
                "journal": [
                    {
                        "created_at": e.created_at.isoformat(),
                        "author": e.author_name,
                        "text": e.text,
                    }
                    for e in entries
                ],
            }
        )
    return rows
