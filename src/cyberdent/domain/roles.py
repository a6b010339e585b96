"""Who may do what in a practice: the roles and the permission matrix.

Least privilege: a member sees the practice and works on their actions; an IT provider fills
diagnostics and updates the plan; only an owner manages the team, settings and data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    MEMBER = "member"
    IT_PROVIDER = "it_provider"


ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: "Titulaire",
    Role.MEMBER: "Membre de l’équipe",
    Role.IT_PROVIDER: "Prestataire informatique",
}

# What each role may do, in the words shown to the team (kept beside the matrix below).
ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.OWNER: (
        "Gère l’équipe, les paramètres et les données du cabinet ; voit le journal de sécurité."
    ),
    Role.MEMBER: "Voit les diagnostics et le plan d’action, et met à jour ses actions.",
    Role.IT_PROVIDER: (
        "Remplit les diagnostics, met à jour le plan d’action et les contacts du protocole "
        "de crise."
    ),
}


class Permission(StrEnum):
    VIEW = "view"  # see the practice, its diagnostics and plan
    UPDATE_ACTION = "update_action"  # change status, assignee, due date, note of an action
    FILL_DIAGNOSTIC = "fill_diagnostic"  # record a new diagnostic
    EDIT_PROTOCOL = "edit_protocol"  # edit the crisis-protocol contacts
    MANAGE_TEAM = "manage_team"  # invite, remove, change roles
    MANAGE_SETTINGS = "manage_settings"  # name, 2FA requirement, update slot, calendar feed
    EXPORT = "export"  # download all the practice's data
    DELETE_PRACTICE = "delete_practice"
    VIEW_AUDIT = "view_audit"


_ALL = frozenset(Permission)
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: _ALL,
    Role.IT_PROVIDER: frozenset(
        {
            Permission.VIEW,
            Permission.UPDATE_ACTION,
            Permission.FILL_DIAGNOSTIC,
            Permission.EDIT_PROTOCOL,
        }
    ),
    Role.MEMBER: frozenset({Permission.VIEW, Permission.UPDATE_ACTION}),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


# --- The team keeps at least one owner: someone must be able to manage it.


def can_remove_owner(owner_count: int) -> bool:
    """Whether one owner may leave, be removed or lose the owner role, given how many owners
    the practice has now (that owner included)."""
    return owner_count > 1


def keeps_an_owner(*, current_role: Role, new_role: Role | None, owner_count: int) -> bool:
    """Whether changing one membership from `current_role` to `new_role` (None: the membership
    ends) still leaves the practice with at least one owner."""
    if current_role is not Role.OWNER or new_role is Role.OWNER:
        return True
    return can_remove_owner(owner_count)


# --- Invitations: a single-use link that expires, for one email address.

INVITATION_VALIDITY = dt.timedelta(days=7)


class InvitationState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"


def invitation_expires_at(created_at: dt.datetime) -> dt.datetime:
    return created_at + INVITATION_VALIDITY


def invitation_state(
    *, expires_at: dt.datetime, accepted_at: dt.datetime | None, now: dt.datetime
) -> InvitationState:
    """Used wins over expired: a link already accepted says so even after its expiry."""
    if accepted_at is not None:
        return InvitationState.USED
    if now >= expires_at:
        return InvitationState.EXPIRED
    return InvitationState.VALID


def normalize_email(email: str) -> str:
    """Email addresses compared without case and surrounding spaces (as people type them)."""
    return email.strip().casefold()


def invited_email_matches(invited: str, addresses: Iterable[str]) -> bool:
    """Whether one of the person's (verified) addresses is the invited one."""
    target = normalize_email(invited)
    return any(normalize_email(address) == target for address in addresses)
