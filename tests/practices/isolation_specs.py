"""Isolation specs of the practices app (see tests/isolation.py)."""

from __future__ import annotations

from typing import Any

from cyberdent.domain.roles import Permission as P
from cyberdent.practices.models import Membership
from tests.isolation import PracticeUrl, PublicUrl
from tests.practices.conftest import make_invitation

SPECS = [
    PracticeUrl("practices:team", P.VIEW),
    PracticeUrl("practices:invite", P.MANAGE_TEAM, methods=("POST",)),
    PracticeUrl("practices:cancel_invitation", P.MANAGE_TEAM, ("POST",), ("invitation_id",)),
    PracticeUrl("practices:invitation_sent", P.MANAGE_TEAM, ("GET",), ("invitation_id",)),
    PracticeUrl("practices:change_role", P.MANAGE_TEAM, ("POST",), ("membership_id",)),
    PracticeUrl("practices:remove_member", P.MANAGE_TEAM, ("POST",), ("membership_id",)),
    PracticeUrl("practices:leave", P.VIEW, ("GET",)),
    PracticeUrl("practices:settings", P.MANAGE_SETTINGS, ("GET", "POST")),
]
PUBLIC = [
    PublicUrl("practices:home", private=True),
    PublicUrl("practices:create", private=True),
    PublicUrl("practices:accept_invitation", {"token": "not-a-real-invitation"}),
]


def build_objects(practice: Any, owner: Any) -> dict[str, int]:
    invitation, _ = make_invitation(practice, f"invite-{practice.pk}@example.test")
    # A membership that is not the owner's: the one a forged remove/role call would target.
    other = Membership.objects.filter(practice=practice).exclude(user=owner).first()
    target = other or Membership.objects.get(practice=practice, user=owner)
    return {"invitation_id": invitation.pk, "membership_id": target.pk}
