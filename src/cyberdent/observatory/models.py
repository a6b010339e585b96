"""The observatory's store, kept apart from the practices' data.

A Contribution holds the référentiel id and version, the 11 answers, the département, the size
band and the month: no practice, no user, no IP, no time of day, no sequential id (the key is
random, so the row order says nothing about when it was written). `slot` lets a practice (or an
anonymous visitor's session) replace its contribution of the month and withdraw it: it is an
HMAC, keyed by the server's secret key (which is not in the database), of who contributes and
the month. From the database alone it cannot be computed, so nothing there links a
contribution to a practice (see services.contribution_slot).

A Block is the roll-up of the contributions of one département, size band and month, updated in
the same transaction as every write; the pages read blocks only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Contribution(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referential_id = models.CharField(max_length=64)
    referential_version = models.CharField(max_length=32)
    answers = models.JSONField()
    departement = models.CharField(max_length=5)
    size_band = models.CharField(max_length=5)
    period = models.CharField(max_length=7)  # YYYY-MM
    slot = models.CharField(max_length=64, null=True, blank=True, unique=True)
    demo = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["demo"], name="observatory_contrib_demo")]

    def __str__(self) -> str:
        return f"{self.period} {self.departement} {self.size_band}"


class Block(models.Model):
    departement = models.CharField(max_length=5)
    size_band = models.CharField(max_length=5)
    period = models.CharField(max_length=7)
    demo = models.BooleanField(default=False)
    n = models.PositiveIntegerField(default=0)
    high = models.PositiveIntegerField(default=0)
    moderate = models.PositiveIntegerField(default=0)
    low = models.PositiveIntegerField(default=0)
    met = models.JSONField(default=dict)  # question id → contributions that meet it

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "departement", "size_band", "demo"],
                name="observatory_block_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.departement} {self.size_band}: {self.n}"


class StaffMember(models.Model):
    """A person of the union's staff: sees the aggregates, imports paper questionnaires."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="observatory_staff"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)
