"""allauth's pages render inside CyberDent's layout, in French, with labelled fields."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tests.accounts.helpers import activate_totp, log_in, reauthenticate
from tests.conftest import Personas
from tests.french import fr

# Words of allauth's English templates that must not appear on a French page.
ENGLISH = ("Sign In", "Sign Up", "Sign Out", "Password Reset", "Two-Factor", "Recovery Codes")


def assert_french_page(html: str, heading: str) -> None:
    assert '<html lang="fr">' in html
    # CyberDent's header, not allauth's bare page
    assert "Victime d’une cyberattaque\u202f?" in html
    assert "accounts/accounts.css" in html
    assert html.count("<h1") == 1
    assert heading in html, heading
    for word in ENGLISH:
        assert word not in html, word
    assert "Messages:" not in html and "Menu:" not in html  # allauth's own layout is gone
    # No inline script or style: the CSP forbids them.
    assert "<script" not in html and "style=" not in html


def assert_labelled(html: str) -> None:
    """Every visible input, textarea and select has a <label for> (or is a button)."""
    ids = re.findall(r"<(?:input|textarea|select)\b[^>]*\bid=\"([^\"]+)\"", html)
    types = re.findall(r"<input\b[^>]*\btype=\"(hidden|submit)\"[^>]*\bid=\"([^\"]+)\"", html)
    hidden = {i for _, i in types}
    for field_id in ids:
        if field_id not in hidden:
            assert f'for="{field_id}"' in html, field_id


ANONYMOUS_PAGES = [
    ("/comptes/login/", "Se connecter à mon espace"),
    ("/comptes/signup/", "Créer un compte"),
    ("/comptes/password/reset/", "Réinitialisation du mot de passe"),
    ("/comptes/password/reset/done/", "Réinitialisation du mot de passe"),
    ("/comptes/confirm-email/", "Confirmez votre adresse e-mail"),
    ("/comptes/confirm-email/une-cle-inventee/", "Confirmer l’adresse e-mail"),
    ("/comptes/password/reset/key/1-une-cle-inventee/", "Mauvais jeton"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "heading"), ANONYMOUS_PAGES)
def test_anonymous_pages_are_french_in_our_layout(client: Client, url: str, heading: str) -> None:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert_french_page(html, heading)
    assert_labelled(html)


@pytest.mark.django_db
def test_login_form_has_visible_labels_and_a_reset_link(client: Client) -> None:
    html = client.get("/comptes/login/").content.decode()
    assert '<label for="id_login">Adresse e-mail</label>' in html
    assert '<label for="id_password">Mot de passe</label>' in html
    assert 'href="/comptes/password/reset/"' in html
    assert 'href="/comptes/signup/"' in html
    assert "novalidate" in html


MANAGE_PAGES = [
    ("/comptes/logout/", "Se déconnecter"),
    ("/comptes/password/change/", "Modifier le mot de passe"),
    ("/comptes/email/", "Adresses e-mail"),
    ("/comptes/2fa/", "Double authentification"),
    ("/comptes/mon-compte/", "Mon compte"),
    ("/comptes/supprimer/", "Supprimer mon compte"),
]


@pytest.mark.parametrize(("url", "heading"), MANAGE_PAGES)
def test_account_pages_are_french_in_our_layout(
    client: Client, personas: Personas, url: str, heading: str
) -> None:
    log_in(client, personas.member_a.email)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_french_page(html, heading)
    assert_labelled(html)


def test_totp_activation_page_shows_the_qr_code_inline_and_is_never_cached(
    client: Client, personas: Personas
) -> None:
    log_in(client, personas.member_a.email)
    assert client.get("/comptes/2fa/totp/activate/").url.startswith("/comptes/reauthenticate/")
    reauth = client.get("/comptes/reauthenticate/?next=/comptes/2fa/totp/activate/")
    assert_french_page(reauth.content.decode(), "Confirmer votre mot de passe")
    reauthenticate(client)
    response = client.get("/comptes/2fa/totp/activate/")
    html = response.content.decode()
    assert_french_page(html, "Activer la double authentification")
    assert_labelled(html)
    # Drawn inline (no data: URI): the CSP allows images from the site only.
    assert '<div class="qr" role="img" aria-label="QR code à scanner' in html
    assert "<svg" in html and fr("data:") not in html
    assert "img-src 'self';" in response.headers["Content-Security-Policy"]
    assert "no-store" in response.headers["Cache-Control"]  # the page shows the secret
    assert '<label for="id_code">' in html


def test_pages_once_totp_is_on(client: Client, personas: Personas) -> None:
    log_in(client, personas.member_a.email)
    activate_totp(client)
    for url, heading in [
        ("/comptes/2fa/", "Double authentification"),
        ("/comptes/2fa/totp/deactivate/", "Désactiver la double authentification"),
        ("/comptes/2fa/recovery-codes/", "Vos codes de secours"),
        ("/comptes/2fa/recovery-codes/generate/", "Créer de nouveaux codes de secours"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_french_page(response.content.decode(), heading)
    download = client.get("/comptes/2fa/recovery-codes/download/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    text = download.content.decode()
    assert text.startswith("Codes de secours CyberDent")
    assert len(re.findall(r"^[0-9a-z]{8}$", text, flags=re.MULTILINE)) == 10


def test_password_reset_sends_a_french_email_whose_link_works(
    client: Client, personas: Personas
) -> None:
    response = client.post("/comptes/password/reset/", {"email": personas.member_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[CyberDent] ")
    assert "Réinitialisation" in message.subject or "mot de passe" in message.subject.lower()
    link = re.search(r"http://testserver(/comptes/password/reset/key/\S+)", message.body)
    assert link, message.body
    page = client.get(link.group(1), follow=True)
    html = page.content.decode()
    assert_french_page(html, "Modifier le mot de passe")
    assert_labelled(html)
    new_password = "une autre phrase secrète 2027"
    done = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
        follow=True,
    )
    assert "Votre mot de passe a été modifié." in done.content.decode()
    personas.member_a.refresh_from_db()
    assert personas.member_a.check_password(new_password)
