"""Which events a practice's journal holds (audit/selectors.py)."""

from __future__ import annotations

from cyberdent.audit.models import AuditEvent
from cyberdent.audit.selectors import audit_events_for_practice
from cyberdent.audit.services import audit_record
from cyberdent.practices.models import Membership
from tests.conftest import Personas


def test_practice_events_and_person_events_of_current_members(personas: Personas) -> None:
    a, b = personas.practice_a, personas.practice_b
    mine = [
        audit_record(kind=AuditEvent.Kind.EXPORT, practice=a),
        audit_record(kind=AuditEvent.Kind.LOGIN, user=personas.member_a),
        audit_record(kind=AuditEvent.Kind.MFA_ENABLED, user=personas.provider_a),
        # A failed login has no user: matched on the typed address, whatever its case.
        audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, actor_email="ASSISTANTE@lilas.test"),
    ]
    others = [
        audit_record(kind=AuditEvent.Kind.EXPORT, practice=b),
        audit_record(kind=AuditEvent.Kind.LOGIN, user=personas.owner_b),
        audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, actor_email="inconnu@lilas.test"),
        # Person events of another kind are not journal material for a practice.
        audit_record(kind=AuditEvent.Kind.PRACTICE_DELETED, user=personas.member_a),
    ]
    found = list(audit_events_for_practice(a))
    assert found == list(reversed(mine))  # newest first
    assert not set(found) & set(others)


def test_a_person_who_leaves_takes_their_events_out_of_the_journal(personas: Personas) -> None:
    audit_record(kind=AuditEvent.Kind.LOGIN, user=personas.provider_a)
    assert audit_events_for_practice(personas.practice_a).count() == 1
    Membership.objects.filter(user=personas.provider_a).delete()
    assert audit_events_for_practice(personas.practice_a).count() == 0


def test_provider_serving_two_practices_appears_in_both(personas: Personas) -> None:
    Membership.objects.create(
        practice=personas.practice_b, user=personas.provider_a, role="it_provider"
    )
    event = audit_record(kind=AuditEvent.Kind.LOGIN, user=personas.provider_a)
    assert event in audit_events_for_practice(personas.practice_a)
    assert event in audit_events_for_practice(personas.practice_b)
