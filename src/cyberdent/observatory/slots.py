"""Who contributes, as an opaque value: an HMAC of the contributor and the month.

Keyed by SECRET_KEY (kept out of the database: ./var/ or the environment), so the database
alone cannot tell whose a contribution is, yet a practice can replace its contribution of the
month and withdraw them all.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.utils.crypto import salted_hmac

from cyberdent.domain.observatory.cohort import Period

_SLOT_SALT = "cyberdent.observatory.slot"
# The anonymous visitor's random value, in their session.
VISITOR_KEY = "observatory.visitor"


def contribution_slot(*, contributor: str, period: Period) -> str:
    """The opaque value that finds this contributor's contribution of this month."""
    return salted_hmac(_SLOT_SALT, f"{contributor}|{period}", algorithm="sha256").hexdigest()


def practice_contributor(practice: Any) -> str:
    return f"practice:{practice.pk}"


def visitor_contributor(token: str) -> str:
    return f"visitor:{token}"


def visitor_token(request: Any, *, create: bool) -> str | None:
    """The visitor's random value from the session, made on the first contribution."""
    token = request.session.get(VISITOR_KEY)
    if not isinstance(token, str) and create:
        token = request.session[VISITOR_KEY] = secrets.token_urlsafe(24)
    return token if isinstance(token, str) else None
