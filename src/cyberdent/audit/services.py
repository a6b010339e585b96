"""Recording security events. Every writer of the audit log goes through audit_record."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cyberdent.audit.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as allauth's rate limits see it (proxy-aware when configured)."""
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request) or None
    except Exception:  # a malformed forwarded header must not stop the audit record
        return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    kind: AuditEvent.Kind | str,
    request: HttpRequest | None = None,
    user: Any = None,
    practice: Any = None,
    detail: str = "",
    actor_email: str = "",
) -> AuditEvent:
    """Append one event. `user` defaults to the request's authenticated user."""
    # A request may come without `user` (a signal sent before the auth middleware ran).
    request_user = getattr(request, "user", None)
    if user is None and request_user is not None and request_user.is_authenticated:
        user = request_user
    email = actor_email or (getattr(user, "email", "") if user is not None else "")
    return AuditEvent.objects.create(
        kind=str(kind),
        user=user,
        practice=practice,
        actor_email=email[:254],
        detail=detail[:500],
        ip_address=_client_ip(request),
    )
