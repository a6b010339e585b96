"""Writes to practices, their team and invitations (keyword-only, typed).

The rules (who may be removed, when an invitation expires) come from cyberdent.domain.roles;
these functions apply them inside a transaction and record the audit events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cyberdent.actionplan.models import CalendarFeed
from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record
from cyberdent.domain.roles import (
    ROLE_LABELS,
    InvitationState,
    Role,
    invitation_expires_at,
    invitation_state,
    keeps_an_owner,
)
from cyberdent.practices.models import Invitation, Membership, Practice

LAST_OWNER_MESSAGE = (
    "Un cabinet doit toujours avoir au moins un titulaire, pour pouvoir gérer l'équipe. "
    "Nommez d'abord un autre titulaire dans l'équipe, puis recommencez."
)


class LastOwnerError(Exception):
    """The change would leave the practice without an owner."""

    def __init__(self) -> None:
        super().__init__(LAST_OWNER_MESSAGE)


class InvitationUnavailable(Exception):
    """The invitation was used or expired between the page and the click."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _owner_count(practice: Practice) -> int:
    # Lock the owners' rows so two simultaneous changes cannot both remove "the other" owner.
    return len(
        Membership.objects.select_for_update().filter(practice=practice, role=Role.OWNER.value)
    )


@transaction.atomic
def practice_create(
    *, name: str, department: str, team_size: int, user: Any, request: HttpRequest | None = None
) -> Practice:
    """A new practice whose creator is its first owner."""
    practice = Practice.objects.create(name=name, department=department, team_size=team_size)
    Membership.objects.create(practice=practice, user=user, role=Role.OWNER.value)
    audit_record(
        kind=AuditEvent.Kind.MEMBER_ADDED,
        request=request,
        user=user,
        practice=practice,
        detail=f"Création du cabinet ; {user.email} en est titulaire.",
    )
    return practice


@dataclass(frozen=True)
class SettingsResult:
    practice: Practice
    mfa_turned_on: bool


@transaction.atomic
def practice_update_settings(
    *,
    practice: Practice,
    request: HttpRequest,
    name: str,
    department: str,
    team_size: int,
    require_mfa: bool,
    update_weekday: int,
    update_time: dt.time,
) -> SettingsResult:
    mfa_changed = practice.require_mfa != require_mfa
    practice.name = name
    practice.department = department
    practice.team_size = team_size
    practice.require_mfa = require_mfa
    practice.update_weekday = update_weekday
    practice.update_time = update_time
    practice.save()
    if mfa_changed:
        audit_record(
            kind=AuditEvent.Kind.MFA_REQUIRED_CHANGED,
            request=request,
            practice=practice,
            detail=(
                "Double authentification exigée pour tous les membres."
                if require_mfa
                else "Double authentification n'est plus exigée."
            ),
        )
    return SettingsResult(practice=practice, mfa_turned_on=mfa_changed and require_mfa)


def _invitation_email(
    *, request: HttpRequest, invitation: Invitation, link: str, inviter_email: str
) -> None:
    context = {
        "practice": invitation.practice,
        "role_label": ROLE_LABELS[Role(invitation.role)],
        "link": link,
        "inviter_email": inviter_email,
        "expires_at": invitation.expires_at,
    }
    send_mail(
        subject=f"[CyberDent] Invitation à rejoindre « {invitation.practice.name} »",
        message=render_to_string("practices/email/invitation.txt", context, request=request),
        from_email=None,
        recipient_list=[invitation.email],
    )


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    link: str  # absolute URL holding the secret; shown once, never stored


def invitation_create(
    *, practice: Practice, email: str, role: Role, request: HttpRequest
) -> SentInvitation:
    """Store an invitation (only the hash of its secret), email the link, return the link.

    An earlier pending invitation to the same address is replaced: only the newest link works.
    """
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            practice=practice, email__iexact=email, accepted_at__isnull=True
        ).delete()
        invitation = Invitation.objects.create(
            practice=practice,
            email=email.strip(),
            role=role.value,
            token_hash=token_hash(token),
            created_by=request.user,
            expires_at=invitation_expires_at(now),
        )
        audit_record(
            kind=AuditEvent.Kind.MEMBER_INVITED,
            request=request,
            practice=practice,
            detail=f"{invitation.email} invité·e comme {ROLE_LABELS[role]}.",
        )
    link = request.build_absolute_uri(reverse("practices:accept_invitation", args=[token]))
    _invitation_email(
        request=request, invitation=invitation, link=link, inviter_email=request.user.email
    )
    return SentInvitation(invitation=invitation, link=link)


