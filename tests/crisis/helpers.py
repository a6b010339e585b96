"""Builders shared by the crisis-protocol tests."""

from __future__ import annotations

from typing import Any

from cyberdent.crisis.services import crisis_protocol_save
from cyberdent.domain.protocol import parse_contacts

CONTACTS = {
    "practice": "",
    "it_provider": {"name": "Info Santé Services", "phone": "04 67 11 22 33", "hours": "8h-18h"},
    "insurer": {"name": "Assur Pro Santé", "contract": "CT-2026-789", "phone": "01 40 00 00 01"},
    "police": {
        "name": "Gendarmerie de Lunel",
        "address": "12 avenue de Mauguio, Lunel",
        "phone": "04 67 83 00 17",
    },
    "lead": {"name": "Dr Claire Dupont", "phone": "06 12 34 56 78"},
}
# The same, as the form posts it.
FORM = {
    f"{group}_{key}" if group != "practice" else "practice": value
    for group, values in CONTACTS.items()
    for key, value in (values.items() if isinstance(values, dict) else [("", values)])
}


def save_protocol(practice_: Any, user: Any, *, team_informed: bool = False, **raw: Any) -> None:
    """Save the sample contacts for `practice_`, with `raw` replacing some of them."""
    crisis_protocol_save(
        practice=practice_,
        user=user,
        contacts=parse_contacts({**CONTACTS, **raw}),
        team_informed=team_informed,
    )


def protocol_url(practice: Any, suffix: str = "") -> str:
    return f"/cabinet/{practice.pk}/protocole/{suffix}"
