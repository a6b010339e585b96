"""Writes of the practice's crisis protocol (keyword-only, typed)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from cyberdent.crisis.models import CrisisProtocol
from cyberdent.domain.protocol import CrisisContacts
from cyberdent.practices.models import Practice


@transaction.atomic
def crisis_protocol_save(
    *, practice: Practice, user: Any, contacts: CrisisContacts, team_informed: bool = False
) -> CrisisProtocol:
    """Store the contacts (already validated by the domain); `team_informed` records that the
    whole team was shown the protocol now. Leaving it unticked keeps an earlier record."""
    protocol, _ = CrisisProtocol.objects.select_for_update().get_or_create(practice=practice)
    protocol.contacts = contacts.as_dict()
    protocol.updated_by = user
    if team_informed:
        protocol.team_informed_at = timezone.now()
        protocol.team_informed_by = user
    protocol.save()
    return protocol
