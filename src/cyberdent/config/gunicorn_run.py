"""gunicorn settings of `make run`: the app, and beside it the worker that sends the e-mail.

A hosted deployment runs `manage.py db_worker` as its own service (docs/deployment.md); on one
machine, `make run` must be enough, so the gunicorn master starts the worker when it is ready
and stops it when it exits."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

# Load the app (URLconf, référentiel, templates, fonts: cyberdent.config.warmup) once in the
# master, then fork the workers: a fresh worker's first request is not slower than the others,
# and the workers share those pages of memory.
preload_app = True

_worker: subprocess.Popen[bytes] | None = None


def when_ready(server: Any) -> None:
    global _worker
    _worker = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
        [sys.executable, "-m", "django", "db_worker", "--interval", "1", "--verbosity", "1"]
    )
    server.log.info("e-mail worker started (pid %s)", _worker.pid)


def post_worker_init(worker: Any) -> None:
    # Each worker's own first requests (its database connection, first renders) before it
    # serves anyone: see cyberdent.config.warmup.
    from cyberdent.config.warmup import warm_worker

    warm_worker(worker.wsgi)


def on_exit(server: Any) -> None:
    if _worker is not None and _worker.poll() is None:
        _worker.terminate()
        try:
            _worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _worker.kill()
