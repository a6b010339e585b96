"""The practice's crisis protocol: its own contacts and when the team was told about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CrisisProtocol(models.Model):
    practice = models.OneToOneField(
        "practices.Practice", on_delete=models.CASCADE, related_name="crisis_protocol"
    )
    # CrisisContacts.as_dict(), validated by cyberdent.domain.protocol.parse_contacts on the
    # way in (services) and on the way out (selectors).
    contacts = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when an owner records that the whole team was shown the protocol.
    team_informed_at = models.DateTimeField(null=True, blank=True)
    team_informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Crisis protocol of practice {self.practice_id}"
