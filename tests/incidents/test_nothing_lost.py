"""Back, reload, a second tab, a double tap: nothing typed is lost, in both modes.

A form carries the version of the incident it was drawn from. An action from an older page
is applied to the latest state when it only adds (a step done, a journal entry); when it would
overwrite newer answers (details, the personal-data decision), the page says it was out of
date, shows the latest, and keeps what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cyberdent.incidents.models import Incident, JournalEntry
from tests.french import fr
from tests.incidents.helpers import act, guide_page, make_incident, start_guide, version_of

pytestmark = pytest.mark.django_db


# --- Anonymous mode


def test_anonymous_back_then_add_keeps_every_entry(client: Client) -> None:
    guide_id = start_guide(client)
    old_page = guide_page(client, guide_id)  # the page the Back button returns to
    act(client, guide_id, "journal", text="Première entrée")
    act(client, guide_id, "step", step_id="isolate")
    response = act(client, guide_id, "journal", version=version_of(old_page), text="Deuxième")
    assert response.status_code == 302
    page = guide_page(client, guide_id)
    assert "Première entrée" in page and "Deuxième" in page
    assert "✓ Fait</strong> le" in page


def test_anonymous_double_tap_adds_once(client: Client) -> None:
    guide_id = start_guide(client)
    version = version_of(guide_page(client, guide_id))
    for _ in range(2):
        act(client, guide_id, "journal", version=version, text="Rançon affichée")
    assert guide_page(client, guide_id).count("Rançon affichée") == 1


def test_anonymous_details_from_an_older_page_are_not_overwritten_silently(
    client: Client,
) -> None:
    guide_id = start_guide(client)
    old = version_of(guide_page(client, guide_id))
    act(client, guide_id, "details", complaint_reference="PV 42", affected_systems="Serveur")
    response = act(
        client, guide_id, "details", version=old, complaint_reference="PV 43", contacted="Paul"
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert fr("n&#x27;était plus à jour") in page
    assert 'value="PV 43"' in page and "Paul" in page  # what was typed is kept
    assert 'id="insurer-text"' in page and "PV 42" in page  # the latest is shown
    # Sent again from this page (now up to date), it is saved.
    again = act(client, guide_id, "details", complaint_reference="PV 43", contacted="Paul")
    assert again.status_code == 302
    assert "PV 43" in guide_page(client, guide_id)


def test_anonymous_same_details_from_an_older_page_are_fine(client: Client) -> None:
    guide_id = start_guide(client)
    old = version_of(guide_page(client, guide_id))
    act(client, guide_id, "journal", text="Entrée")
    response = act(client, guide_id, "details", version=old, complaint_reference="")
    assert response.status_code == 302


def test_anonymous_decision_from_an_older_page(client: Client) -> None:
    guide_id = start_guide(client, patient_data="yes")
    old = version_of(guide_page(client, guide_id))
    act(client, guide_id, "decision", risk="high", exemption="none")
    response = act(client, guide_id, "decision", version=old, risk="unlikely", exemption="none")
    assert response.status_code == 409
    assert "informez aussi chaque patient concerné" in response.content.decode()


def test_anonymous_second_tab_sees_and_keeps_the_first_tabs_work(client: Client) -> None:
    guide_id = start_guide(client)
    tab_one = guide_page(client, guide_id)
    tab_two = guide_page(client, guide_id)
    act(client, guide_id, "journal", version=version_of(tab_one), text="Onglet 1")
    act(client, guide_id, "journal", version=version_of(tab_two), text="Onglet 2")
    page = guide_page(client, guide_id)
    assert page.index("Onglet 1") < page.index("Onglet 2")


# --- Practice mode


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(incident: Incident, suffix: str = "") -> str:
    return f"/cabinet/{incident.practice_id}/incidents/{incident.pk}/{suffix}"


def test_practice_back_then_add_keeps_every_entry(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    old = version_of(client.get(url(incident)).content.decode())
    client.post(url(incident, "journal/"), {"v": old, "text": "Première entrée"})
    client.post(url(incident, "etapes/"), {"v": old, "step_id": "isolate"})
    response = client.post(url(incident, "journal/"), {"v": old, "text": "Deuxième"})
    assert response.status_code == 302
    texts = list(JournalEntry.objects.filter(incident=incident).values_list("text", flat=True))
    assert texts == ["Première entrée", "Deuxième"]


def test_practice_double_tap_adds_once(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    old = version_of(client.get(url(incident)).content.decode())
    for _ in range(2):
        client.post(url(incident, "journal/"), {"v": old, "text": "Rançon affichée"})
    assert JournalEntry.objects.filter(incident=incident).count() == 1


def test_practice_details_saved_by_a_colleague_are_not_overwritten(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    me, colleague = as_user(personas.member_a), as_user(personas.owner_a)
    my_page = me.get(url(incident)).content.decode()
    theirs = version_of(colleague.get(url(incident)).content.decode())
    colleague.post(url(incident, "informations/"), {"v": theirs, "complaint_reference": "PV 42"})
    response = me.post(
        url(incident, "informations/"), {"v": version_of(my_page), "affected_systems": "Serveur"}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert fr("n&#x27;était plus à jour") in page and "Serveur</textarea>" in page
    incident.refresh_from_db()
    assert incident.complaint_reference == "PV 42" and incident.affected_systems == ""
