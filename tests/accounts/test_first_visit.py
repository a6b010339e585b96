"""A newcomer's way in: the invited address pre-filled and trusted, the confirmation e-mail sent
again on request, the password rules said once."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from cyberdent.practices.models import Membership
from tests.accounts.test_signup_login import GOOD_PASSWORD, NEW_EMAIL, sign_up
from tests.conftest import Personas
from tests.french import fr
from tests.practices.conftest import make_invitation

RESEND = "/comptes/confirmation/renvoyer/"


def test_invitation_sign_up_is_pre_filled_and_needs_no_confirmation(
    client: Client, personas: Personas
) -> None:
    _, token = make_invitation(personas.practice_a, "nouvelle@lilas.test")
    assert client.get(f"/invitation/{token}/").status_code == 302
    page = client.get(f"/comptes/signup/?next=/invitation/{token}/").content.decode()
    assert re.search(r'<input type="email" name="email" value="nouvelle@lilas.test"', page)
    mail.outbox.clear()
    response = client.post(
        f"/comptes/signup/?next=/invitation/{token}/",
        {"email": "nouvelle@lilas.test", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    # The link reached that address: no confirmation e-mail, straight back to the invitation.
    assert response.status_code == 302 and response["Location"] == f"/invitation/{token}/"
    assert EmailAddress.objects.get(email="nouvelle@lilas.test").verified
    assert not [m for m in mail.outbox if "confirm" in m.body]
    client.post(f"/invitation/{token}/")
    assert Membership.objects.filter(
        practice=personas.practice_a, user__email="nouvelle@lilas.test"
    ).exists()


def test_another_address_than_the_invited_one_is_confirmed_as_usual(
    client: Client, personas: Personas
) -> None:
    _, token = make_invitation(personas.practice_a, "nouvelle@lilas.test")
    client.get(f"/invitation/{token}/")
    sign_up(client, email="autre@lilas.test")
    assert not EmailAddress.objects.get(email="autre@lilas.test").verified


def test_an_expired_or_made_up_link_pre_fills_nothing(client: Client, personas: Personas) -> None:
    client.get("/invitation/un-lien-invente/")
    page = client.get("/comptes/signup/").content.decode()
    assert 'name="email" value=' not in page


@pytest.mark.django_db
def test_resend_the_confirmation_e_mail(client: Client) -> None:
    sign_up(client)
    client.logout()
    mail.outbox.clear()
    assert fr("Renvoyer l'e-mail de confirmation") in client.get("/comptes/login/").content.decode()
    response = client.post(RESEND, {"email": NEW_EMAIL.upper()})
    assert response.status_code == 302 and response["Location"] == RESEND
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [NEW_EMAIL]
    page = client.get(RESEND).content.decode()
    assert "un nouvel e-mail vient de lui être envoyé" in page


@pytest.mark.parametrize("email", ["inconnu@example.fr", "assistante@lilas.test"])
def test_resend_says_the_same_for_unknown_or_confirmed_and_sends_nothing(
    client: Client, personas: Personas, email: str
) -> None:
    mail.outbox.clear()
    page = client.post(RESEND, {"email": email}, follow=True).content.decode()
    assert "un nouvel e-mail vient de lui être envoyé" in page
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["", "pas une adresse", "a@b\u202ec.fr" + "x" * 400])
def test_resend_bad_input_is_kept_with_a_message(client: Client, email: str) -> None:
    response = client.post(RESEND, {"email": email})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


@pytest.mark.django_db
def test_the_password_rule_is_said_once(client: Client) -> None:
    html = sign_up(client, password="court").content.decode()  # type: ignore[attr-defined]
    form = html[html.index("<form") : html.index("</form>")]
    # The summary links to the field, the field says it; Django's list of rules is gone.
    assert form.count("trop court") == 2
    assert "ne peut pas être entièrement numérique" not in html
    assert "12 caractères" in html[: html.index("<form")]  # the page's own sentence
    assert '<label for="id_email">Adresse e-mail</label>' in html
