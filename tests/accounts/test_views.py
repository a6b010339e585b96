"""My account page and deleting one's own account (accounts/views.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Membership, Practice
from tests.accounts.helpers import PASSWORD
from tests.conftest import Personas, make_user
from tests.french import fr

DELETE = "/comptes/supprimer/"


def exists(user: object) -> bool:
    return get_user_model().objects.filter(pk=user.pk).exists()  # type: ignore[attr-defined]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/comptes/mon-compte/", DELETE])
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/comptes/login/?next={url}"
    assert client.post(url, {"confirm": "on", "password": PASSWORD}).status_code == 302


def test_overview_links_every_account_page(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    html = client.get("/comptes/mon-compte/").content.decode()
    for href in ["/comptes/2fa/", "/comptes/password/change/", "/comptes/email/", DELETE]:
        assert f'href="{href}"' in html
    assert "Pas encore activée." in html
    assert personas.member_a.email in html


def test_member_sees_what_deletion_does(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    html = client.get(DELETE).content.decode()
    assert fr("Vous quitterez l'équipe de : <strong>Cabinet des Lilas</strong>") in html
    assert '<label for="id_confirm">Je confirme vouloir supprimer mon compte</label>' in html
    assert '<label for="id_password">Mon mot de passe actuel</label>' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": PASSWORD}, "Cochez la case pour confirmer la suppression."),
        ({"confirm": "on"}, "Saisissez votre mot de passe pour confirmer."),
        ({"confirm": "on", "password": "pas le bon"}, fr("Ce mot de passe n&#x27;est pas le bon.")),
        ({"confirm": "on", "password": "x" * 10_000}, "4096 caractères"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_deleted(
    client: Client, personas: Personas, data: dict[str, str], message: str
) -> None:
    client.force_login(personas.member_a)
    response = client.post(DELETE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    if "confirm" in data:
        # The ticked box stays ticked.
        assert re.search(r'<input type="checkbox" name="confirm"[^>]*\bchecked\b', html)
    assert exists(personas.member_a)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCOUNT_DELETED).exists()


def test_member_deletes_their_account(client: Client, personas: Personas) -> None:
    member = personas.member_a
    email = member.email
    client.force_login(member)
    response = client.post(DELETE, {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"
    assert not exists(member)
    assert "_auth_user_id" not in client.session  # logged out
    home = client.get("/").content.decode()
    assert "Votre compte a été supprimé." in home
    # The practice stays, with its other members; the journal keeps who left.
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()
    assert Membership.objects.filter(practice=personas.practice_a).count() == 2
    in_practice = AuditEvent.objects.get(
        kind=AuditEvent.Kind.ACCOUNT_DELETED, practice=personas.practice_a
    )
    assert in_practice.actor_email == email and in_practice.user is None
    personal = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCOUNT_DELETED, practice=None)
    assert personal.actor_email == email
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT).exists()


def test_only_owner_of_a_team_is_refused_with_the_way_out(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    page = client.get(DELETE)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Votre compte ne peut pas encore être supprimé" in html
    assert f'href="/cabinet/{personas.practice_a.pk}/equipe/">Cabinet des Lilas</a>' in html
    assert fr("nommez d'abord une autre personne titulaire") in html
    assert 'name="password"' not in html
    refused = client.post(DELETE, {"confirm": "on", "password": PASSWORD})
    assert refused.status_code == 409
    assert "Votre compte ne peut pas encore être supprimé" in refused.content.decode()
    assert exists(personas.owner_a)
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()


def test_owner_can_leave_once_another_owner_is_named(client: Client, personas: Personas) -> None:
    Membership.objects.filter(user=personas.member_a).update(role="owner")
    client.force_login(personas.owner_a)
    response = client.post(DELETE, {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert not exists(personas.owner_a)
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()


def test_only_member_deletes_the_practice_with_the_account(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_b)
    html = client.get(DELETE).content.decode()
    assert "Ce cabinet sera supprimé aussi" in html
    assert "Cabinet du Port" in html
    assert f'href="/cabinet/{personas.practice_b.pk}/export/"' in html
    response = client.post(DELETE, {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert not exists(personas.owner_b)
    assert not Practice.objects.filter(pk=personas.practice_b.pk).exists()
    deleted = AuditEvent.objects.get(kind=AuditEvent.Kind.PRACTICE_DELETED)
    assert "Cabinet du Port" in deleted.detail and deleted.practice is None
    assert deleted.actor_email == "titulaire@port.test"
    # Practice A is untouched.
    assert Membership.objects.filter(practice=personas.practice_a).count() == 3


@pytest.mark.django_db
def test_person_without_practice_deletes_their_account(client: Client) -> None:
    user = make_user("seul@exemple.test")
    client.force_login(user)
    assert client.post(DELETE, {"confirm": "on", "password": PASSWORD}).status_code == 302
    assert not exists(user)


def test_password_guessing_is_limited(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    for _ in range(10):
        client.post(DELETE, {"confirm": "on", "password": "essai"})
    response = client.post(DELETE, {"confirm": "on", "password": PASSWORD})
    assert fr("Trop d&#x27;essais de mot de passe.") in response.content.decode()
    assert exists(personas.member_a)


def test_get_changes_nothing(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    client.get(DELETE, {"confirm": "on", "password": PASSWORD})
    assert exists(personas.owner_b)
