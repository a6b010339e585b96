"""Reads about one's own account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cyberdent.domain.roles import Role, keeps_an_owner
from cyberdent.practices.models import Membership, Practice


@dataclass(frozen=True)
class AccountDeletionPlan:
    """What deleting an account does to each practice the person belongs to."""

    # The person is the practice's only owner and others remain: another owner must be named
    # first (or the practice deleted), or the team could no longer be managed.
    blocked_by: tuple[Practice, ...]
    # The person is the practice's only member: the practice goes with the account.
    deleted_with: tuple[Practice, ...]
    # The person simply leaves the team.
    left: tuple[Practice, ...]

    @property
    def allowed(self) -> bool:
        return not self.blocked_by


def account_deletion_plan(*, user: Any, for_update: bool = False) -> AccountDeletionPlan:
    blocked: list[Practice] = []
    deleted: list[Practice] = []
    left: list[Practice] = []
    mine = (
        Membership.objects.filter(user=user).select_related("practice").order_by("practice__name")
    )
    for membership in mine:
        team = Membership.objects.filter(practice=membership.practice)
        if for_update:
            team = team.select_for_update()
        roles = [Role(role) for role in team.values_list("role", flat=True)]
        if len(roles) <= 1:
            deleted.append(membership.practice)
        elif keeps_an_owner(
            current_role=membership.role_enum,
            new_role=None,
            owner_count=roles.count(Role.OWNER),
        ):
            left.append(membership.practice)
        else:
            blocked.append(membership.practice)
    return AccountDeletionPlan(
        blocked_by=tuple(blocked), deleted_with=tuple(deleted), left=tuple(left)
    )
