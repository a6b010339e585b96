"""Shared steps of the accounts tests: a real login through allauth's form, TOTP set-up."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.test import Client

from tests.accounts.totp import secret_from_page, totp_code

PASSWORD = "un mot de passe solide 2026"  # the personas' password (tests/conftest.py)


def log_in(client: Client, email: str, password: str = PASSWORD) -> Any:
    """Log in through the login form, as a person would (allauth then records the password
    authentication, which its reauthentication checks look for)."""
    return client.post("/comptes/login/", {"login": email, "password": password})


def reauthenticate(client: Client, password: str = PASSWORD) -> None:
    """Type the password again: allauth asks it before any two-factor change."""
    response = client.post("/comptes/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()


def activate_totp(client: Client) -> str:
    """Activate the authenticator app for the logged-in client; return its secret.

    allauth sends its signals and notification email on commit, inside the request: tests that
    call this use a transactional database (django_db(transaction=True)) so that they do.
    """
    reauthenticate(client)
    page = client.get("/comptes/2fa/totp/activate/")
    assert page.status_code == 200, page
    secret = secret_from_page(page.content.decode())
    done = client.post("/comptes/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302, done.content.decode()
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()
    return secret
