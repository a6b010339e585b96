"""Services that change shared state, through real HTTP requests, OUTSIDE a test transaction.

pytest-django normally wraps each test in a transaction: a `select_for_update()` that runs
outside `transaction.atomic` then passes on every database, and on PostgreSQL fails for every
real user (the bug that let a removed member keep access). `django_db(transaction=True)` runs
these tests the way production runs: each request commits on its own. `make test-postgres` (and
so CI) runs this file on PostgreSQL; the two-owner race at the end runs only there, since SQLite
serialises writers by itself.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from cyberdent.actionplan.models import CalendarFeed
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.crisis.models import CrisisProtocol
from cyberdent.incidents.models import Incident, JournalEntry, StepDone
from cyberdent.practices.models import Invitation, Membership, Practice
from cyberdent.practices.services import (
    ActorNoLongerAllowed,
    LastOwnerError,
    membership_remove,
)
from tests.conftest import Personas, all_yes, make_user
from tests.crisis.helpers import FORM as CRISIS_FORM
from tests.incidents.helpers import start_data
from tests.practices.conftest import make_invitation

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "un mot de passe solide 2026"  # make_user's default


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def team_url(personas: Personas, suffix: str = "") -> str:
    return f"/cabinet/{personas.practice_a.pk}/equipe/{suffix}"


def membership(personas: Personas, user: Any) -> Membership:
    return Membership.objects.get(practice=personas.practice_a, user=user)


def test_a_removed_member_loses_access_at_once(personas: Personas) -> None:
    member = as_user(personas.member_a)
    dashboard = f"/cabinet/{personas.practice_a.pk}/"
    assert member.get(dashboard).status_code == 200
    target = membership(personas, personas.member_a)
    response = as_user(personas.owner_a).post(team_url(personas, f"{target.pk}/retirer/"))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=target.pk).exists()
    assert member.get(dashboard).status_code == 404


def test_removing_an_owner_revokes_the_calendar_link_and_is_audited(personas: Personas) -> None:
    second = make_user("associe@lilas.test")
    Membership.objects.create(practice=personas.practice_a, user=second, role="owner")
    owner = as_user(personas.owner_a)
    assert owner.post(f"/cabinet/{personas.practice_a.pk}/calendrier/lien/").status_code == 302
    assert CalendarFeed.objects.filter(practice=personas.practice_a).exists()
    target = membership(personas, second)
    assert owner.post(team_url(personas, f"{target.pk}/retirer/")).status_code == 302
    assert not CalendarFeed.objects.filter(practice=personas.practice_a).exists()
    assert as_user(second).get(f"/cabinet/{personas.practice_a.pk}/").status_code == 404


def test_the_last_owner_cannot_be_removed_nor_leave(personas: Personas) -> None:
    owner = as_user(personas.owner_a)
    me = membership(personas, personas.owner_a)
    owner.post(team_url(personas, f"{me.pk}/retirer/"))
    owner.post(f"/cabinet/{personas.practice_a.pk}/quitter/")
    assert Membership.objects.filter(pk=me.pk, role="owner").exists()


def test_leaving_and_changing_a_role(personas: Personas) -> None:
    provider = membership(personas, personas.provider_a)
    owner = as_user(personas.owner_a)
    response = owner.post(team_url(personas, f"{provider.pk}/role/"), {"role": "owner"})
    assert response.status_code == 302
    assert membership(personas, personas.provider_a).role == "owner"
    response = as_user(personas.member_a).post(f"/cabinet/{personas.practice_a.pk}/quitter/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=personas.member_a).exists()


def test_invitation_create_accept_and_cancel(personas: Personas) -> None:
    owner = as_user(personas.owner_a)
    response = owner.post(
        team_url(personas, "inviter/"), {"email": "new@lilas.test", "role": "member"}
    )
    assert response.status_code == 302  # to the page that shows the link
    assert Invitation.objects.filter(email="new@lilas.test").count() == 1
    invitation, token = make_invitation(personas.practice_a, "later@lilas.test")
    response = owner.post(team_url(personas, f"invitations/{invitation.pk}/annuler/"))
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    invitation, token = make_invitation(personas.practice_a, "joiner@lilas.test")
    joiner = make_user("joiner@lilas.test")
    assert as_user(joiner).post(f"/invitation/{token}/").status_code == 302
    assert Membership.objects.filter(practice=personas.practice_a, user=joiner).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_calendar_link_renew_and_revoke(personas: Personas) -> None:
    owner = as_user(personas.owner_a)
    base = f"/cabinet/{personas.practice_a.pk}/calendrier/lien/"
    assert owner.post(base).status_code == 302
    first = CalendarFeed.objects.get(practice=personas.practice_a).token_hash
    assert owner.post(base).status_code == 302
    assert CalendarFeed.objects.get(practice=personas.practice_a).token_hash != first
    assert owner.post(base + "revoquer/").status_code == 302
    assert not CalendarFeed.objects.filter(practice=personas.practice_a).exists()


def test_incident_open_step_journal_and_close(personas: Personas) -> None:
    member = as_user(personas.member_a)
    base = f"/cabinet/{personas.practice_a.pk}/incidents/"
    assert member.post(base + "nouveau/", start_data()).status_code == 302
    incident = Incident.objects.get(practice=personas.practice_a)
    url = f"{base}{incident.pk}/"
    assert member.post(url + "etapes/", {"step_id": "isolate"}).status_code == 302
    assert (
        as_user(personas.owner_a).post(url + "etapes/", {"step_id": "isolate"}).status_code == 302
    )
    assert StepDone.objects.filter(incident=incident).count() == 1
    assert member.post(url + "journal/", {"text": "Appel au prestataire 👍"}).status_code == 302
    assert JournalEntry.objects.get(incident=incident).text == "Appel au prestataire 👍"
    closing = {"what_happened": "Un faux mail", "what_would_help": "Une formation"}
    assert member.post(url + "cloturer/", closing).status_code == 302  # then the closed page
    incident.refresh_from_db()
    assert incident.closed_at is not None


def test_saving_a_diagnostic_and_the_crisis_protocol(personas: Personas) -> None:
    provider = as_user(personas.provider_a)
    new = f"/cabinet/{personas.practice_a.pk}/diagnostics/nouveau/"
    assert provider.post(new, all_yes(backups="no")).status_code == 302
    saved = SavedDiagnostic.objects.get(practice=personas.practice_a)
    assert saved.action_items.filter(action_id__isnull=False).exists()
    edit = f"/cabinet/{personas.practice_a.pk}/protocole/modifier/"
    assert provider.post(edit, CRISIS_FORM).status_code == 302
    assert provider.post(edit, CRISIS_FORM).status_code == 302
    assert CrisisProtocol.objects.filter(practice=personas.practice_a).count() == 1


def test_deleting_an_account_leaves_the_practice_and_revokes_an_owners_link(
    personas: Personas,
) -> None:
    second = make_user("associe@lilas.test")
    Membership.objects.create(practice=personas.practice_a, user=second, role="owner")
    assert (
        as_user(second).post(f"/cabinet/{personas.practice_a.pk}/calendrier/lien/").status_code
        == 302
    )
    response = as_user(second).post("/comptes/supprimer/", {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert not Membership.objects.filter(user__email="associe@lilas.test").exists()
    assert not CalendarFeed.objects.filter(practice=personas.practice_a).exists()


# --- Two owners removing each other at the same moment (PostgreSQL: real concurrent writers)


def _remove_as(actor: Any, target_pk: int, outcomes: list[str], barrier: threading.Barrier) -> None:
    request = RequestFactory().post("/")
    request.user = actor
    target = Membership.objects.select_related("practice", "user").get(pk=target_pk)
    barrier.wait()
    try:
        membership_remove(membership=target, request=request)
        outcomes.append("removed")
    except (LastOwnerError, ActorNoLongerAllowed, Membership.DoesNotExist) as error:
        outcomes.append(type(error).__name__)
    finally:
        connection.close()  # each thread has its own connection


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
)
@pytest.mark.parametrize("round_", range(8))
def test_two_owners_removing_each_other_leave_one_owner(round_: int) -> None:
    practice = Practice.objects.create(name=f"Cabinet {round_}", department="34", team_size=2)
    alice = make_user(f"alice{round_}@duo.test")
    bob = make_user(f"bob{round_}@duo.test")
    m_alice = Membership.objects.create(practice=practice, user=alice, role="owner")
    m_bob = Membership.objects.create(practice=practice, user=bob, role="owner")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=_remove_as, args=(alice, m_bob.pk, outcomes, barrier)),
        threading.Thread(target=_remove_as, args=(bob, m_alice.pk, outcomes, barrier)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    owners = Membership.objects.filter(practice=practice, role="owner").count()
    assert owners == 1
    assert sorted(outcomes) == ["ActorNoLongerAllowed", "removed"]


# --- Contributions to the regional figures: the block roll-up under concurrent writers


def _contribute(contributor: str, barrier: threading.Barrier, errors: list[str]) -> None:
    from cyberdent.domain.answers import Answer
    from cyberdent.domain.loader import default_referential
    from cyberdent.observatory.services import contribution_record

    ref = default_referential()
    barrier.wait()
    try:
        contribution_record(
            ref=ref,
            answers={q.id: Answer.YES for q in ref.questions},
            departement="34",
            size_band="2-5",
            contributor=contributor,
        )
    except Exception as error:  # reported by the assertion below
        errors.append(repr(error))
    finally:
        connection.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
)
def test_concurrent_contributions_keep_the_block_equal_to_its_contributions() -> None:
    """Eight practices contribute to the same block at once, and one of them twice (a double
    tap): the block counts exactly the contributions stored, one per contributor."""
    from cyberdent.observatory.models import Block, Contribution

    contributors = [f"practice:{n}" for n in range(8)] + ["practice:0"]
    barrier = threading.Barrier(len(contributors))
    errors: list[str] = []
    threads = [
        threading.Thread(target=_contribute, args=(who, barrier, errors)) for who in contributors
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Contribution.objects.count() == 8
    block = Block.objects.get()
    assert (block.n, block.low, block.met["backups"]) == (8, 8, 8)
