"""/sante/: does this app server reach what it needs? For a load balancer's health check and for
whoever looks after the instance. It names no host, no version and no secret: only which part
answers, and how fast.

The status code (200, or 503) depends on the database and the cache only: without them this app
server cannot serve. The e-mail queue is reported beside them: a worker that stopped delays
e-mail but must not take every app server out of the load balancer."""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
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


# A message ready to leave for longer than this means no worker is taking the queue.
QUEUE_STALE_AFTER = dt.timedelta(minutes=10)


def _queue() -> None:
    # Imported here: the task models need the app registry, this module is imported by urls.
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - QUEUE_STALE_AFTER
    # Ready for more than 10 minutes: since it was queued (no delay), or since its delay ended.
    stale = DBTaskResult.objects.ready().filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
    )
    if stale.exists():
        raise RuntimeError("a message waits for more than 10 minutes: is the worker running?")
    # Claimed by a worker that died before finishing: nothing takes it up again by itself.
    stuck = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    if stuck.exists():
        raise RuntimeError("a message has been sending for more than 10 minutes: worker died?")


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache}
REPORTED: dict[str, Callable[[], None]] = {"queue": _queue}


def _run(check: Callable[[], None]) -> dict[str, object]:
    start = time.perf_counter()
    ok = True
    try:
        check()
    except Exception:  # any failure is "not answering"; the log has the details
        logger.exception("health check %s failed", check.__name__)
        ok = False
    return {"ok": ok, "ms": round((time.perf_counter() - start) * 1000, 1)}


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result["ok"] for result in results.values())
    reported = {name: _run(check) for name, check in REPORTED.items()}
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **results, **reported},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response