def invitation_cancel(*, invitation: Invitation) -> None:
    invitation.delete()


@dataclass(frozen=True)
class AcceptResult:
    membership: Membership
    already_member: bool


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: Any, request: HttpRequest) -> AcceptResult:
    """Join the practice with the invited role; the link cannot be used again."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    state = invitation_state(expires_at=locked.expires_at, accepted_at=locked.accepted_at, now=now)
    if state is not InvitationState.VALID:
        raise InvitationUnavailable(state)
    locked.accepted_at = now
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    existing = Membership.objects.filter(practice=locked.practice, user=user).first()
    if existing is not None:
        return AcceptResult(membership=existing, already_member=True)
    membership = Membership.objects.create(practice=locked.practice, user=user, role=locked.role)
    audit_record(
        kind=AuditEvent.Kind.MEMBER_ADDED,
        request=request,
        user=user,
        practice=locked.practice,
        detail=f"{user.email} a rejoint le cabinet comme {ROLE_LABELS[Role(locked.role)]}.",
    )
    return AcceptResult(membership=membership, already_member=False)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: Role, request: HttpRequest) -> None:
    if membership.role_enum is role:
        return
    if not keeps_an_owner(
        current_role=membership.role_enum,
        new_role=role,
        owner_count=_owner_count(membership.practice),
    ):
        raise LastOwnerError
    before = membership.role_enum
    _revoke_calendar_feed_if_owner(membership)  # only when the one demoted was an owner
    membership.role = role.value
    membership.save(update_fields=["role"])
    audit_record(
        kind=AuditEvent.Kind.ROLE_CHANGED,
        request=request,
        practice=membership.practice,
        detail=f"{membership.user.email} : {ROLE_LABELS[before]} → {ROLE_LABELS[role]}.",
    )


@transaction.atomic
def _revoke_calendar_feed_if_owner(membership: Membership) -> None:
    """A former owner may still hold the secret calendar link, which lists the practice's
    open security actions: it stops working, and a current owner can make a new one."""
    if membership.role_enum is Role.OWNER:
        CalendarFeed.objects.filter(practice=membership.practice).delete()


def membership_remove(*, membership: Membership, request: HttpRequest) -> None:
    """An owner removes someone from the team."""
    if not keeps_an_owner(
        current_role=membership.role_enum,
        new_role=None,
        owner_count=_owner_count(membership.practice),
    ):
        raise LastOwnerError
    email = membership.user.email
    _revoke_calendar_feed_if_owner(membership)
    membership.delete()
    audit_record(
        kind=AuditEvent.Kind.MEMBER_REMOVED,
        request=request,
        practice=membership.practice,
        detail=f"{email} a été retiré·e de l'équipe.",
    )


@transaction.atomic
def membership_leave(*, membership: Membership, request: HttpRequest) -> None:
    """A person leaves a practice by themselves."""
    if not keeps_an_owner(
        current_role=membership.role_enum,
        new_role=None,
        owner_count=_owner_count(membership.practice),
    ):
        raise LastOwnerError
    _revoke_calendar_feed_if_owner(membership)
    membership.delete()
    audit_record(
        kind=AuditEvent.Kind.MEMBER_LEFT,
        request=request,
        practice=membership.practice,
        detail=f"{membership.user.email} a quitté le cabinet.",
    )


def practice_export_record(*, practice: Practice, request: HttpRequest) -> None:
    audit_record(
        kind=AuditEvent.Kind.EXPORT,
        request=request,
        practice=practice,
        detail="Export de toutes les données du cabinet (JSON).",
    )


@transaction.atomic
def practice_delete(*, practice: Practice, request: HttpRequest) -> None:
    """Delete the practice and everything that belongs to it (diagnostics, plan, invitations,
    its audit events). The deletion itself is recorded without a practice, since the practice's
    rows cascade, with the name in the detail."""
    name = practice.name
    practice_id = practice.pk
    practice.delete()
    audit_record(
        kind=AuditEvent.Kind.PRACTICE_DELETED,
        request=request,
        practice=None,
        detail=f"Cabinet « {name} » (n° {practice_id}) supprimé avec toutes ses données.",
    )
