"""/espace/ (the person's practices, the switch) and /espace/nouveau/ (creating a practice)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Membership, Practice
from tests.conftest import Personas, make_user
from tests.french import fr
from tests.practices.conftest import html

VALID = {"name": "Cabinet des Oliviers", "department": "2A", "team_size": "3"}


def test_anonymous_is_sent_to_login(client: Client, db: None) -> None:
    for url in ("/espace/", "/espace/nouveau/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/comptes/login/?next=")


def test_home_lists_the_practices_with_the_role(client: Client, personas: Personas) -> None:
    client.force_login(personas.provider_a)
    page = html(client.get("/espace/"))
    assert "Cabinet des Lilas" in page
    assert "Prestataire informatique" in page
    assert f'href="/cabinet/{personas.practice_a.pk}/"' in page
    assert "Cabinet du Port" not in page
    assert 'href="/espace/nouveau/"' in page


def test_a_provider_of_two_practices_sees_both_to_switch(
    client: Client, personas: Personas
) -> None:
    Membership.objects.create(
        practice=personas.practice_b, user=personas.provider_a, role="it_provider"
    )
    client.force_login(personas.provider_a)
    page = html(client.get("/espace/"))
    assert "Vous faites partie de 2 cabinets" in page
    assert f'href="/cabinet/{personas.practice_a.pk}/"' in page
    assert f'href="/cabinet/{personas.practice_b.pk}/"' in page
    # Alphabetical: the switch reads in a stable order.
    assert page.index("Cabinet des Lilas") < page.index("Cabinet du Port")


def test_someone_without_practice_is_invited_to_create_or_be_invited(
    client: Client, db: None
) -> None:
    client.force_login(make_user("nouveau@exemple.test"))
    page = html(client.get("/espace/"))
    assert fr("Vous ne faites encore partie d'aucun cabinet.") in page
    assert "Créer un cabinet" in page
    assert "demandez au titulaire de vous inviter" in page
    assert "nouveau@exemple.test" in page


def test_the_create_form_lists_the_101_departements(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    page = html(client.get("/espace/nouveau/"))
    assert page.count("<option value=") == 102  # 101 + the empty "Choisissez" option
    assert '<option value="2B">2B — Haute-Corse</option>' in page
    assert '<label for="id_name">Nom du cabinet</label>' in page


def test_creating_makes_the_creator_owner_and_opens_the_dashboard(client: Client, db: None) -> None:
    user = make_user("createur@exemple.test")
    client.force_login(user)
    response = client.post("/espace/nouveau/", VALID)
    practice = Practice.objects.get(name="Cabinet des Oliviers")
    assert response.status_code == 302
    assert response["Location"] == f"/cabinet/{practice.pk}/"
    assert practice.department == "2A"
    assert practice.team_size == 3
    membership = Membership.objects.get(practice=practice)
    assert (membership.user, membership.role) == (user, "owner")
    assert AuditEvent.objects.filter(practice=practice, kind="member_added").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**VALID, "name": ""}, "Indiquez le nom du cabinet."),
        ({**VALID, "name": "   "}, "Indiquez le nom du cabinet."),
        ({**VALID, "name": "x" * 10_000}, "au plus 120 caractères (vous en avez saisi 10000)"),
        ({**VALID, "team_size": "0"}, "Indiquez un nombre de personnes entre 1 et 200."),
        ({**VALID, "team_size": "201"}, "Indiquez un nombre de personnes entre 1 et 200."),
        ({**VALID, "team_size": "abc"}, "Indiquez un nombre entier, entre 1 et 200."),
        ({**VALID, "team_size": ""}, "Indiquez le nombre de personnes, entre 1 et 200."),
        ({**VALID, "department": "20"}, "Choisissez un département dans la liste."),
        ({**VALID, "department": "975"}, "Choisissez un département dans la liste."),
        ({**VALID, "department": ""}, "Choisissez le département du cabinet."),
    ],
)
def test_bad_input_is_explained_and_kept(
    client: Client, personas: Personas, data: dict[str, str], message: str
) -> None:
    client.force_login(personas.owner_a)
    before = Practice.objects.count()
    response = client.post("/espace/nouveau/", data)
    page = html(response)
    assert response.status_code == 200
    assert message in page
    assert "Un point à corriger" in page
    assert Practice.objects.count() == before
    # What was typed is still there.
    if data["name"].strip():
        assert f'value="{data["name"]}"' in page
    if data["team_size"]:
        assert f'value="{data["team_size"]}"' in page
    if data["department"] == "2A":
        assert '<option value="2A" selected>' in page


def test_get_only_and_post_methods(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    assert client.post("/espace/").status_code == 405
    assert client.delete("/espace/nouveau/").status_code == 405


def test_creating_with_a_next_page_of_the_site_goes_there(client: Client, db: None) -> None:
    """ "Enregistrer dans mon espace" → "Créer l'espace de mon cabinet" → back to the save page."""
    client.force_login(make_user("createur@exemple.test"))
    next_url = "/espace/enregistrer/?r=abc"
    form = html(client.get("/espace/nouveau/", {"next": next_url}))
    assert "Créer un cabinet" in form
    # In the query string (the link's) or in the form's own field: both are followed.
    response = client.post(f"/espace/nouveau/?next={quote(next_url)}", VALID)
    assert (response.status_code, response["Location"]) == (302, next_url)
    response = client.post("/espace/nouveau/", {**VALID, "next": next_url})
    assert (response.status_code, response["Location"]) == (302, next_url)
    assert Practice.objects.filter(name="Cabinet des Oliviers").count() == 2


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/espace/",
        "http://evil.example/espace/enregistrer/?r=abc",
        "javascript:alert(1)",
        "/" + "x" * 3000,
    ],
)
def test_a_next_page_off_the_site_is_ignored(client: Client, db: None, next_url: str) -> None:
    client.force_login(make_user("createur@exemple.test"))
    response = client.post(f"/espace/nouveau/?next={quote(next_url)}", {**VALID, "next": next_url})
    practice = Practice.objects.get(name="Cabinet des Oliviers")
    assert (response.status_code, response["Location"]) == (302, f"/cabinet/{practice.pk}/")


def test_bad_input_with_a_next_page_keeps_it_for_the_next_try(client: Client, db: None) -> None:
    client.force_login(make_user("createur@exemple.test"))
    next_url = "/espace/enregistrer/?r=abc"
    response = client.post("/espace/nouveau/", {**VALID, "name": "", "next": next_url})
    assert response.status_code == 200
    assert response.context["next_url"] == next_url
    assert not Practice.objects.exists()


def test_a_practice_name_with_a_line_break_is_refused(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.post(
        "/espace/nouveau/",
        {"name": "Cab\r\nBcc: x@example.test", "department": "34", "team_size": "3"},
    )
    assert response.status_code == 200
    assert "doit tenir sur une ligne" in response.content.decode()
