"""Reads of the training: the team register of a practice, and its evidence sentence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from cyberdent.domain.roles import Permission, allows
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


def training_evidence(access: Any) -> dict[str, str]:
    """What the diagnostic shows under « l’équipe est formée au phishing »: the register's
    sentence, where to train, and the register itself for those who may see it."""
    practice = access.practice
    return {
        "sentence": training_register(practice=practice).evidence,
        "url": reverse("phishing:practice_training", kwargs={"practice_id": practice.pk}),
        "register_url": reverse(
            "phishing:practice_training_register", kwargs={"practice_id": practice.pk}
        )
        if allows(access.role, Permission.MANAGE_TEAM)
        else "",
    }


def training_last_date(*, practice: Any) -> dt.date | None:
    """The day of the team's last training session, for the yearly reminder."""
    last = TrainingSession.objects.filter(practice=practice).order_by("-finished_at").first()
    return timezone.localdate(last.finished_at) if last else None
