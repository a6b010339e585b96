"""/sante/: does this app server reach what it needs? For a load balancer's health check and
for whoever looks after the instance. It names no host, no version and no secret: only which
part answers, and how fast."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def _cache() -> None:
    # A write and a read: the cache holds the rate limits and the used TOTP codes.
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the value written was not read back")
    cache.delete(key)


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache}


def _run(check: Callable[[], None]) -> dict[str, object]:
    start = time.perf_counter()
    try:
        check()
    except Exception:  # any failure is "not answering"; the log has the details
        logger.exception("health check %s failed", check.__name__)
        return {"ok": False, "ms": round((time.perf_counter() - start) * 1000, 1)}
    return {"ok": True, "ms": round((time.perf_counter() - start) * 1000, 1)}


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result["ok"] for result in results.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **results}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response
