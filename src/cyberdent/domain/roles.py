"""Who may do what in a practice: the roles and the permission matrix.

Least privilege: a member sees the practice and works on their actions; an IT provider fills
diagnostics and updates the plan; only an owner manages the team, settings and data.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    MEMBER = "member"
    IT_PROVIDER = "it_provider"


ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: "Titulaire",
    Role.MEMBER: "Membre de l'équipe",
    Role.IT_PROVIDER: "Prestataire informatique",
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
