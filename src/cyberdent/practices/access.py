"""The one access helper every practice view goes through.

A person who is not a member of the practice gets 404 (the practice's existence is not
revealed); a member whose role may not do the action gets 403. When the practice requires
two-factor login, a member without it is sent to set it up first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, ParamSpec
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cyberdent.domain.roles import Permission, Role, allows
from cyberdent.practices.models import Membership, Practice

P = ParamSpec("P")


@dataclass(frozen=True)
class PracticeAccess:
    practice: Practice
    membership: Membership

    @property
    def role(self) -> Role:
        return self.membership.role_enum

    def can(self, permission: Permission | str) -> bool:
        return allows(self.role, Permission(permission))


def get_practice_access(
    request: HttpRequest, practice_id: int, permission: Permission
) -> PracticeAccess:
    """The practice and the caller's membership; 404 for strangers, 403 for a refused role."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("practice")
        .filter(practice_id=practice_id, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    if not allows(membership.role_enum, permission):
        raise PermissionDenied
    return PracticeAccess(practice=membership.practice, membership=membership)


def has_mfa(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def practice_view(
    permission: Permission,
    *,
    require_mfa: bool = True,
) -> Callable[
    [Callable[Concatenate[HttpRequest, PracticeAccess, P], HttpResponse]],
    Callable[..., HttpResponse],
]:
    """Decorate a view taking (request, access, ...) and a `practice_id` URL argument.

    `require_mfa=False` lets a member without two-factor login through even when the practice
    requires it: only for leaving the practice, which must never be held hostage to a set-up.
    """

    def decorator(
        view: Callable[Concatenate[HttpRequest, PracticeAccess, P], HttpResponse],
    ) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, practice_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            access = get_practice_access(request, practice_id, permission)
            if require_mfa and access.practice.require_mfa and not has_mfa(request.user):
                messages.warning(
                    request,
                    f"Le cabinet « {access.practice.name} » demande la double authentification. "
                    "Activez-la pour continuer : cela prend deux minutes avec une application "
                    "d’authentification sur votre téléphone.",
                )
                # Come back to this page once two-factor login is set up.
                next_url = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_activate_totp')}?{next_url}")
            return view(request, access, *args, **kwargs)

        # Read by the isolation test: every practice URL must declare what it requires.
        wrapper.required_permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorator
