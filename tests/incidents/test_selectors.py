"""Reads: the dashboard card, the export rows, the practice's own contacts in the steps."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from cyberdent.incidents.selectors import (
    confirmed_email,
    incidents_export_data,
    practice_crisis_contacts,
)
from cyberdent.incidents.services import incident_journal_add, incident_step_mark_done
from cyberdent.practices.access import PracticeAccess
from cyberdent.practices.models import Membership
from tests.french import fr
from tests.incidents.helpers import make_incident

pytestmark = pytest.mark.django_db


def test_dashboard_card_counts_incidents_in_progress(personas: Any) -> None:
    ours = make_incident(personas.practice_a, personas.owner_a)
    theirs = make_incident(personas.practice_b, personas.owner_b)
    membership = Membership.objects.get(practice=personas.practice_a, user=personas.owner_a)
    access = PracticeAccess(practice=personas.practice_a, membership=membership)
    html = Template("{% load incidents_cards %}{% incident_card access %}").render(
        Context({"access": access})
    )
    assert "1 incident en cours" in html
    # While an incident is open, the card leads back to it rather than to a new one.
    assert f"/cabinet/{personas.practice_a.pk}/incidents/{ours.pk}/" in html
    assert fr("Reprendre l&#x27;incident du") in html or fr("Reprendre l'incident du") in html
    assert f"/incidents/{theirs.pk}/" not in html
    assert "/incidents/nouveau/" not in html


def test_export_rows_hold_steps_and_journal(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    incident_step_mark_done(
        incident=incident, step_id="isolate", user=personas.member_a, at=timezone.now()
    )
    incident_journal_add(
        incident=incident, user=personas.owner_a, text="Écran bloqué", at=timezone.now()
    )
    make_incident(personas.practice_b, personas.owner_b)
    rows = incidents_export_data(practice=personas.practice_a)
    assert len(rows) == 1
    assert rows[0]["steps_done"][0]["by"] == "assistante@lilas.test"  # type: ignore[index]
    assert rows[0]["journal"][0]["text"] == "Écran bloqué"  # type: ignore[index]


def test_cert_sante_address_is_not_used_while_unverified(ref: Any) -> None:
    cert = next(c for c in ref.incident.contacts if c.id == "cert_sante")
    assert not cert.email  # the brochure prints one that the ANS does not confirm (fact 1c)…
    assert confirmed_email(cert, ref) == ""  # …so the référentiel does not even hold it


def test_practice_contacts_from_the_crisis_protocol(personas: Any) -> None:
    """Only when the crisis app stores contacts (built in parallel: skipped without it)."""
    models = pytest.importorskip("cyberdent.crisis.models")
    protocol_model = getattr(models, "CrisisProtocol", None)
    if protocol_model is None:
        pytest.skip("no crisis protocol model")
    assert practice_crisis_contacts(practice=personas.practice_a).it_provider.phone == ""
    protocol_model.objects.create(
        practice=personas.practice_a,
        contacts={"it_provider": {"name": "Info Santé", "phone": "04 67 12 34 56"}},
    )
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = Client()
    client.force_login(personas.member_a)
    page = client.get(f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/")
    assert 'href="tel:0467123456"' in page.content.decode()
    assert "Info Santé" in page.content.decode()
