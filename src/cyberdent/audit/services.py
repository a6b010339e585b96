"""Recording security events. Every writer of the audit log goes through audit_record."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cyberdent.audit.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
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
