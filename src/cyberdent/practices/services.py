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

from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record
from cyberdent.domain.roles import (
    ROLE_LABELS,
    InvitationState,
    Permission,
    Role,
    allows,
    invitation_expires_at,
    invitation_state,
    keeps_an_owner,
)
from cyberdent.practices.models import Invitation, Membership, Practice
from cyberdent.practices.signals import owner_access_ended

LAST_OWNER_MESSAGE = (
    "Un cabinet doit toujours avoir au moins un titulaire, pour pouvoir gérer l’équipe. "
    "Nommez d’abord un autre titulaire dans l’équipe, puis recommencez."
)


class LastOwnerError(Exception):
    """The change would leave the practice without an owner."""

    def __init__(self) -> None:
        super().__init__(LAST_OWNER_MESSAGE)


class InvitationUnavailable(Exception):
    """The invitation was used or expired between the page and the click."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ActorNoLongerAllowed(Exception):
    """The person acting lost their place or role in the team while the page was open
    (another owner removed or demoted them a moment before)."""


@dataclass(frozen=True)
class LockedTeam:
    """The practice's team read under a lock on the practice row: every team change of one
    practice runs one after the other, so two owners removing each other at the same moment
    cannot both succeed and leave the practice without an owner."""

    practice: Practice
    members: dict[int, Membership]  # by membership id

    @property
    def owner_count(self) -> int:
        return sum(1 for m in self.members.values() if m.role_enum is Role.OWNER)

    def of_user(self, user: Any) -> Membership | None:
        return next((m for m in self.members.values() if m.user_id == user.pk), None)


def _lock_team(practice: Practice) -> LockedTeam:
    if not transaction.get_connection().in_atomic_block:
        # select_for_update() outside a transaction fails on PostgreSQL (and silently does not
        # lock on SQLite): refuse loudly in every database.
        raise RuntimeError("_lock_team() must run inside transaction.atomic")
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    members = Membership.objects.filter(practice=locked).select_related("user")
    return LockedTeam(practice=locked, members={m.pk: m for m in members})


def _locked_target(team: LockedTeam, membership: Membership) -> Membership:
    """The membership as it is now; gone (removed meanwhile) is the caller's 404."""
    current = team.members.get(membership.pk)
    if current is None:
        raise Membership.DoesNotExist
    return current


def _check_actor_manages_team(team: LockedTeam, request: HttpRequest) -> None:
    actor = team.of_user(request.user)
    if actor is None or not allows(actor.role_enum, Permission.MANAGE_TEAM):
        raise ActorNoLongerAllowed


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
        detail=f"Création du cabinet ; {user.email} en est titulaire.",
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
                else "Double authentification n’est plus exigée."
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
        subject=f"[CyberDent] Invitation à rejoindre « {invitation.practice.name} »",
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
        # Queued in the same transaction (the queue is a table of the database): a process that
        # dies here leaves neither an invitation without its e-mail nor an e-mail without it.
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
def membership_change_role(
    *, membership: Membership, role: Role, request: HttpRequest
) -> Membership:
    """An owner changes someone's role; returns the membership as changed."""
    team = _lock_team(membership.practice)
    _check_actor_manages_team(team, request)
    target = _locked_target(team, membership)
    if target.role_enum is role:
        return target
    if not keeps_an_owner(
        current_role=target.role_enum, new_role=role, owner_count=team.owner_count
    ):
        raise LastOwnerError
    before = target.role_enum
    # What only owners hold (the calendar link) goes only when the one demoted was an owner.
    owner_access_end(membership=target, request=request)
    target.role = role.value
    target.save(update_fields=["role"])
    audit_record(
        kind=AuditEvent.Kind.ROLE_CHANGED,
        request=request,
        practice=team.practice,
        detail=f"{target.user.email} : {ROLE_LABELS[before]} → {ROLE_LABELS[role]}.",
    )
    return target


def owner_access_end(*, membership: Membership, request: HttpRequest) -> None:
    """If `membership` is an owner's, tell the apps above that this owner's rights in the
    practice end (owner_access_ended): a former owner may still hold what only owners get, such
    as the secret calendar link listing the practice's open security actions, and it must stop
    working now, inside the same transaction (see cyberdent.workspace.receivers).
    """
    if membership.role_enum is Role.OWNER:
        owner_access_ended.send(
            sender=Membership, practice=membership.practice, membership=membership, request=request
        )


def _membership_end(*, team: LockedTeam, target: Membership, request: HttpRequest) -> str:
    """Guard, revoke, delete: the one body of "remove" and "leave". Returns the address."""
    if not keeps_an_owner(
        current_role=target.role_enum, new_role=None, owner_count=team.owner_count
    ):
        raise LastOwnerError
    owner_access_end(membership=target, request=request)
    target.delete()
    email: str = target.user.email
    return email


@transaction.atomic
def membership_remove(*, membership: Membership, request: HttpRequest) -> None:
    """An owner removes someone from the team (themselves included)."""
    team = _lock_team(membership.practice)
    _check_actor_manages_team(team, request)
    email = _membership_end(team=team, target=_locked_target(team, membership), request=request)
    audit_record(
        kind=AuditEvent.Kind.MEMBER_REMOVED,
        request=request,
        practice=team.practice,
        detail=f"{email} a été retiré·e de l’équipe.",
    )


@transaction.atomic
def membership_leave(*, membership: Membership, request: HttpRequest) -> None:
    """A person leaves a practice by themselves."""
    team = _lock_team(membership.practice)
    email = _membership_end(team=team, target=_locked_target(team, membership), request=request)
    audit_record(
        kind=AuditEvent.Kind.MEMBER_LEFT,
        request=request,
        practice=team.practice,
        detail=f"{email} a quitté le cabinet.",
    )
