"""The protocol's status (pure rules) and the stored contacts read back through the domain."""

from __future__ import annotations

import pytest
from django.test import Client

from cyberdent.crisis.models import CrisisProtocol
from cyberdent.crisis.selectors import contacts_from_stored, crisis_protocol_get
from cyberdent.domain.crisis_status import contacts_status, offer_diagnostic_update
from cyberdent.domain.protocol import CrisisContacts, Insurer, Lead
from tests.conftest import Personas


def test_a_group_counts_as_filled_when_any_of_its_fields_is() -> None:
    status = contacts_status(
        CrisisContacts(insurer=Insurer(contract="AB-1"), lead=Lead(name="Dr X"))
    )
    assert status.filled == ("insurer", "lead")
    assert status.missing == ("it_provider", "police")
    assert status.total == 4
    assert status.missing_labels == ("prestataire informatique", "commissariat ou gendarmerie")
    assert contacts_status(CrisisContacts()).filled == ()


@pytest.mark.parametrize(
    ("told", "met", "can_fill", "offered"),
    [
        (False, False, True, False),  # the team was not told: never offered
        (True, False, True, True),
        (True, True, True, False),  # the diagnostic already counts it
        (True, False, False, False),  # a member may not record a diagnostic
    ],
)
def test_offer_only_once_the_team_is_told(
    told: bool, met: bool, can_fill: bool, offered: bool
) -> None:
    assert (
        offer_diagnostic_update(
            team_informed=told, crisis_protocol_met=met, can_fill_diagnostic=can_fill
        )
        is offered
    )


def test_stored_contacts_a_newer_rule_refuses_are_dropped_not_shown() -> None:
    stored = {
        "practice": "Cabinet",
        "it_provider": {"name": "Info", "phone": "appelez-moi"},
        "lead": "not a mapping",
        "unknown": 1,
    }
    contacts = contacts_from_stored(stored)
    assert contacts.practice == "Cabinet"
    assert contacts.it_provider.name == "Info" and contacts.it_provider.phone == ""
    assert contacts.lead == Lead()
    assert contacts_from_stored(None) == CrisisContacts()
    assert contacts_from_stored("junk") == CrisisContacts()


def test_a_practice_without_protocol_reads_as_empty(personas: Personas) -> None:
    state = crisis_protocol_get(practice=personas.practice_a)
    assert state.contacts == CrisisContacts()
    assert state.team_informed_at is None and state.team_informed_on is None
    assert len(state.status.missing) == 4


def test_corrupt_stored_contacts_never_break_the_page(client: Client, personas: Personas) -> None:
    CrisisProtocol.objects.create(
        practice=personas.practice_a, contacts={"lead": {"name": "x" * 500, "phone": "06"}}
    )
    client.force_login(personas.owner_a)
    response = client.get(f"/cabinet/{personas.practice_a.pk}/protocole/")
    assert response.status_code == 200
    assert "x" * 500 not in response.content.decode()
    assert 'href="tel:06"' in response.content.decode()
