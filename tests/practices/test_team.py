"""/cabinet/<id>/equipe/...: the team, invitations by owners, roles, removal, leaving."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Invitation, Membership
from cyberdent.practices.services import token_hash
from tests.conftest import Personas
from tests.french import fr
from tests.practices.conftest import html, make_invitation


def base(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/equipe/"


def membership(personas: Personas, user: object) -> Membership:
    return Membership.objects.get(practice=personas.practice_a, user=user)


# --- The team page


def test_owner_sees_members_with_role_and_the_owner_tools(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    response = client.get(base(personas))
    page = html(response)
    assert response.status_code == 200
    for email in ("titulaire@lilas.test", "assistante@lilas.test", "prestataire@info.test"):
        assert email in page
    assert "Prestataire informatique" in page
    assert "Inviter une personne" in page
    assert "Changer le rôle" in page
    assert "Retirer" in page
    assert "Quitter ce cabinet" in page
    assert fr("Cabinet : <a") in page  # the current practice is named on the page


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_member_and_provider_see_the_team_without_the_tools(
    client: Client, personas: Personas, who: str
) -> None:
    client.force_login(getattr(personas, who))
    response = client.get(base(personas))
    page = html(response)
    assert response.status_code == 200
    assert "titulaire@lilas.test" in page
    assert "Inviter une personne" not in page
    assert "Changer le rôle" not in page
    assert "Quitter ce cabinet" in page


def test_stranger_404_anonymous_login(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    assert client.get(base(personas)).status_code == 404
    assert client.post(base(personas) + "inviter/", {"email": "x@y.fr"}).status_code == 404
    client.logout()
    response = client.get(base(personas))
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_only_owners_manage_the_team(client: Client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    owner = membership(personas, personas.owner_a)
    invitation, _ = make_invitation(personas.practice_a, "x@exemple.test")
    pid = personas.practice_a.pk
    refused = [
        (f"/cabinet/{pid}/equipe/inviter/", {"email": "x@y.fr", "role": "owner"}),
        (f"/cabinet/{pid}/equipe/{owner.pk}/role/", {"role": "member"}),
        (f"/cabinet/{pid}/equipe/{owner.pk}/retirer/", {}),
        (f"/cabinet/{pid}/equipe/invitations/{invitation.pk}/annuler/", {}),
    ]
    for url, data in refused:
        assert client.post(url, data).status_code == 403, url
    owner.refresh_from_db()
    assert owner.role == "owner"
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert not mail.outbox


def test_changes_are_post_only(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    member = membership(personas, personas.member_a)
    assert client.get(base(personas) + "inviter/").status_code == 405
    assert client.get(base(personas) + f"{member.pk}/retirer/").status_code == 405
    assert client.get(base(personas) + f"{member.pk}/role/").status_code == 405


# --- Inviting


def test_inviting_sends_a_link_shows_it_once_and_stores_only_its_hash(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    response = client.post(
        base(personas) + "inviter/", {"email": "Nouvelle@Lilas.test", "role": "it_provider"}
    )
    sent_url = base(personas) + f"invitations/{Invitation.objects.get().pk}/envoyee/"
    assert (response.status_code, response["Location"]) == (302, sent_url)
    shown = client.get(sent_url)
    assert shown["Cache-Control"] == "no-store"
    page = html(shown)
    assert "Invitation envoyée" in page
    link = re.search(r">(http://testserver/invitation/([\w-]+)/)</textarea>", page)
    assert link is not None
    token = link.group(2)
    assert len(token) >= 43
    invitation = Invitation.objects.get(practice=personas.practice_a)
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash
    assert invitation.role == "it_provider"
    assert invitation.created_by == personas.owner_a
    delta = invitation.expires_at - invitation.created_at
    assert 6.99 < delta.total_seconds() / 86400 <= 7
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Nouvelle@Lilas.test"]
    assert link.group(1) in mail.outbox[0].body
    assert "Cabinet des Lilas" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(
        practice=personas.practice_a, kind="member_invited", user=personas.owner_a
    ).exists()
    # Back on the team page, the invitation is pending and the secret is not shown again.
    team = html(client.get(base(personas)))
    assert "Nouvelle@Lilas.test" in team
    assert token not in team
    # A reload of the page shows the link again and sends nothing more.
    assert token in html(client.get(sent_url))
    assert len(mail.outbox) == 1 and Invitation.objects.count() == 1
    # Another browser (another session of the same owner) never sees it.
    other = Client()
    other.force_login(personas.owner_a)
    elsewhere = html(other.get(sent_url))
    assert token not in elsewhere and fr("Le lien n'est plus affiché") in elsewhere


def test_a_new_invitation_replaces_the_pending_one(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    old, _ = make_invitation(personas.practice_a, "nouvelle@lilas.test")
    client.post(base(personas) + "inviter/", {"email": "NOUVELLE@lilas.test", "role": "member"})
    assert not Invitation.objects.filter(pk=old.pk).exists()
    assert Invitation.objects.filter(practice=personas.practice_a).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"email": "", "role": "member"},
            fr("Indiquez l'adresse e-mail de la personne à inviter"),
        ),
        ({"email": "pas-une-adresse", "role": "member"}, "Indiquez une adresse e-mail valide"),
        ({"email": "a" * 10_000 + "@x.fr", "role": "member"}, "adresse e-mail"),
        ({"email": "x@exemple.test", "role": "admin"}, "Choisissez un des rôles proposés."),
        ({"email": "x@exemple.test"}, "Choisissez le rôle de la personne."),
        (
            {"email": "ASSISTANTE@lilas.test", "role": "member"},
            fr("Cette personne fait déjà partie de l'équipe."),
        ),
    ],
)
def test_bad_invitations_are_explained_and_kept(
    client: Client, personas: Personas, data: dict[str, str], message: str
) -> None:
    client.force_login(personas.owner_a)
    response = client.post(base(personas) + "inviter/", data)
    page = html(response)
    assert response.status_code == 200
    assert message in page
    assert "error-summary" in page
    assert not Invitation.objects.exists()
    assert not mail.outbox
    if data["email"] and len(data["email"]) < 100:
        assert f'value="{data["email"]}"' in page


def test_cancelling_an_invitation_kills_its_link(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    invitation, token = make_invitation(personas.practice_a, "x@exemple.test")
    page = html(client.get(base(personas)))
    assert "x@exemple.test" in page
    assert "Annuler" in page
    response = client.post(base(personas) + f"invitations/{invitation.pk}/annuler/")
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    client.force_login(personas.owner_b)
    assert client.get(f"/invitation/{token}/").status_code == 404


def test_cancelling_another_practices_invitation_is_404(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    foreign, _ = make_invitation(personas.practice_b, "x@exemple.test")
    response = client.post(base(personas) + f"invitations/{foreign.pk}/annuler/")
    assert response.status_code == 404
    assert Invitation.objects.filter(pk=foreign.pk).exists()


# --- Roles


def test_owner_changes_a_role(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    member = membership(personas, personas.member_a)
    response = client.post(base(personas) + f"{member.pk}/role/", {"role": "it_provider"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "it_provider"
    event = AuditEvent.objects.get(practice=personas.practice_a, kind="role_changed")
    assert "assistante@lilas.test" in event.detail
    page = html(client.get(response["Location"]))
    assert "est maintenant Prestataire informatique" in page


def test_a_forged_role_is_refused_with_a_message(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    member = membership(personas, personas.member_a)
    response = client.post(base(personas) + f"{member.pk}/role/", {"role": "admin"}, follow=True)
    assert response.status_code == 200
    assert fr("Choisissez un des rôles proposés. Le rôle n'a pas changé.") in html(response)
    member.refresh_from_db()
    assert member.role == "member"


def test_the_last_owner_cannot_be_demoted(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    owner = membership(personas, personas.owner_a)
    response = client.post(base(personas) + f"{owner.pk}/role/", {"role": "member"}, follow=True)
    assert response.status_code == 200
    assert "au moins un titulaire" in html(response)
    owner.refresh_from_db()
    assert owner.role == "owner"
    assert not AuditEvent.objects.filter(kind="role_changed").exists()


def test_an_owner_can_step_down_once_there_is_another(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    member = membership(personas, personas.member_a)
    owner = membership(personas, personas.owner_a)
    client.post(base(personas) + f"{member.pk}/role/", {"role": "owner"})
    client.post(base(personas) + f"{owner.pk}/role/", {"role": "member"})
    owner.refresh_from_db()
    member.refresh_from_db()
    assert (owner.role, member.role) == ("member", "owner")


def test_forged_membership_ids_of_another_practice_are_404(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    foreign = Membership.objects.get(practice=personas.practice_b)
    forged_role = client.post(base(personas) + f"{foreign.pk}/role/", {"role": "member"})
    assert forged_role.status_code == 404
    assert client.post(base(personas) + f"{foreign.pk}/retirer/").status_code == 404
    assert client.post(base(personas) + "999999/retirer/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == "owner"


# --- Removing and leaving


def test_owner_removes_a_member(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    member = membership(personas, personas.member_a)
    response = client.post(base(personas) + f"{member.pk}/retirer/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert AuditEvent.objects.filter(practice=personas.practice_a, kind="member_removed").exists()
    client.force_login(personas.member_a)
    assert client.get(f"/cabinet/{personas.practice_a.pk}/").status_code == 404


def test_the_last_owner_cannot_be_removed(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    owner = membership(personas, personas.owner_a)
    response = client.post(base(personas) + f"{owner.pk}/retirer/", follow=True)
    assert "au moins un titulaire" in html(response)
    assert Membership.objects.filter(pk=owner.pk).exists()


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_anyone_can_leave(client: Client, personas: Personas, who: str) -> None:
    user = getattr(personas, who)
    client.force_login(user)
    confirm = client.get(f"/cabinet/{personas.practice_a.pk}/quitter/")
    assert confirm.status_code == 200
    assert fr("Quitter le cabinet « Cabinet des Lilas »") in html(confirm)
    response = client.post(f"/cabinet/{personas.practice_a.pk}/quitter/")
    assert response.status_code == 302
    assert response["Location"] == "/espace/"
    assert not Membership.objects.filter(practice=personas.practice_a, user=user).exists()
    assert AuditEvent.objects.filter(
        practice=personas.practice_a, kind="member_left", user=user
    ).exists()


def test_the_last_owner_cannot_leave(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.post(f"/cabinet/{personas.practice_a.pk}/quitter/", follow=True)
    assert response.status_code == 200
    assert "Un cabinet doit toujours avoir au moins un titulaire" in html(response)
    assert Membership.objects.filter(practice=personas.practice_a, user=personas.owner_a).exists()


def test_an_owner_can_leave_when_another_owner_remains(client: Client, personas: Personas) -> None:
    Membership.objects.filter(practice=personas.practice_a, user=personas.member_a).update(
        role="owner"
    )
    client.force_login(personas.owner_a)
    response = client.post(f"/cabinet/{personas.practice_a.pk}/quitter/")
    assert response.status_code == 302
    assert not Membership.objects.filter(
        practice=personas.practice_a, user=personas.owner_a
    ).exists()


def test_a_stranger_cannot_leave_a_practice_they_are_not_in(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_b)
    assert client.post(f"/cabinet/{personas.practice_a.pk}/quitter/").status_code == 404


def test_an_owner_leaving_revokes_the_calendar_link(client: Client, personas: Personas) -> None:
    from cyberdent.actionplan.models import CalendarFeed
    from cyberdent.practices.models import Membership

    practice = personas.practice_a
    second_owner = Membership.objects.get(practice=practice, user=personas.member_a)
    second_owner.role = "owner"
    second_owner.save()
    CalendarFeed.objects.create(practice=practice, token_hash="h" * 64)
    client.force_login(personas.member_a)
    response = client.post(f"/cabinet/{practice.pk}/quitter/")
    assert response.status_code == 302
    assert not CalendarFeed.objects.filter(practice=practice).exists()


def test_a_member_leaving_keeps_the_calendar_link(client: Client, personas: Personas) -> None:
    from cyberdent.actionplan.models import CalendarFeed

    practice = personas.practice_a
    CalendarFeed.objects.create(practice=practice, token_hash="h" * 64)
    client.force_login(personas.member_a)
    assert client.post(f"/cabinet/{practice.pk}/quitter/").status_code == 302
    assert CalendarFeed.objects.filter(practice=practice).exists()


def test_invitations_are_rate_limited(client: Client, personas: Personas) -> None:
    practice = personas.practice_a
    client.force_login(personas.owner_a)
    url = f"/cabinet/{practice.pk}/equipe/inviter/"
    for i in range(20):
        response = client.post(url, {"email": f"p{i}@example.test", "role": "member"})
        assert response.status_code == 302
    refused = client.post(url, {"email": "p20@example.test", "role": "member"})
    assert fr("beaucoup d&#x27;invitations") in refused.content.decode()
    assert not Invitation.objects.filter(email="p20@example.test").exists()
