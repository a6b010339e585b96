"""/cabinet/<id>/parametres/: name, département, team size, two-factor rule, update slot."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from cyberdent.audit.models import AuditEvent
from tests.conftest import Personas
from tests.french import fr
from tests.practices.conftest import html

VALID = {
    "name": "Cabinet des Lilas Bleus",
    "department": "31",
    "team_size": "5",
    "update_weekday": "1",
    "update_time": "08:15",
}


def url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/parametres/"


def test_owner_sees_the_current_values(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.get(url(personas))
    page = html(response)
    assert response.status_code == 200
    assert 'value="Cabinet des Lilas"' in page
    assert '<option value="34" selected>34 — Hérault</option>' in page
    assert 'value="4"' in page
    assert '<option value="4" selected>Vendredi</option>' in page
    assert 'value="12:30"' in page
    assert "Exiger la double authentification pour tous les membres" in page
    assert fr("Plage de mise à jour prévue dans l'agenda") in page


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_member_and_provider_are_refused(client: Client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    assert client.get(url(personas)).status_code == 403
    assert client.post(url(personas), VALID).status_code == 403
    personas.practice_a.refresh_from_db()
    assert personas.practice_a.name == "Cabinet des Lilas"


def test_stranger_404_anonymous_login(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    assert client.get(url(personas)).status_code == 404
    assert client.post(url(personas), VALID).status_code == 404
    client.logout()
    assert client.get(url(personas)).status_code == 302


def test_owner_saves_the_settings(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.post(url(personas), VALID)
    assert response.status_code == 302
    practice = personas.practice_a
    practice.refresh_from_db()
    assert practice.name == "Cabinet des Lilas Bleus"
    assert practice.department == "31"
    assert practice.team_size == 5
    assert practice.update_weekday == 1
    assert practice.update_time == dt.time(8, 15)
    assert practice.require_mfa is False
    assert not AuditEvent.objects.filter(kind="mfa_required_changed").exists()
    assert "Les paramètres du cabinet sont enregistrés." in html(client.get(response["Location"]))


def test_requiring_mfa_without_it_saves_and_warns(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.post(url(personas), {**VALID, "require_mfa": "on"}, follow=True)
    personas.practice_a.refresh_from_db()
    assert personas.practice_a.require_mfa is True
    assert AuditEvent.objects.filter(
        practice=personas.practice_a, kind="mfa_required_changed"
    ).exists()
    page = html(response)
    assert fr("vous allez être guidé·e pour l'activer") in page
    # The practice now leads its members (the owner included) to set up two-factor login.
    # (allauth first asks for the password again when the login is not recent.)
    assert any("totp" in location for location, _ in response.redirect_chain)


def test_requiring_mfa_with_it_does_not_warn(client: Client, personas: Personas) -> None:
    Authenticator.objects.create(
        user=personas.owner_a, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    client.force_login(personas.owner_a)
    response = client.post(url(personas), {**VALID, "require_mfa": "on"}, follow=True)
    page = html(response)
    assert response.status_code == 200
    assert "Les paramètres du cabinet sont enregistrés." in page
    assert "vous allez être guidé·e" not in page
    assert "checked" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Indiquez le nom du cabinet."),
        ("name", "y" * 10_000, "au plus 120 caractères"),
        ("team_size", "0", "entre 1 et 200"),
        ("team_size", "abc", "Indiquez un nombre entier"),
        ("department", "99", "Choisissez un département dans la liste."),
        ("update_weekday", "7", "Choisissez un jour de la semaine dans la liste."),
        ("update_weekday", "lundi", "Choisissez un jour de la semaine dans la liste."),
        ("update_time", "25:99", "Indiquez une heure au format 12:30."),
        ("update_time", "", fr("Indiquez l'heure de la plage de mise à jour")),
    ],
    ids=lambda value: value[:20] if isinstance(value, str) else None,
)
def test_bad_input_is_explained_and_kept(
    client: Client, personas: Personas, field: str, value: str, message: str
) -> None:
    client.force_login(personas.owner_a)
    data = {**VALID, field: value, "require_mfa": "on"}
    response = client.post(url(personas), data)
    page = html(response)
    assert response.status_code == 200
    assert message in page
    assert "Un point à corriger" in page
    personas.practice_a.refresh_from_db()
    assert personas.practice_a.name == "Cabinet des Lilas"
    assert personas.practice_a.require_mfa is False
    if field != "name":
        assert 'value="Cabinet des Lilas Bleus"' in page
    else:
        assert f'value="{value}"' in page or value == ""
    checkbox = 'id="id_require_mfa" aria-describedby="id_require_mfa_helptext" checked'
    assert checkbox in page
