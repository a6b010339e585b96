"""What deleting an account does to each practice (accounts/selectors.py, services.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import RequestFactory

from cyberdent.accounts.selectors import account_deletion_plan
from cyberdent.accounts.services import AccountDeletionRefused, account_delete
from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Membership, Practice
from tests.conftest import Personas


def request_by(user: object) -> HttpRequest:
    request = RequestFactory().post("/comptes/supprimer/")
    request.user = user  # type: ignore[assignment]
    return request


def names(practices: tuple[Practice, ...]) -> list[str]:
    return [p.name for p in practices]


def test_plan_for_each_role(personas: Personas) -> None:
    owner_a = account_deletion_plan(user=personas.owner_a)
    assert names(owner_a.blocked_by) == ["Cabinet des Lilas"] and not owner_a.allowed
    member = account_deletion_plan(user=personas.member_a)
    assert names(member.left) == ["Cabinet des Lilas"] and member.allowed
    assert member.blocked_by == () and member.deleted_with == ()
    alone = account_deletion_plan(user=personas.owner_b)
    assert names(alone.deleted_with) == ["Cabinet du Port"] and alone.allowed


def test_plan_across_several_practices(personas: Personas) -> None:
    # The provider also serves practice B, where they are now co-owner with owner_b.
    Membership.objects.create(practice=personas.practice_b, user=personas.provider_a, role="owner")
    solo = Practice.objects.create(name="Cabinet Solo", department="30", team_size=1)
    Membership.objects.create(practice=solo, user=personas.provider_a, role="owner")
    plan = account_deletion_plan(user=personas.provider_a)
    assert names(plan.left) == ["Cabinet des Lilas", "Cabinet du Port"]
    assert names(plan.deleted_with) == ["Cabinet Solo"]
    assert plan.allowed


def test_a_second_owner_unblocks(personas: Personas) -> None:
    Membership.objects.filter(user=personas.provider_a).update(role="owner")
    assert account_deletion_plan(user=personas.owner_a).allowed


def test_delete_refused_changes_nothing(personas: Personas) -> None:
    with pytest.raises(AccountDeletionRefused) as refused:
        account_delete(user=personas.owner_a, request=request_by(personas.owner_a))
    assert names(refused.value.plan.blocked_by) == ["Cabinet des Lilas"]
    assert get_user_model().objects.filter(pk=personas.owner_a.pk).exists()
    assert not AuditEvent.objects.exists()


def test_delete_keeps_the_address_in_the_journal(personas: Personas) -> None:
    account_delete(user=personas.owner_b, request=request_by(personas.owner_b))
    assert not Practice.objects.filter(pk=personas.practice_b.pk).exists()
    events = AuditEvent.objects.order_by("id")
    assert [e.kind for e in events] == ["practice_deleted", "account_deleted"]
    assert {e.actor_email for e in events} == {"titulaire@port.test"}
    assert all(e.user is None for e in events)
