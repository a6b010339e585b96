"""Django and allauth signals become audit rows (audit/receivers.py)."""

from __future__ import annotations

import re

import pytest
from allauth.account import signals as account_signals
from allauth.account.models import EmailAddress
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
from django.core import mail
from django.test import Client, RequestFactory

from cyberdent.audit import receivers
from cyberdent.audit.models import AuditEvent
from tests.accounts.helpers import PASSWORD, log_in
from tests.conftest import Personas
from tests.french import fr


def kinds() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("kind", flat=True))


def test_login_is_recorded_with_user_and_ip(client: Client, personas: Personas) -> None:
    log_in(client, personas.provider_a.email)
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.practice) == ("login", personas.provider_a, None)
    assert event.actor_email == personas.provider_a.email
    assert event.ip_address == "127.0.0.1"


def test_failed_login_keeps_the_typed_address_without_user(
    client: Client, personas: Personas
) -> None:
    log_in(client, "  Prestataire@Info.test", "mauvais")
    log_in(client, "personne@nulle-part.test", "mauvais")
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.kind for e in events] == ["login_failed", "login_failed"]
    assert [e.actor_email for e in events] == [
        "prestataire@info.test",
        "personne@nulle-part.test",
    ]
    assert all(e.user is None and e.practice is None for e in events)
    assert all("mauvais" not in e.detail for e in events)


@pytest.mark.django_db
def test_failed_login_without_an_address() -> None:
    request = RequestFactory().post("/comptes/login/")
    auth_signals.user_login_failed.send(sender=__name__, credentials={}, request=request)
    assert AuditEvent.objects.get().actor_email == "(adresse non saisie)"


def test_logout_is_recorded(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    client.post("/comptes/logout/")
    assert kinds() == ["login", "logout"]


def test_two_factor_changes_are_recorded_once_each(personas: Personas) -> None:
    user = personas.member_a
    request = RequestFactory().post("/")
    totp = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    codes = Authenticator.objects.create(user=user, type=Authenticator.Type.RECOVERY_CODES, data={})
    for authenticator in (totp, codes):  # activation adds both
        mfa_signals.authenticator_added.send(
            sender=Authenticator, request=request, user=user, authenticator=authenticator
        )
    mfa_signals.authenticator_reset.send(
        sender=Authenticator, request=request, user=user, authenticator=codes
    )
    for authenticator in (totp, codes):  # deactivation removes both
        mfa_signals.authenticator_removed.send(
            sender=Authenticator, request=request, user=user, authenticator=authenticator
        )
    assert kinds() == ["mfa_enabled", "recovery_codes", "mfa_disabled"]
    assert set(AuditEvent.objects.values_list("user", flat=True)) == {user.pk}


def test_password_change_is_recorded_and_the_person_told_by_email(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.member_a)
    new = "une nouvelle phrase de passe 2027"
    response = client.post(
        "/comptes/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert kinds() == ["login", "password_changed"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.startswith("Bonjour,")
    assert fr("Ce changement vient d'être fait sur votre compte CyberDent") in mail.outbox[0].body


def test_password_reset_is_recorded(client: Client, personas: Personas) -> None:
    client.post("/comptes/password/reset/", {"email": personas.member_a.email})
    link = re.search(r"http://testserver(/comptes/password/reset/key/\S+)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    new = "une nouvelle phrase de passe 2027"
    client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PASSWORD_RESET)
    assert event.user == personas.member_a


def test_primary_address_change_is_recorded(personas: Personas) -> None:
    user = personas.member_a
    before = EmailAddress.objects.get(user=user)
    after = EmailAddress.objects.create(user=user, email="nouvelle@lilas.test", verified=True)
    account_signals.email_changed.send(
        sender=user.__class__,
        request=RequestFactory().post("/"),
        user=user,
        from_email_address=before,
        to_email_address=after,
    )
    event = AuditEvent.objects.get()
    assert event.kind == "email_changed"
    assert event.detail == "assistante@lilas.test → nouvelle@lilas.test"


def test_connecting_twice_does_not_double_the_rows(client: Client, personas: Personas) -> None:
    receivers.connect()
    receivers.connect()
    log_in(client, personas.member_a.email)
    assert kinds() == ["login"]
