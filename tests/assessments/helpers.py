"""Builders shared by the saved-diagnostics tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.services import diagnostic_save
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.loader import default_referential
from tests.conftest import all_yes


def save_diagnostic(
    practice: Any, user: Any, when: dt.date | None = None, **overrides: str
) -> SavedDiagnostic:
    """A diagnostic saved through the service (all "yes" but the overrides), dated `when`."""
    ref = default_referential()
    saved = diagnostic_save(
        practice=practice,
        user=user,
        answers=parse_answers(ref, all_yes(**overrides)),
        referential=ref,
    )
    if when is not None:
        moment = timezone.make_aware(dt.datetime.combine(when, dt.time(10, 0)))
        SavedDiagnostic.objects.filter(pk=saved.pk).update(created_at=moment)
        saved.refresh_from_db()
    return saved


def login_url(path: str) -> str:
    from urllib.parse import quote

    return f"/comptes/login/?next={quote(path, safe='/')}"
