"""Writes about one's own account."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.email_verification import send_verification_email_to_address
from allauth.account.models import EmailAddress
from django.db import transaction
from django.http import HttpRequest

from cyberdent.accounts.selectors import AccountDeletionPlan, account_deletion_plan
from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record
from cyberdent.practices.models import Membership, Practice
from cyberdent.practices.services import owner_access_end
from cyberdent.workspace.services import practice_delete


class AccountDeletionRefused(Exception):
    """The person is the only owner of a practice that still has other members."""

    def __init__(self, plan: AccountDeletionPlan) -> None:
        names = ", ".join(f"« {p.name} »" for p in plan.blocked_by)
        super().__init__(f"Only owner of {names}")
        self.plan = plan


@transaction.atomic
def account_delete(*, user: Any, request: HttpRequest) -> AccountDeletionPlan:
    """Delete the account, the practices where the person is alone, and leave the others.

    Refused (AccountDeletionRefused) while the person is the only owner of a practice that has
    other members. The journal keeps the address: in each practice left, and as a person event.
    """
    # Lock the person's practices (in id order, as every team change locks its practice row
    # first): an owner removing this person at the same moment waits, then sees the result.
    list(
        Practice.objects.select_for_update(of=("self",))
        .filter(memberships__user=user)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plan = account_deletion_plan(user=user, for_update=True)
    if not plan.allowed:
        raise AccountDeletionRefused(plan)
    email = user.email
    for practice in plan.deleted_with:
        practice_delete(practice=practice, request=request)
    for practice in plan.left:
        owner_access_end(
            membership=Membership.objects.get(practice=practice, user=user), request=request
        )
        audit_record(
            kind=AuditEvent.Kind.ACCOUNT_DELETED,
            request=request,
            user=user,
            practice=practice,
            actor_email=email,
            detail=f"{email} a supprimé son compte et ne fait plus partie de l’équipe.",
        )
    audit_record(
        kind=AuditEvent.Kind.ACCOUNT_DELETED,
        request=request,
        user=user,
        actor_email=email,
        detail="Compte supprimé par la personne elle-même.",
    )
    user.delete()  # memberships cascade; the journal's rows keep the address (user set null)
    return plan


def account_display_name_set(*, user: Any, name: str) -> None:
    """The name the team sees instead of the address (kept in `first_name`; "" removes it)."""
    user.first_name = name.strip()
    user.save(update_fields=["first_name"])


def account_confirmation_resend(*, request: HttpRequest, email: str) -> None:
    """A new confirmation link for an address still waiting for one (allauth's own limit on
    confirmation e-mails applies: past it, nothing is sent and the old link still works)."""
    address = EmailAddress.objects.filter(email__iexact=email, verified=False).first()
    if address is not None and address.user_id is not None:
        send_verification_email_to_address(request, address)
