"""An invitation and its e-mail are one write: a process that dies between the two leaves
neither. Found by reliability/crash_test.py on PostgreSQL: a worker killed after the invitation's
transaction committed and before the e-mail was queued left an invitation (and its audit event)
whose link nobody was shown and no e-mail carried."""

from __future__ import annotations

import pytest
from django.test import Client

from cyberdent.audit.models import AuditEvent
from cyberdent.practices import services
from cyberdent.practices.models import Invitation
from tests.conftest import Personas


class Crash(Exception):
    """The process dying at this point."""


def test_a_crash_before_the_email_is_queued_leaves_no_invitation(
    client: Client, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(**kwargs: object) -> None:
        raise Crash

    monkeypatch.setattr(services, "_invitation_email", crash)
    client.force_login(personas.owner_a)
    with pytest.raises(Crash):
        client.post(
            f"/cabinet/{personas.practice_a.pk}/equipe/inviter/",
            {"email": "nouvelle@lilas.test", "role": "member"},
        )
    assert not Invitation.objects.filter(email="nouvelle@lilas.test").exists()
    assert not AuditEvent.objects.filter(
        kind="member_invited", practice=personas.practice_a
    ).exists()
