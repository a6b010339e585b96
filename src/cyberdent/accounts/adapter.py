"""allauth adapter: hooks where CyberDent differs from allauth's defaults."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from cyberdent.assessments.views_public import pending_save_url


def user_display(user: Any) -> str:
    """People are known by their email address: the username is an internal, generated id."""
    return str(getattr(user, "email", "") or "")


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a login goes when it carries no `next` of its own.

        "Enregistrer dans mon espace" sends an anonymous visitor through sign-up with `next`
        back to the save page; a login may lose it on the way (the email confirmed from
        another tab or device, a plain login later on). The result waits in the session
        meanwhile: go and save it rather than drop the answers. allauth calls this only when no
        explicit `next` was given, so an explicit one still wins.
        """
        return pending_save_url(request) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """Same for the login that follows a sign-up (on email confirmation)."""
        return pending_save_url(request) or super().get_signup_redirect_url(request)
