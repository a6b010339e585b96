"""Security events from Django and allauth, written to the audit log.

Connected in AuditConfig.ready(). These are events about a person, not one practice: they are
recorded without a practice and shown in the journal of every practice the person belongs to
(see selectors.audit_events_for_practice).
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
from django.http import HttpRequest

from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record


def _saved(user: Any) -> bool:
    """A user row that still exists (after an account deletion, the instance has no pk)."""
    return user is not None and getattr(user, "pk", None) is not None


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(kind=AuditEvent.Kind.LOGIN, request=request, user=user)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The typed address, whether or not an account has it; never the password (Django has
    # already masked it, and we do not keep it anyway).
    attempted = str(credentials.get("email") or credentials.get("username") or "")
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        request=request,
        user=None,
        actor_email=attempted.strip().lower() or "(adresse non saisie)",
        detail="Mot de passe incorrect ou adresse inconnue.",
    )


def on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if not _saved(user):
        return  # nobody was logged in, or the account was just deleted
    audit_record(kind=AuditEvent.Kind.LOGOUT, request=request, user=user)


def _authenticator_receiver(
    name: str, authenticator_type: str, kind: AuditEvent.Kind, detail: str
) -> Any:
    """A receiver that records `kind` when the signal concerns that type of authenticator."""

    def receiver(
        sender: Any,
        request: HttpRequest | None,
        user: Any,
        authenticator: Authenticator,
        **kwargs: Any,
    ) -> None:
        if authenticator.type == authenticator_type:
            audit_record(kind=kind, request=request, user=user, detail=detail)

    receiver.__name__ = name  # names the dispatch_uid in connect()
    return receiver


# Activating the authenticator app also creates the first recovery codes: one event only.
on_authenticator_added = _authenticator_receiver(
    "on_authenticator_added",
    Authenticator.Type.TOTP,
    AuditEvent.Kind.MFA_ENABLED,
    "Application d’authentification activée.",
)
on_authenticator_removed = _authenticator_receiver(
    "on_authenticator_removed",
    Authenticator.Type.TOTP,
    AuditEvent.Kind.MFA_DISABLED,
    "Application d’authentification désactivée.",
)
on_authenticator_reset = _authenticator_receiver(
    "on_authenticator_reset",
    Authenticator.Type.RECOVERY_CODES,
    AuditEvent.Kind.RECOVERY_CODES,
    "Nouveaux codes de secours créés ; les anciens ne fonctionnent plus.",
)


def on_mfa_failed(
    sender: Any, request: HttpRequest | None, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    # Someone knew the password but not the code: worth seeing in the journal.
    if kwargs.get("reauthentication"):
        detail = "Code de double authentification incorrect (confirmation d’accès)."
    else:
        detail = "Bon mot de passe, mais code de double authentification incorrect."
    audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, request=request, user=user, detail=detail)


def on_password_changed(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(kind=AuditEvent.Kind.PASSWORD_CHANGED, request=request, user=user)


def on_password_reset(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.PASSWORD_RESET,
        request=request,
        user=user,
        detail="Par le lien « mot de passe oublié » reçu par e-mail.",
    )


def on_email_changed(
    sender: Any,
    request: HttpRequest | None,
    user: Any,
    from_email_address: Any = None,
    to_email_address: Any = None,
    **kwargs: Any,
) -> None:
    before = getattr(from_email_address, "email", "") or "(aucune)"
    after = getattr(to_email_address, "email", "")
    audit_record(
        kind=AuditEvent.Kind.EMAIL_CHANGED,
        request=request,
        user=user,
        detail=f"{before} → {after}",
    )


def connect() -> None:
    """Connect every receiver once: dispatch_uid guards against a second ready()."""
    pairs: list[tuple[Any, Any]] = [
        (auth_signals.user_logged_in, on_login),
        (auth_signals.user_login_failed, on_login_failed),
        (auth_signals.user_logged_out, on_logout),
        (mfa_signals.authenticator_added, on_authenticator_added),
        (mfa_signals.authenticator_removed, on_authenticator_removed),
        (mfa_signals.authenticator_reset, on_authenticator_reset),
        (mfa_signals.authentication_failed, on_mfa_failed),
        (account_signals.password_changed, on_password_changed),
        (account_signals.password_set, on_password_changed),
        (account_signals.password_reset, on_password_reset),
        (account_signals.email_changed, on_email_changed),
    ]
    for signal, receiver in pairs:
        signal.connect(
            receiver,
            dispatch_uid=f"cyberdent.audit.{receiver.__name__}",
            weak=False,
        )
