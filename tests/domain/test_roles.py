"""Roles, the permission matrix, the last-owner rule and the invitation rules."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberdent.domain.roles import (
    INVITATION_VALIDITY,
    PERMISSIONS,
    ROLE_DESCRIPTIONS,
    ROLE_LABELS,
    InvitationState,
    Permission,
    Role,
    allows,
    can_remove_owner,
    invitation_expires_at,
    invitation_state,
    invited_email_matches,
    keeps_an_owner,
    normalize_email,
)

UTC = dt.UTC


def test_every_role_has_a_french_label_and_description() -> None:
    assert set(ROLE_LABELS) == set(Role) == set(ROLE_DESCRIPTIONS)
    assert ROLE_LABELS[Role.OWNER] == "Titulaire"


def test_owner_may_do_everything() -> None:
    assert all(allows(Role.OWNER, p) for p in Permission)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.IT_PROVIDER])
@pytest.mark.parametrize(
    "permission",
    [
        Permission.MANAGE_TEAM,
        Permission.MANAGE_SETTINGS,
        Permission.EXPORT,
        Permission.DELETE_PRACTICE,
        Permission.VIEW_AUDIT,
    ],
)
def test_only_owners_manage_team_settings_and_data(role: Role, permission: Permission) -> None:
    assert not allows(role, permission)


def test_member_and_provider_matrix() -> None:
    assert PERMISSIONS[Role.MEMBER] == {Permission.VIEW, Permission.UPDATE_ACTION}
    assert allows(Role.IT_PROVIDER, Permission.FILL_DIAGNOSTIC)
    assert not allows(Role.MEMBER, Permission.FILL_DIAGNOSTIC)


# --- At least one owner


@pytest.mark.parametrize(("count", "expected"), [(0, False), (1, False), (2, True), (5, True)])
def test_can_remove_owner(count: int, expected: bool) -> None:
    assert can_remove_owner(count) is expected


@pytest.mark.parametrize(
    ("current", "new", "owners", "expected"),
    [
        (Role.OWNER, None, 1, False),  # the last owner leaves or is removed
        (Role.OWNER, Role.MEMBER, 1, False),  # the last owner is demoted
        (Role.OWNER, Role.IT_PROVIDER, 1, False),
        (Role.OWNER, None, 2, True),  # another owner remains
        (Role.OWNER, Role.MEMBER, 2, True),
        (Role.OWNER, Role.OWNER, 1, True),  # no change
        (Role.MEMBER, None, 1, True),  # a member leaves: the owner stays
        (Role.IT_PROVIDER, Role.MEMBER, 1, True),
        (Role.MEMBER, Role.OWNER, 1, True),  # a promotion never loses an owner
    ],
)
def test_keeps_an_owner(current: Role, new: Role | None, owners: int, expected: bool) -> None:
    assert keeps_an_owner(current_role=current, new_role=new, owner_count=owners) is expected


# --- Invitations


def test_an_invitation_expires_after_seven_days() -> None:
    created = dt.datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
    assert dt.timedelta(days=7) == INVITATION_VALIDITY
    assert invitation_expires_at(created) == dt.datetime(2026, 4, 3, 10, 0, tzinfo=UTC)


def test_invitation_state() -> None:
    expires = dt.datetime(2026, 4, 3, 10, 0, tzinfo=UTC)
    before = dt.datetime(2026, 4, 3, 9, 59, tzinfo=UTC)
    accepted = dt.datetime(2026, 4, 1, tzinfo=UTC)
    assert invitation_state(expires_at=expires, accepted_at=None, now=before) is (
        InvitationState.VALID
    )
    assert invitation_state(expires_at=expires, accepted_at=None, now=expires) is (
        InvitationState.EXPIRED
    )
    assert invitation_state(expires_at=expires, accepted_at=accepted, now=before) is (
        InvitationState.USED
    )
    # Used wins over expired: the person is told the link was used, not that it is late.
    later = dt.datetime(2026, 5, 1, tzinfo=UTC)
    assert invitation_state(expires_at=expires, accepted_at=accepted, now=later) is (
        InvitationState.USED
    )


def test_emails_compare_without_case_or_spaces() -> None:
    assert normalize_email("  Marie.Dupont@Cabinet.FR ") == "marie.dupont@cabinet.fr"
    assert invited_email_matches("marie@cabinet.fr", ["autre@x.fr", "MARIE@cabinet.fr"])
    assert not invited_email_matches("marie@cabinet.fr", ["marie@cabinet.com"])
    assert not invited_email_matches("marie@cabinet.fr", [])
