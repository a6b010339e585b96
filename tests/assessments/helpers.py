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


ANSWER_CYCLE = ("yes", "no", "unknown")


def bulk_diagnostics(practice: Any, user: Any, count: int, *, start: int = 0) -> list[Any]:
    """`count` diagnostics in one bulk insert, a day apart (the last one the newest), their
    answers varied; number n is dated 1 January 2020 + n days."""
    ref = default_referential()
    first_day = timezone.make_aware(dt.datetime(2020, 1, 1, 10, 0))
    return SavedDiagnostic.objects.bulk_create(
        SavedDiagnostic(
            practice=practice,
            created_by=user,
            created_at=first_day + dt.timedelta(days=n),
            referential_id=ref.id,
            referential_version=ref.version,
            answers=all_yes(
                **{q.id: ANSWER_CYCLE[(n + i) % 3] for i, q in enumerate(ref.questions) if i < 3}
            ),
        )
        for n in range(start, start + count)
    )
