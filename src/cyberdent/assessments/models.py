"""A diagnostic kept by a practice, with the référentiel id and version it was computed with."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SavedDiagnostic(models.Model):
    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="diagnostics"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referential_id = models.CharField(max_length=64)
    referential_version = models.CharField(max_length=32)
    # Question id → answer value, as validated by the domain (cyberdent.domain.answers).
    answers = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Diagnostic {self.pk} of practice {self.practice_id} ({self.created_at:%Y-%m-%d})"
