"""Reading the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from cyberdent.audit.models import AuditEvent
from cyberdent.practices.models import Membership

# Events about a person (no practice): shown to the owners of the practices they belong to.
PERSON_KINDS = (
    AuditEvent.Kind.LOGIN,
    AuditEvent.Kind.LOGIN_FAILED,
    AuditEvent.Kind.LOGOUT,
    AuditEvent.Kind.MFA_ENABLED,
    AuditEvent.Kind.MFA_DISABLED,
    AuditEvent.Kind.RECOVERY_CODES,
    AuditEvent.Kind.PASSWORD_CHANGED,
    AuditEvent.Kind.PASSWORD_RESET,
    AuditEvent.Kind.EMAIL_CHANGED,
)


def audit_events_for_practice(practice: Any) -> QuerySet[AuditEvent]:
    """The practice's journal, newest first.

    The practice's own events, plus the person-level events (logins, failed logins, two-factor
    and password changes) of its current members, from the day each joined: an owner does not
    see what a member did before working with the practice. A failed login has no user, only
    the typed address, so it is matched on the member's address, without case.
    """
    person_events = Q()
    memberships = Membership.objects.filter(practice=practice).select_related("user")
    for membership in memberships:
        since = Q(created_at__gte=membership.created_at)
        by_user = Q(user=membership.user)
        email = (membership.user.email or "").strip().lower()
        by_email = Q(actor_email_lower=email) if email else Q(pk__in=[])
        person_events |= since & (by_user | by_email)
    person_scope = Q(practice__isnull=True, kind__in=PERSON_KINDS) & person_events
    if not memberships:
        person_scope = Q(pk__in=[])
    return (
        AuditEvent.objects.annotate(actor_email_lower=Lower("actor_email"))
        .filter(Q(practice=practice) | person_scope)
        .order_by("-created_at", "-id")
    )
