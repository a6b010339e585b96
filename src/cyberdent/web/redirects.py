"""Where a `next` parameter may send a person: only a page of this site (no open redirect)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, value: str | None) -> str | None:
    """`value` if it is a path on this site, else None (no open redirect)."""
    if not value or len(value) > 2000:
        return None
    if url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None
