"""Sign-up with a verified address, password rules, login, its rate limit, and their audit rows."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from cyberdent.audit.models import AuditEvent
from tests.accounts.helpers import PASSWORD, log_in
from tests.conftest import Personas

NEW_EMAIL = "dr.martin@cabinet-martin.test"
GOOD_PASSWORD = "quatre chats dorment au soleil"


def sign_up(client: Client, email: str = NEW_EMAIL, password: str = GOOD_PASSWORD) -> object:
    return client.post(
        "/comptes/signup/", {"email": email, "password1": password, "password2": password}
    )


def confirmation_path(body: str) -> str:
    match = re.search(r"http://testserver(/comptes/confirm-email/[^\s/]+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
def test_sign_up_then_confirm_the_email_then_logged_in(client: Client) -> None:
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == "/comptes/confirm-email/"
    user = get_user_model().objects.get(email=NEW_EMAIL)
    assert GOOD_PASSWORD not in user.password  # only a hash is stored
    assert "_auth_user_id" not in client.session  # not logged in before the address is verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [NEW_EMAIL]
    assert message.subject.startswith("[CyberDent] ")
    assert "Confirmez" in message.subject or "confirm" in message.subject.lower()
    path = confirmation_path(message.body)

    page = client.get(path)
    assert page.status_code == 200
    assert NEW_EMAIL in page.content.decode()
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert confirmed.url == "/espace/"  # the practice space
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.emailaddress_set.get(email=NEW_EMAIL).verified
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN, user=user).count() == 1


def test_passwords_are_hashed_with_argon2_by_the_project_settings() -> None:
    # Read from the settings module itself: a test run may swap in a faster hasher.
    from cyberdent.config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith(".Argon2PasswordHasher")
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    assert hasher.encode("x", hasher.salt()).startswith("argon2$argon2id$")


@pytest.mark.django_db
def test_two_people_can_sign_up_one_after_the_other(client: Client) -> None:
    assert sign_up(client).status_code == 302
    assert sign_up(Client(), email="assistant@cabinet-martin.test").status_code == 302
    emails = set(get_user_model().objects.values_list("email", flat=True))
    assert emails == {NEW_EMAIL, "assistant@cabinet-martin.test"}


@pytest.mark.django_db
def test_confirmation_email_is_plain_french_without_the_internal_username(client: Client) -> None:
    sign_up(client)
    message = mail.outbox[0]
    assert message.subject == "[CyberDent] Confirmez votre adresse e-mail"
    assert message.body.startswith("Bonjour,")
    assert "compte CyberDent" in message.body
    username = get_user_model().objects.get(email=NEW_EMAIL).username
    assert username not in message.body.replace(NEW_EMAIL, "")
    page = client.get(confirmation_path(message.body)).content.decode()
    assert NEW_EMAIL in page
    assert "utilisateur" not in page


@pytest.mark.django_db
def test_login_before_confirming_is_held_until_the_address_is_verified(client: Client) -> None:
    sign_up(client)
    client.logout()
    mail.outbox.clear()
    response = client.post("/comptes/login/", {"login": NEW_EMAIL, "password": GOOD_PASSWORD})
    assert response.status_code == 302
    assert response.url == "/comptes/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1  # the link is sent again


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        (
            "court 2026",
            "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères.",
        ),
        ("password1234", "Ce mot de passe est trop courant."),
        ("123456789012345", "Ce mot de passe est entièrement numérique."),
        ("dr.martin@cabinet-martin", "Le mot de passe est trop semblable"),
    ],
)
def test_weak_passwords_are_refused_in_french(client: Client, password: str, message: str) -> None:
    response = sign_up(client, password=password)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert f'value="{NEW_EMAIL}"' in html  # what was typed is kept
    assert not get_user_model().objects.filter(email=NEW_EMAIL).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_mismatched_confirmation_is_refused_in_french(client: Client) -> None:
    response = client.post(
        "/comptes/signup/",
        {"email": NEW_EMAIL, "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "!"},
    )
    assert "Vous devez saisir deux fois le même mot de passe." in response.content.decode()


def test_an_address_already_used_is_refused(client: Client, personas: Personas) -> None:
    # allauth does not reveal that the account exists: same answer as a new sign-up, and an
    # email to the address's owner pointing to the password reset.
    response = sign_up(client, email=personas.member_a.email)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email=personas.member_a.email).count() == 1
    assert [m.subject for m in mail.outbox] == ["[CyberDent] Ce compte existe déjà"]


def test_login_and_logout_are_recorded(client: Client, personas: Personas) -> None:
    response = log_in(client, personas.member_a.email)
    assert response.status_code == 302
    login = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN)
    assert login.user == personas.member_a
    assert login.actor_email == personas.member_a.email
    assert login.practice is None
    assert login.ip_address == "127.0.0.1"
    client.post("/comptes/logout/")
    logout = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGOUT)
    assert logout.user == personas.member_a


def test_failed_login_is_refused_in_french_and_recorded(client: Client, personas: Personas) -> None:
    response = log_in(client, "Assistante@Lilas.test", "pas le bon mot de passe")
    assert response.status_code == 200
    html = response.content.decode()
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in html
    assert "pas le bon mot de passe" not in html  # the password is never sent back
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert event.user is None
    assert event.actor_email == "assistante@lilas.test"
    assert "pas le bon" not in event.detail
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN).exists()


def test_sixth_failed_login_in_a_row_is_refused_even_with_the_right_password(
    client: Client, personas: Personas
) -> None:
    email = personas.member_a.email
    for _ in range(5):
        response = log_in(client, email, "mauvais mot de passe")
        assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()
    sixth = log_in(client, email, PASSWORD)
    assert sixth.status_code == 200
    assert (
        "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."
        in sixth.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED).count() == 5


def test_rate_limit_is_per_address_too(client: Client, personas: Personas) -> None:
    for _ in range(5):
        log_in(client, personas.member_a.email, "mauvais mot de passe")
    other = Client(REMOTE_ADDR="192.0.2.7")  # another computer
    refused = log_in(other, personas.member_a.email, PASSWORD)
    assert "Trop de tentatives" in refused.content.decode()
    # Another person in the practice can still log in from that computer.
    assert log_in(other, personas.owner_a.email).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/comptes/signup/", {"email": "a" * 10_000, "password1": "x", "password2": "x"}),
        ("/comptes/signup/", {"email": "pas-une-adresse", "password1": GOOD_PASSWORD}),
        ("/comptes/login/", {"login": "a" * 10_000 + "@x.fr", "password": "y" * 10_000}),
        ("/comptes/login/", {}),
        ("/comptes/password/reset/", {"email": "a" * 10_000}),
    ],
)
def test_bad_input_gets_a_french_message_not_an_error(
    client: Client, url: str, data: dict[str, str]
) -> None:
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Des informations sont à corriger" in html or "Une information est à corriger" in html


@pytest.mark.django_db
def test_a_bidi_control_never_gets_into_an_address(client: Client) -> None:
    """Django's email check lets U+202E through in the domain part; the team would see it."""
    response = sign_up(client, email="marie@cabinet.fr\u202e")
    assert response.status_code == 302
    assert get_user_model().objects.get().email == "marie@cabinet.fr"
    assert mail.outbox[0].to == ["marie@cabinet.fr"]
