"""Tracking of one plan action of one saved diagnostic, and the practice's calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ActionItem(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "todo", "À faire"
        IN_PROGRESS = "in_progress", "En cours"
        DONE = "done", "Fait"

    diagnostic = models.ForeignKey(
        "assessments.SavedDiagnostic", on_delete=models.CASCADE, related_name="action_items"
    )
    action_id = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["diagnostic", "action_id"], name="one_item_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.action_id} ({self.status}) of diagnostic {self.diagnostic_id}"


class CalendarFeed(models.Model):
    """The secret of a practice's subscribable calendar URL; only its hash is stored."""

    practice = models.OneToOneField(
        "practices.Practice", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of practice {self.practice_id}"
