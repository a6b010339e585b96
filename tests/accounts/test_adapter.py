"""After a login that lost its `next`, a result waiting in the session is saved, not lost."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.test import Client

from cyberdent.assessments.views_public import PENDING_RESULT_KEY
from cyberdent.practices.models import Membership
from tests.accounts.helpers import PASSWORD
from tests.conftest import Personas, all_yes

SAVE = "/espace/enregistrer/"


def wait_with_a_result(client: Client, **overrides: str) -> str:
    """An anonymous visitor asks to save their result: the token stays in the session."""
    location = client.post("/diagnostic/", all_yes(**overrides))["Location"]
    token = parse_qs(urlparse(location).query)["r"][0]
    assert client.get(SAVE, {"r": token}).status_code == 302  # to the login page
    assert client.session[PENDING_RESULT_KEY] == token
    return token


def save_url_of(location: str) -> str:
    parsed = urlparse(location)
    assert parsed.path == SAVE, location
    return parse_qs(parsed.query)["r"][0]


def test_a_login_without_next_goes_to_the_waiting_result(
    client: Client, personas: Personas
) -> None:
    token = wait_with_a_result(client, backups="no")
    response = client.post(
        "/comptes/login/", {"login": personas.owner_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert save_url_of(response["Location"]) == token
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Cabinet des Lilas" in page.content.decode()


def test_without_a_waiting_result_one_practice_lands_on_its_dashboard(
    client: Client, personas: Personas
) -> None:
    response = client.post(
        "/comptes/login/", {"login": personas.owner_a.email, "password": PASSWORD}
    )
    dashboard = f"/cabinet/{personas.practice_a.pk}/"
    assert (response.status_code, response["Location"]) == (302, dashboard)


def test_with_two_practices_the_list_of_practices(client: Client, personas: Personas) -> None:
    Membership.objects.create(
        practice=personas.practice_b, user=personas.owner_a, role="it_provider"
    )
    response = client.post(
        "/comptes/login/", {"login": personas.owner_a.email, "password": PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (302, "/espace/")


def test_the_login_page_says_why_and_that_the_answers_are_kept(client: Client, db: None) -> None:
    wait_with_a_result(client)
    login = client.get("/comptes/login/").content.decode()
    assert "Pour enregistrer votre diagnostic, connectez-vous" in login
    assert "Vos réponses sont gardées" in login
    signup = client.get("/comptes/signup/").content.decode()
    assert "Pour enregistrer votre diagnostic, créez votre compte" in signup
    fresh = Client().get("/comptes/login/").content.decode()
    assert "Vos réponses sont gardées" not in fresh


def test_an_explicit_next_still_wins(client: Client, personas: Personas) -> None:
    wait_with_a_result(client)
    team = f"/cabinet/{personas.practice_a.pk}/equipe/"
    response = client.post(
        "/comptes/login/",
        {"login": personas.owner_a.email, "password": PASSWORD, "next": team},
    )
    assert (response.status_code, response["Location"]) == (302, team)


def test_once_saved_the_result_no_longer_redirects(client: Client, personas: Personas) -> None:
    token = wait_with_a_result(client)
    client.force_login(personas.owner_a)
    client.post(SAVE, {"r": token, "practice": personas.practice_a.pk})
    assert PENDING_RESULT_KEY not in client.session
    client.logout()
    response = client.post(
        "/comptes/login/", {"login": personas.owner_a.email, "password": PASSWORD}
    )
    assert response["Location"] == f"/cabinet/{personas.practice_a.pk}/"


@pytest.mark.django_db
def test_sign_up_that_lost_next_then_email_confirmed_goes_to_the_result(client: Client) -> None:
    token = wait_with_a_result(client, mfa="no")
    # Sign-up from the plain sign-up page: no `next` travels with it.
    response = client.post(
        "/comptes/signup/",
        {"email": "dr.nouveau@cabinet.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    link = re.search(r"https?://testserver(/comptes/confirm-email/\S+/)", mail.outbox[0].body)
    assert link is not None
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert save_url_of(response["Location"]) == token
    assert client.session.get("_auth_user_id")  # logged in on confirmation
