"""Two-factor login: TOTP set-up with a code computed here, login asking for it, recovery codes,
the way back to the practice, and the audit rows of each change."""

from __future__ import annotations

import base64
import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import resolve

from cyberdent.accounts import mfa_views
from cyberdent.audit.models import AuditEvent
from tests.accounts.helpers import activate_totp, log_in, reauthenticate
from tests.accounts.totp import secret_from_page, totp_code
from tests.conftest import Personas
from tests.french import fr

ACTIVATE = "/comptes/2fa/totp/activate/"


def test_rfc6238_reference_values() -> None:
    # RFC 6238 appendix B, SHA-1 key "12345678901234567890".
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp_code(secret, at=59, digits=8) == "94287082"
    assert totp_code(secret, at=1111111109, digits=8) == "07081804"


def test_our_views_serve_allauths_paths() -> None:
    assert resolve(ACTIVATE).func.view_class is mfa_views.ActivateTOTPView  # type: ignore[attr-defined]
    recovery = resolve("/comptes/2fa/recovery-codes/").func
    assert recovery.view_class is mfa_views.ViewRecoveryCodesView  # type: ignore[attr-defined]


def test_activation_asks_the_password_again_first(client: Client, personas: Personas) -> None:
    log_in(client, personas.member_a.email)
    response = client.get(ACTIVATE + "?next=/cabinet/1/")
    assert response.status_code == 302
    assert response.url.startswith("/comptes/reauthenticate/?next=")
    assert "next%3D%2Fcabinet%2F1%2F" in response.url  # the way back is kept


def test_wrong_code_is_refused_in_french_and_nothing_is_activated(
    client: Client, personas: Personas
) -> None:
    log_in(client, personas.member_a.email)
    reauthenticate(client)
    secret = secret_from_page(client.get(ACTIVATE).content.decode())
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    response = client.post(ACTIVATE, {"code": wrong})
    assert response.status_code == 200
    html = response.content.decode()
    assert "heure de votre téléphone est réglée automatiquement" in html
    assert 'class="error-summary"' in html
    assert secret_from_page(html) == secret  # same key: the app already scanned it still works
    assert not Authenticator.objects.filter(user=personas.member_a).exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.MFA_ENABLED).exists()


# allauth sends these signals on commit: a real transaction is needed.
@pytest.mark.django_db(transaction=True)
def test_activation_records_one_event_and_shows_the_recovery_codes(
    client: Client, personas: Personas
) -> None:
    log_in(client, personas.member_a.email)
    activate_totp(client)
    types = set(Authenticator.objects.filter(user=personas.member_a).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_ENABLED)
    assert event.user == personas.member_a and event.practice is None
    page = client.get("/comptes/2fa/recovery-codes/").content.decode()
    assert len(re.findall(r"<li>[0-9a-z]{8}</li>", page)) == 10
    assert fr('href="/espace/">J\'ai noté mes codes, continuer</a>') in page


def test_after_activation_the_next_url_leads_back_to_the_practice(
    client: Client, personas: Personas
) -> None:
    target = f"/cabinet/{personas.practice_a.pk}/"
    log_in(client, personas.member_a.email)
    reauthenticate(client)
    page = client.get(ACTIVATE + f"?next={target}").content.decode()
    assert f'<input type="hidden" name="next" value="{target}">' in page
    response = client.post(ACTIVATE, {"code": totp_code(secret_from_page(page)), "next": target})
    assert response.status_code == 302
    assert (
        response.url
        == f"/comptes/2fa/recovery-codes/?next=%2Fcabinet%2F{personas.practice_a.pk}%2F"
    )
    codes = client.get(response.url).content.decode()
    assert f'href="{target}">J’ai noté mes codes, continuer</a>' in codes


