"""allauth adapter: hooks where CyberDent differs from allauth's defaults."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter


def user_display(user: Any) -> str:
    """People are known by their email address: the username is an internal, generated id."""
    return str(getattr(user, "email", "") or "")


class AccountAdapter(DefaultAccountAdapter):
    pass
