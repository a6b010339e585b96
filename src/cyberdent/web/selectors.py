"""Read helpers that shape référentiel content for the public pages."""

from __future__ import annotations

from dataclasses import dataclass

from cyberdent.domain.referential_models import Contact, Fact, ProtocolStep, Referential


def facts_by_id(ref: Referential) -> dict[str, Fact]:
    return {fact.id: fact for fact in ref.facts}


@dataclass(frozen=True)
class StepWithContacts:
    number: int
    step: ProtocolStep
    contacts: tuple[Contact, ...]
    facts: tuple[Fact, ...]


def incident_contacts(ref: Referential) -> tuple[StepWithContacts, ...]:
    """The protocol steps in order, each with its contacts and facts resolved."""
    contacts = {c.id: c for c in ref.incident.contacts}
    facts = facts_by_id(ref)
    return tuple(
        StepWithContacts(
            number=i,
            step=step,
            contacts=tuple(contacts[c] for c in step.contacts),
            facts=tuple(facts[f] for f in step.facts),
        )
        for i, step in enumerate(ref.incident.steps, start=1)
    )
