"""Reads of the practice's crisis protocol, its contacts checked by the domain on the way out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cyberdent.assessments.selectors import diagnostic_evaluate, diagnostic_latest
from cyberdent.crisis.models import CrisisProtocol
from cyberdent.domain.answers import is_met
from cyberdent.domain.crisis_status import ContactsStatus, contacts_status
from cyberdent.domain.errors import ContactsError
from cyberdent.domain.protocol import CrisisContacts, parse_contacts
from cyberdent.domain.referential_models import Contact, ProtocolStep, Referential
from cyberdent.practices.models import Practice
from cyberdent.web.people import person

logger = logging.getLogger(__name__)

CRISIS_QUESTION = "crisis_protocol"


def contacts_from_stored(raw: object) -> CrisisContacts:
    """The stored contacts, validated again: a value a newer rule refuses is dropped (and
    logged) rather than shown, the rest is kept."""
    data: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
    for _ in range(3):
        try:
            return parse_contacts(data)
        except ContactsError as exc:
            logger.error("stored crisis contacts: dropping %s", sorted(exc.problems))
            for path in exc.problems:
                group, _, key = path.partition(".")
                if key and isinstance(data.get(group), Mapping):
                    data[group] = {k: v for k, v in data[group].items() if k != key}
                else:
                    data.pop(group, None)
    return CrisisContacts()


@dataclass(frozen=True)
class ProtocolState:
    """The practice's protocol as the pages show it (empty contacts when never filled)."""

    contacts: CrisisContacts
    status: ContactsStatus
    updated_at: dt.datetime | None
    team_informed_at: dt.datetime | None
    team_informed_by: str

    @property
    def team_informed_on(self) -> dt.date | None:
        return timezone.localdate(self.team_informed_at) if self.team_informed_at else None


def crisis_protocol_get(*, practice: Practice) -> ProtocolState:
    protocol = (
        CrisisProtocol.objects.select_related("team_informed_by").filter(practice=practice).first()
    )
    contacts = contacts_from_stored(protocol.contacts) if protocol else CrisisContacts()
    informer = protocol.team_informed_by if protocol else None
    return ProtocolState(
        contacts=contacts,
        status=contacts_status(contacts),
        updated_at=protocol.updated_at if protocol else None,
        team_informed_at=protocol.team_informed_at if protocol else None,
        team_informed_by=person(informer) if informer is not None else "",
    )


def poster_contacts(*, practice: Practice, contacts: CrisisContacts) -> CrisisContacts:
    """The poster bears the practice's name unless the contacts give another one."""
    return contacts if contacts.practice else dataclasses.replace(contacts, practice=practice.name)


def crisis_protocol_met(*, practice: Practice) -> bool:
    """Whether the practice's latest diagnostic already counts the crisis protocol as met."""
    latest = diagnostic_latest(practice=practice)
    evaluated = diagnostic_evaluate(latest) if latest is not None else None
    if evaluated is None:
        return False
    return is_met(evaluated.answers.scored.get(CRISIS_QUESTION))


@dataclass(frozen=True)
class OwnContact:
    """One of the practice's own contacts, shown in the step it belongs to."""

    heading: str
    lines: tuple[str, ...]
    phone: str
    missing: str  # what to say when nothing is filled
    phone_label: str = "Téléphone"


@dataclass(frozen=True)
class PageStep:
    step: ProtocolStep
    own: OwnContact | None
    contacts: tuple[Contact, ...]


def _own_contact(step_id: str, c: CrisisContacts) -> OwnContact | None:
    if step_id == "call_it_provider":
        hours = f"Horaires : {c.it_provider.hours}" if c.it_provider.hours else ""
        return OwnContact(
            "Votre prestataire informatique",
            tuple(x for x in (c.it_provider.name, hours) if x),
            c.it_provider.phone,
            "Prestataire informatique : pas encore renseigné.",
        )
    if step_id == "file_complaint":
        return OwnContact(
            "Votre commissariat ou gendarmerie",
            tuple(x for x in (c.police.name, c.police.address) if x),
            c.police.phone,
            "Commissariat ou gendarmerie le plus proche : pas encore renseigné.",
        )
    if step_id == "notify_insurer":
        contract = f"Contrat n° {c.insurer.contract}" if c.insurer.contract else ""
        return OwnContact(
            "Votre assurance",
            tuple(x for x in (c.insurer.name, contract) if x),
            c.insurer.phone,
            "Assurance : pas encore renseignée.",
            phone_label="Téléphone sinistres",
        )
    return None


def protocol_steps(ref: Referential, contacts: CrisisContacts) -> tuple[PageStep, ...]:
    """The référentiel's incident steps in order, each with the practice's own contact (for the
    steps that have one) and the référentiel's fixed contacts, except the generic "police"
    entry when the practice has named its own station."""
    by_id = {x.id: x for x in ref.incident.contacts}
    steps = []
    for step in ref.incident.steps:
        own = _own_contact(step.id, contacts)
        fixed = tuple(
            by_id[cid]
            for cid in step.contacts
            if cid in by_id and not (cid == "police" and own is not None and own.lines)
        )
        steps.append(PageStep(step=step, own=own, contacts=fixed))
    return tuple(steps)