@pytest.mark.parametrize(
    "forged", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_a_foreign_next_url_is_ignored(client: Client, personas: Personas, forged: str) -> None:
    log_in(client, personas.member_a.email)
    reauthenticate(client)
    page = client.get(ACTIVATE, {"next": forged}).content.decode()
    assert 'name="next"' not in page
    response = client.post(ACTIVATE, {"code": totp_code(secret_from_page(page)), "next": forged})
    assert response.url == "/comptes/2fa/recovery-codes/"
    codes = client.get("/comptes/2fa/recovery-codes/", {"next": forged}).content.decode()
    assert "evil.example" not in codes and fr("javascript:") not in codes
    assert fr('href="/espace/">J\'ai noté') in codes


def test_practice_requiring_mfa_sends_the_member_to_the_activation_and_back(
    client: Client, personas: Personas
) -> None:
    practice = personas.practice_a
    practice.require_mfa = True
    practice.save()
    dashboard = f"/cabinet/{practice.pk}/"
    log_in(client, personas.member_a.email)
    refused = client.get(dashboard)
    assert refused.status_code == 302
    assert refused.url.startswith(ACTIVATE)
    activate_totp(client)
    assert client.get(dashboard).status_code == 200


def test_login_then_asks_for_the_code(client: Client, personas: Personas) -> None:
    email = personas.member_a.email
    log_in(client, email)
    secret = activate_totp(client)
    client.post("/comptes/logout/")
    AuditEvent.objects.all().delete()

    first_step = log_in(client, email)
    assert first_step.status_code == 302
    assert first_step.url == "/comptes/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone does not let you in
    page = client.get("/comptes/2fa/authenticate/").content.decode()
    assert "Code de double authentification" in page
    assert '<label for="id_code">' in page

    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    refused = client.post("/comptes/2fa/authenticate/", {"code": wrong})
    assert "heure de votre téléphone est réglée automatiquement" in refused.content.decode()
    failed = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert failed.user == personas.member_a
    assert "code de double authentification incorrect" in failed.detail
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN).exists()

    done = client.post("/comptes/2fa/authenticate/", {"code": totp_code(secret)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.member_a.pk)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN).count() == 1


def test_a_recovery_code_replaces_the_phone_once(client: Client, personas: Personas) -> None:
    email = personas.member_a.email
    log_in(client, email)
    activate_totp(client)
    codes = re.findall(
        r"<li>([0-9a-z]{8})</li>", client.get("/comptes/2fa/recovery-codes/").content.decode()
    )
    client.post("/comptes/logout/")
    log_in(client, email)
    assert client.post("/comptes/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert client.session["_auth_user_id"] == str(personas.member_a.pk)
    client.post("/comptes/logout/")
    log_in(client, email)
    again = client.post("/comptes/2fa/authenticate/", {"code": codes[0]})
    assert "heure de votre téléphone est réglée automatiquement" in again.content.decode()


# allauth sends these signals on commit: a real transaction is needed.
@pytest.mark.django_db(transaction=True)
def test_deactivation_and_new_recovery_codes_are_recorded(
    client: Client, personas: Personas
) -> None:
    log_in(client, personas.member_a.email)
    activate_totp(client)
    generated = client.post("/comptes/2fa/recovery-codes/generate/")
    assert generated.status_code == 302
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECOVERY_CODES, user=personas.member_a
    ).exists()
    deactivated = client.post("/comptes/2fa/totp/deactivate/")
    assert deactivated.status_code == 302
    assert not Authenticator.objects.filter(user=personas.member_a).exists()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.MFA_DISABLED, user=personas.member_a
    ).exists()


def test_absurd_code_and_next_are_refused_calmly(client: Client, personas: Personas) -> None:
    log_in(client, personas.member_a.email)
    reauthenticate(client)
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": "9" * 10_000, "next": "/" + "x" * 10_000})
    assert response.status_code == 200
    html = response.content.decode()
    assert "heure de votre téléphone est réglée automatiquement" in html
    assert 'name="next"' not in html


def test_a_code_typed_as_it_changes_still_works(client: Client, personas: Personas) -> None:
    """One 30-second step of tolerance: the code of the step before is accepted (it changed
    while being typed, or the phone's clock is a few seconds off); two steps before is not."""
    import time

    email = personas.member_a.email
    log_in(client, email)
    secret = activate_totp(client)
    client.post("/comptes/logout/")
    log_in(client, email)
    too_old = client.post(
        "/comptes/2fa/authenticate/", {"code": totp_code(secret, time.time() - 75)}
    )
    assert too_old.status_code == 200  # refused: the code page again
    previous = client.post(
        "/comptes/2fa/authenticate/", {"code": totp_code(secret, time.time() - 30)}
    )
    assert previous.status_code == 302
    assert "_auth_user_id" in client.session
