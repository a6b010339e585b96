"""The protocol card on the practice dashboard: contacts filled, team told, links per role."""

from __future__ import annotations

from django.test import Client

from tests.conftest import Personas
from tests.crisis.helpers import save_protocol
from tests.french import fr


def dashboard(client: Client, personas: Personas, user: object) -> str:
    client.force_login(user)
    response = client.get(f"/cabinet/{personas.practice_a.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_protocol_says_what_to_fill(client: Client, personas: Personas) -> None:
    html = dashboard(client, personas, personas.owner_a)
    pid = personas.practice_a.pk
    assert fr("En cas d&#x27;incident") in html or fr("En cas d'incident") in html
    assert fr("Contacts du cabinet : 0 sur 4 renseignés.") in html
    assert "prestataire informatique, assurance" in html
    assert fr("Pas encore présenté à toute l'équipe.") in html
    assert f'href="/cabinet/{pid}/protocole/"' in html
    assert f'href="/cabinet/{pid}/protocole/fiche-reflexe.pdf"' in html
    assert f'href="/cabinet/{pid}/protocole/modifier/"' in html


def test_a_filled_protocol_told_to_the_team(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a, team_informed=True)
    html = dashboard(client, personas, personas.member_a)
    assert "Les contacts du cabinet sont renseignés." in html
    assert fr("Présenté à l'équipe le ") in html
    assert f'href="/cabinet/{personas.practice_a.pk}/protocole/modifier/"' not in html
