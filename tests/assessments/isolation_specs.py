"""Isolation specs of the saved diagnostics (see tests/isolation.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cyberdent.domain.roles import Permission as P
from tests.assessments.helpers import save_diagnostic
from tests.isolation import PracticeUrl, PublicUrl

SPECS = [
    PracticeUrl("assessments:history", P.VIEW),
    PracticeUrl("assessments:new", P.FILL_DIAGNOSTIC, ("GET", "POST")),
    PracticeUrl("assessments:compare", P.VIEW),
    PracticeUrl("assessments:detail", P.VIEW, ("GET",), ("diagnostic_id",)),
    PracticeUrl("assessments:report", P.VIEW, ("GET",), ("diagnostic_id",)),
]
# Without a result token it sends everyone back to the diagnostic form; with one, an anonymous
# visitor is sent to log in (tests/assessments/test_save_from_result.py).
PUBLIC = [PublicUrl("assessments_public:save")]


def build_objects(practice: Any, owner: Any) -> dict[str, int]:
    # Dated in the past so that another app's diagnostic (made now) stays the latest.
    earlier = save_diagnostic(practice, owner, dt.date(2026, 1, 10), backups="no")
    return {"diagnostic_id": earlier.pk}
