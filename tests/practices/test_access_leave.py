"""Leaving a practice that requires two-factor login is possible without it; every other page
of that practice still leads a member without two-factor login to set it up first."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from cyberdent.domain.roles import Permission
from cyberdent.practices.models import Membership, Practice
from cyberdent.practices.views import team
from tests.conftest import Personas
from tests.french import fr
from tests.practices.conftest import html


@pytest.fixture
def strict(personas: Personas) -> Personas:
    Practice.objects.filter(pk=personas.practice_a.pk).update(require_mfa=True)
    return personas


def leave_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/quitter/"


def test_other_pages_still_send_a_member_without_2fa_to_set_it_up(
    client: Client, strict: Personas
) -> None:
    assert not Authenticator.objects.filter(user=strict.member_a).exists()
    client.force_login(strict.member_a)
    for path in ("", "equipe/"):
        response = client.get(f"/cabinet/{strict.practice_a.pk}/{path}")
        assert response.status_code == 302, path
        assert response["Location"].startswith("/comptes/2fa/totp/activate/?next="), path


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_a_member_without_2fa_can_still_leave(client: Client, strict: Personas, who: str) -> None:
    user = getattr(strict, who)
    client.force_login(user)
    confirm = client.get(leave_url(strict))
    assert confirm.status_code == 200
    assert fr("Quitter le cabinet « Cabinet des Lilas »") in html(confirm)
    response = client.post(leave_url(strict))
    assert (response.status_code, response["Location"]) == (302, "/espace/")
    assert not Membership.objects.filter(practice=strict.practice_a, user=user).exists()


def test_the_last_owner_without_2fa_is_still_kept(client: Client, strict: Personas) -> None:
    client.force_login(strict.owner_a)
    response = client.post(leave_url(strict), follow=True)
    assert "Un cabinet doit toujours avoir au moins un titulaire" in html(response)
    assert Membership.objects.filter(practice=strict.practice_a, user=strict.owner_a).exists()


def test_a_stranger_still_gets_404_and_anonymous_the_login(
    client: Client, strict: Personas
) -> None:
    response = client.post(leave_url(strict))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    client.force_login(strict.owner_b)
    assert client.get(leave_url(strict)).status_code == 404
    assert client.post(leave_url(strict)).status_code == 404
    assert client.post(f"/cabinet/{strict.practice_a.pk + 999}/quitter/").status_code == 404


def test_the_leave_view_still_declares_its_permission() -> None:
    assert team.leave.required_permission == Permission.VIEW
    assert team.team.required_permission == Permission.VIEW
