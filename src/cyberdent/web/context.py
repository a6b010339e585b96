"""Template context shared by every page: the publisher's contact for the footer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cyberdent.domain.loader import default_referential


def site(request: HttpRequest) -> dict[str, Any]:
    ref = default_referential()
    return {"publisher": ref.source.publisher, "referential": ref}
