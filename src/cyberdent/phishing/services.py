"""Writes of the training: a member's finished session, recorded once."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cyberdent.domain.training.models import Training
from cyberdent.domain.training.session import SessionResult
from cyberdent.phishing.models import TrainingSession


@transaction.atomic
def training_session_record(
    *, practice: Any, user: Any, seed: int, training: Training, result: SessionResult
) -> TrainingSession:
    session, _ = TrainingSession.objects.get_or_create(
        practice=practice,
        user=user,
        seed=seed,
        defaults={
            "score": result.score,
            "total": result.total,
            "passed": result.passed,
            "training_version": training.version,
        },
    )
    return session
