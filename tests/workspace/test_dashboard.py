"""/cabinet/<id>/: the practice's dashboard, its links shown per role."""

from __future__ import annotations

from django.test import Client

from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas
from tests.french import fr
from tests.practices.conftest import html


def url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/"


def test_owner_sees_the_name_role_and_every_link(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.get(url(personas))
    page = html(response)
    pid = personas.practice_a.pk
    assert response.status_code == 200
    assert "<h1>Cabinet des Lilas</h1>" in page
    assert fr("Votre rôle : <strong>Titulaire</strong>") in page
    for link in ("equipe/", "parametres/", "journal/", "export/", "supprimer/"):
        assert f'href="/cabinet/{pid}/{link}"' in page
    assert "Journal de sécurité" in page
    assert "Exporter les données" in page
    assert "Supprimer le cabinet" in page
    assert 'href="/espace/">Changer de cabinet</a>' in page


def test_member_sees_the_team_but_no_owner_link(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    response = client.get(url(personas))
    page = html(response)
    pid = personas.practice_a.pk
    assert response.status_code == 200
    assert fr("Votre rôle : <strong>Membre de l'équipe</strong>") in page
    assert f'href="/cabinet/{pid}/equipe/"' in page
    for link in ("parametres/", "export/", "supprimer/", "journal/"):
        assert f'href="/cabinet/{pid}/{link}"' not in page
    assert "Supprimer le cabinet" not in page


def test_provider_sees_the_practice_with_their_role(client: Client, personas: Personas) -> None:
    client.force_login(personas.provider_a)
    page = html(client.get(url(personas)))
    assert fr("Votre rôle : <strong>Prestataire informatique</strong>") in page
    assert "Remplit les diagnostics" in page
    assert f'href="/cabinet/{personas.practice_a.pk}/parametres/"' not in page


def test_a_stranger_gets_404_and_anonymous_the_login(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    response = client.get(url(personas))
    assert response.status_code == 404
    assert "Cabinet des Lilas" not in html(response)
    client.logout()
    response = client.get(url(personas))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")


def test_an_unknown_practice_is_404(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    assert client.get("/cabinet/999999/").status_code == 404
    assert client.get("/cabinet/abc/").status_code == 404


def test_the_diagnostic_card_shows_the_verdict(client: Client, personas: Personas) -> None:
    save_diagnostic(personas.practice_a, personas.owner_a, mfa="no", updates="no", auto_lock="no")
    client.force_login(personas.owner_a)
    page = html(client.get(url(personas)))
    # 8/11, no critical gap: the card says how many measures lead to the next level.
    assert fr("2 mesures de plus suffisent pour passer en risque faible") in page
