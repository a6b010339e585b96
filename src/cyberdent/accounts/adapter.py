"""allauth adapter: hooks where CyberDent differs from allauth's defaults."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from cyberdent.assessments.views_public import pending_save_url
from cyberdent.domain.text import strip_bidi_controls
from cyberdent.observatory.selectors import is_union_staff
from cyberdent.practices.models import Membership


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
        return (
            pending_save_url(request)
            or _only_practice_dashboard(request)
            or _union_staff_dashboard(request)
            or super().get_login_redirect_url(request)
        )

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """Same for the login that follows a sign-up (on email confirmation)."""
        return pending_save_url(request) or super().get_signup_redirect_url(request)

    def clean_email(self, email: str) -> str:
        """Bidi controls never get into an address (see cyberdent.domain.text): Django's email
        check lets them through in the domain part, and the address is shown to the team."""
        return str(super().clean_email(strip_bidi_controls(email)))

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Failed logins are limited per address and per IP (settings.ACCOUNT_RATE_LIMITS).

        Anyone who knows an address, or shares the practice's public IP, can exhaust those
        limits. A person whose account has two-factor login is never locked out by them: past
        the limit, the right password still leads to the code page, which has its own limit
        per account, and only the right code opens the session. A wrong password past the limit
        gets the same refusal as before. Without two-factor login, the limit holds.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            if not _has_second_factor(authenticate(request, **credentials)):
                raise


def _only_practice_dashboard(request: HttpRequest) -> str | None:
    """A person in exactly one practice lands on its dashboard, not on the list of one."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    practice_ids = list(
        Membership.objects.filter(user=user).values_list("practice_id", flat=True)[:2]
    )
    if len(practice_ids) != 1:
        return None
    return reverse("practices:dashboard", kwargs={"practice_id": practice_ids[0]})


def _union_staff_dashboard(request: HttpRequest) -> str | None:
    """Union staff (outside any practice) land on the observatory's dashboard."""
    if not is_union_staff(getattr(request, "user", None)):
        return None
    return reverse("observatory:staff_dashboard")


def _has_second_factor(user: Any) -> bool:
    return user is not None and (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


WRONG_CODE = (
    "Ce code ne correspond pas. Vérifiez que l’heure de votre téléphone est réglée "
    "automatiquement (un décalage d’une minute suffit à refuser le code), puis saisissez le code "
    "affiché à l’instant ; s’il est sur le point de changer, attendez le suivant. "
    "Vous pouvez aussi saisir un de vos codes de secours."
)


class MFAAdapter(DefaultMFAAdapter):
    # A wrong code is most often a phone clock off by a minute, or a code that just changed.
    error_messages = {**DefaultMFAAdapter.error_messages, "incorrect_code": WRONG_CODE}
