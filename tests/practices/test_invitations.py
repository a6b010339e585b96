"""/invitation/<secret>/: joining a team from the emailed link."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.test import Client

from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Invitation, Membership
from tests.conftest import Personas, make_user
from tests.french import fr
from tests.practices.conftest import html, make_invitation


def test_full_path_invite_mail_accept_then_reuse_refused(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    client.post(
        f"/cabinet/{personas.practice_a.pk}/equipe/inviter/",
        {"email": "nouvelle@lilas.test", "role": "member"},
    )
    assert len(mail.outbox) == 1
    found = re.search(r"http://testserver(/invitation/[\w-]+/)", mail.outbox[0].body)
    assert found is not None
    path = found.group(1)

    newcomer = make_user("Nouvelle@Lilas.test")  # case differs: still the invited address
    client.force_login(newcomer)
    page = client.get(path)
    assert page.status_code == 200
    assert fr("Rejoindre le cabinet « Cabinet des Lilas »") in html(page)
    assert fr("Membre de l'équipe") in html(page)
    assert fr("Accepter l'invitation") in html(page)

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == f"/cabinet/{personas.practice_a.pk}/"
    membership = Membership.objects.get(practice=personas.practice_a, user=newcomer)
    assert membership.role == "member"
    invitation = Invitation.objects.get(practice=personas.practice_a)
    assert invitation.accepted_by == newcomer
    assert invitation.accepted_at is not None
    assert AuditEvent.objects.filter(
        practice=personas.practice_a, kind="member_added", user=newcomer
    ).exists()

    again = client.post(path)
    assert again.status_code == 410
    assert "déjà été utilisé" in html(again)
    other = make_user("nouvelle2@lilas.test")
    client.force_login(other)
    assert client.get(path).status_code == 410
    assert Membership.objects.filter(practice=personas.practice_a).count() == 4


def test_anonymous_is_sent_to_login_and_signup_keeps_the_way_back(
    client: Client, personas: Personas
) -> None:
    _, token = make_invitation(personas.practice_a, "nouvelle@lilas.test")
    response = client.get(f"/invitation/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/comptes/login/?next=/invitation/{token}/"
    login = client.get(response["Location"])
    page = html(login)
    assert "connectez-vous, ou créez votre compte" in page
    assert f"/comptes/signup/?next=%2Finvitation%2F{token}%2F" in page
    assert "Cabinet des Lilas" not in page
    # A POST by someone not logged in changes nothing.
    assert client.post(f"/invitation/{token}/").status_code == 302
    assert Membership.objects.filter(practice=personas.practice_a).count() == 3


def test_expired_link_is_refused_clearly(client: Client, personas: Personas) -> None:
    _, token = make_invitation(
        personas.practice_a, "nouvelle@lilas.test", expires_in=-dt.timedelta(minutes=1)
    )
    client.force_login(make_user("nouvelle@lilas.test"))
    for response in (client.get(f"/invitation/{token}/"), client.post(f"/invitation/{token}/")):
        assert response.status_code == 410
        assert fr("Ce lien d'invitation a expiré") in html(response)
    assert Membership.objects.filter(practice=personas.practice_a).count() == 3


def test_unknown_or_mangled_link_is_404(client: Client, personas: Personas) -> None:
    _, token = make_invitation(personas.practice_a, "nouvelle@lilas.test")
    client.force_login(make_user("nouvelle@lilas.test"))
    for bad in (token[:-2], "n-importe-quoi", "x" * 5000):
        response = client.get(f"/invitation/{bad}/")
        assert response.status_code == 404
        assert fr("Ce lien d'invitation n'existe pas") in html(response)
    assert client.post(f"/invitation/{token[:-2]}/").status_code == 404


def test_another_address_is_refused_with_an_explanation(client: Client, personas: Personas) -> None:
    _, token = make_invitation(personas.practice_a, "nouvelle@lilas.test", role="owner")
    client.force_login(personas.owner_b)
    page = client.get(f"/invitation/{token}/")
    assert page.status_code == 200
    text = html(page)
    assert "Cette invitation est destinée à une autre adresse e-mail" in text
    assert "titulaire@port.test" in text
    assert "Accepter l'invitation" not in text
    response = client.post(f"/invitation/{token}/")
    assert response.status_code == 403
    assert not Membership.objects.filter(
        practice=personas.practice_a, user=personas.owner_b
    ).exists()
    assert Invitation.objects.get(token_hash__isnull=False).accepted_at is None


def test_an_unverified_extra_address_does_not_count(client: Client, personas: Personas) -> None:
    from allauth.account.models import EmailAddress

    _, token = make_invitation(personas.practice_a, "patron@port.test")
    EmailAddress.objects.create(user=personas.owner_b, email="patron@port.test", verified=False)
    client.force_login(personas.owner_b)
    assert client.post(f"/invitation/{token}/").status_code == 403
    EmailAddress.objects.filter(email="patron@port.test").update(verified=True)
    assert client.post(f"/invitation/{token}/").status_code == 302
    assert Membership.objects.filter(practice=personas.practice_a, user=personas.owner_b).exists()


def test_someone_already_member_is_told_so(client: Client, personas: Personas) -> None:
    invitation, token = make_invitation(personas.practice_a, "assistante@lilas.test", "owner")
    client.force_login(personas.member_a)
    response = client.post(f"/invitation/{token}/", follow=True)
    assert response.status_code == 200
    assert fr("Vous faites déjà partie du cabinet « Cabinet des Lilas »") in html(response)
    assert Membership.objects.get(practice=personas.practice_a, user=personas.member_a).role == (
        "member"
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_invited_provider_switches_between_practices(client: Client, personas: Personas) -> None:
    _, token = make_invitation(personas.practice_b, "prestataire@info.test", "it_provider")
    client.force_login(personas.provider_a)
    client.post(f"/invitation/{token}/")
    page = html(client.get("/espace/"))
    assert f'href="/cabinet/{personas.practice_a.pk}/"' in page
    assert f'href="/cabinet/{personas.practice_b.pk}/"' in page
