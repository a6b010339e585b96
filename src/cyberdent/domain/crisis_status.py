"""What the protocol page and the dashboard card say about the protocol (pure Python).

Kept free of Django so the rules read at a glance: which of the practice's contacts are
filled, and when to offer to count `crisis_protocol` as met in the diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from cyberdent.domain.protocol import CrisisContacts

# The practice's own contacts, as the dashboard names them when they are missing.
GROUP_LABELS = {
    "it_provider": "prestataire informatique",
    "insurer": "assurance",
    "police": "commissariat ou gendarmerie",
    "lead": "personne qui coordonne en cas d’attaque",
}


@dataclass(frozen=True)
class ContactsStatus:
    filled: tuple[str, ...]  # group ids, in poster order
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.filled) + len(self.missing)

    @property
    def missing_labels(self) -> tuple[str, ...]:
        return tuple(GROUP_LABELS[g] for g in self.missing)


def contacts_status(contacts: CrisisContacts) -> ContactsStatus:
    """A group counts as filled when any of its fields is."""
    filled: list[str] = []
    missing: list[str] = []
    for group in GROUP_LABELS:
        values = getattr(contacts, group)
        (filled if any(getattr(values, f.name) for f in fields(values)) else missing).append(group)
    return ContactsStatus(tuple(filled), tuple(missing))


def offer_diagnostic_update(
    *, team_informed: bool, crisis_protocol_met: bool, can_fill_diagnostic: bool
) -> bool:
    """The issue: editing the protocol offers to mark `crisis_protocol` as met only once the
    team has been told — and only to someone who may record a diagnostic, while the latest
    diagnostic does not already count it."""
    return team_informed and not crisis_protocol_met and can_fill_diagnostic
