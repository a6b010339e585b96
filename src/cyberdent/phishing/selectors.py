"""Reads of the training: the team register of a practice, and its evidence sentence."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cyberdent.domain.training.register import Register, Session, register
from cyberdent.phishing.models import TrainingSession
from cyberdent.practices.models import Membership
from cyberdent.web.people import person


def training_register(*, practice: Any) -> Register:
    members = Membership.objects.filter(practice=practice).select_related("user").order_by("pk")
    sessions = [
        Session(s.user_id, timezone.localdate(s.finished_at), s.score, s.total, s.passed)
        for s in TrainingSession.objects.filter(practice=practice)
    ]
    return register(
        [(m.user_id, person(m.user)) for m in members], sessions, today=timezone.localdate()
    )


def training_sessions_of(*, practice: Any, user: Any) -> list[TrainingSession]:
    return list(
        TrainingSession.objects.filter(practice=practice, user=user).order_by("-finished_at")
    )
