"""Reads about practices, their team and invitations."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import QuerySet
from django.utils import timezone

from cyberdent.domain.roles import invited_email_matches
from cyberdent.practices.models import Invitation, Membership, Practice
from cyberdent.practices.services import token_hash


def memberships_of_user(*, user: Any) -> QuerySet[Membership]:
    """The practices a person belongs to, by practice name (the switch between practices)."""
    return (
        Membership.objects.filter(user=user)
        .select_related("practice")
        .order_by("practice__name", "practice_id")
    )


def practice_members(*, practice: Practice) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(practice=practice)
        .select_related("user")
        .order_by("created_at", "id")
    )


def pending_invitations(*, practice: Practice) -> QuerySet[Invitation]:
    """Invitations not accepted yet and not expired."""
    return Invitation.objects.filter(
        practice=practice, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at", "-id")


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation whose secret is `token` (looked up by its hash), or None."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("practice").filter(token_hash=token_hash(token)).first()
    )


def user_matches_invitation(*, user: Any, invitation: Invitation) -> bool:
    """Whether the person holds the invited address: their account email or another address
    they have verified."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return invited_email_matches(invitation.email, [user.email, *verified])
