"""A member's training session in the practice space: when, the score. The messages and the
answers are not kept: the register needs who and when, not what was answered."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TrainingSession(models.Model):
    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="training_sessions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    # The seed that drew the session's messages: the same session is recorded once, whatever
    # the number of times its last answer is sent (Back, a double tap).
    seed = models.BigIntegerField()
    finished_at = models.DateTimeField(auto_now_add=True)
    score = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    training_version = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "user", "seed"], name="phishing_session_once"
            )
        ]
        indexes = [models.Index(fields=["practice", "finished_at"], name="phishing_practice_date")]

    def __str__(self) -> str:
        return f"{self.user} {self.finished_at:%Y-%m-%d} {self.score}/{self.total}"
