"""A secret shown right after the POST that made it, on the page the POST redirects to.

Invitation links and calendar links are stored only as hashes: the full link exists once, in
the response to the POST that creates it. Rendering it from the POST would make a reload post
again (a second invitation, a renewed feed that kills the link just given). Instead the POST keeps
the link in the person's session, server-side, and redirects; the page shows it for a few
minutes, in that browser only, then it is gone."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest

SHOWN_FOR_SECONDS = 15 * 60


def keep_to_show(request: HttpRequest, key: str, *, owner: int, value: str) -> None:
    """`owner` is what the value belongs to (a practice or an invitation id)."""
    request.session[f"shown_once.{key}"] = {"owner": owner, "value": value, "at": time.time()}


def value_to_show(request: HttpRequest, key: str, *, owner: int) -> str | None:
    kept: Any = request.session.get(f"shown_once.{key}")
    if not isinstance(kept, dict) or kept.get("owner") != owner:
        return None
    if time.time() - float(kept.get("at", 0)) > SHOWN_FOR_SECONDS:
        request.session.pop(f"shown_once.{key}", None)
        return None
    value = kept.get("value")
    return value if isinstance(value, str) else None
