"""The warm-up of cyberdent.config.warmup: what a fresh worker would otherwise do on its first
request is done before it serves (timed in bench/bench_http.py; here, what it does)."""

from __future__ import annotations

import logging

import pytest
from django.template import engines
from django.urls import get_resolver

from cyberdent.config import gunicorn_run
from cyberdent.config.warmup import WARM_PATHS, warm_up, warm_worker
from cyberdent.config.wsgi import application


def _cached_templates() -> set[str]:
    names = set()
    for engine in engines.all():
        for loader in engine.engine.template_loaders:
            names |= {key.split("-")[0] for key in getattr(loader, "get_template_cache", {})}
    return names


def test_make_run_loads_the_app_in_the_master_and_warms_each_worker() -> None:
    assert gunicorn_run.preload_app is True
    assert callable(gunicorn_run.post_worker_init)


def test_warm_up_loads_the_urlconf_and_compiles_the_pages_templates() -> None:
    warm_up()
    assert get_resolver()._populated
    cached = _cached_templates()
    for name in ("web/base.html", "diagnostic/result.html", "diagnostic/form.html"):
        assert name in cached


# Outside a test transaction: a worker's requests close the database connection when they
# finish (Django's request_finished signal), which would break the test's own transaction.
@pytest.mark.django_db(transaction=True)
def test_warm_worker_renders_its_pages_without_a_failure(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="cyberdent.config.warmup"):
        warm_worker(application)
    assert [r.getMessage() for r in caplog.records] == []
    assert "/diagnostic/" in WARM_PATHS


def test_a_failing_warm_up_request_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(environ: object, start_response: object) -> list[bytes]:
        raise RuntimeError("no database yet")

    with caplog.at_level(logging.WARNING, logger="cyberdent.config.warmup"):
        warm_worker(broken)
    assert len(caplog.records) == len(WARM_PATHS) + 1
