"""A diagnostic kept by a practice, with the référentiel id and version it was computed with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SavedDiagnostic(models.Model):
    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="diagnostics"
    )
    # When the answers were given (the diagnostic's date), which for a result saved later from
    # its link is earlier than saved_at.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    saved_at = models.DateTimeField(auto_now_add=True, null=True)
    # The anonymous result this was saved from (see diagnostic.tokens): saved once per practice.
    result_id = models.CharField(max_length=64, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referential_id = models.CharField(max_length=64)
    referential_version = models.CharField(max_length=32)
    # Question id → answer value, as validated by the domain (cyberdent.domain.answers).
    answers = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "The latest diagnostics of a practice" (dashboard, history, comparison) in index
            # order: no sort, whatever the number of diagnostics.
            models.Index(
                fields=["practice", "-created_at", "-id"], name="diagnostic_practice_latest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "result_id"],
                condition=~models.Q(result_id=""),
                name="a_result_saved_once_per_practice",
            )
        ]

    def __str__(self) -> str:
        return f"Diagnostic {self.pk} of practice {self.practice_id} ({self.created_at:%Y-%m-%d})"
