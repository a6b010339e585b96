"""gunicorn settings of `make run`: the app, and beside it the worker that sends the e-mail.

A hosted deployment runs `manage.py db_worker` as its own service (docs/deployment.md); on one
machine, `make run` must be enough, so the gunicorn master starts the worker when it is ready
and stops it when it exits."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

_worker: subprocess.Popen[bytes] | None = None


def when_ready(server: Any) -> None:
    global _worker
    _worker = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
        [sys.executable, "-m", "django", "db_worker", "--interval", "1", "--verbosity", "1"]
    )
    server.log.info("e-mail worker started (pid %s)", _worker.pid)


def on_exit(server: Any) -> None:
    if _worker is not None and _worker.poll() is None:
        _worker.terminate()
        try:
            _worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _worker.kill()
