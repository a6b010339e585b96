"""The on-screen name of an account. The display name lives in Django's `User.first_name`
(optional, set on « Mon compte »): no extra table for one short text."""

from __future__ import annotations

from typing import Any

from cyberdent.domain.people import person_label


def person(user: Any) -> str:
    return person_label(getattr(user, "first_name", ""), getattr(user, "email", ""))
