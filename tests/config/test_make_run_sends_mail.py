"""`make run` as written in the Makefile starts the app and the e-mail worker beside it: a
message queued by the app is delivered without anything else to start, and stopping the app
stops the worker (no process left behind)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SEND = (
    "from django.core.mail import send_mail; "
    "send_mail('Essai file', 'Corps', None, ['essai@lilas.test'])"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _status(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [
            row[0] for row in conn.execute("SELECT status FROM django_tasks_database_dbtaskresult")
        ]


def test_make_run_delivers_queued_mail_and_stops_its_worker(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYBERDENT_", "DATABASE_"))}
    env["CYBERDENT_DATA_DIR"] = str(tmp_path)
    port = _free_port()
    make = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert make.poll() is None, make.stdout.read()  # type: ignore[union-attr]
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "make run did not start"
                time.sleep(0.5)
        manage = [sys.executable, "manage.py", "shell", "-c", SEND]
        subprocess.run(manage, cwd=ROOT, env=env, check=True, timeout=60)
        db = tmp_path / "cyberdent.sqlite3"
        deadline = time.monotonic() + 30
        while _status(db) != ["SUCCESSFUL"]:
            assert time.monotonic() < deadline, _status(db)
            time.sleep(0.5)
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        output = make.communicate(timeout=30)[0].decode()
    assert "Essai file" in output  # the console backend, in the worker, printed the message
    left = subprocess.run(["pgrep", "-f", f"db_worker.*{tmp_path}"], capture_output=True)
    workers = subprocess.run(["pgrep", "-f", "django db_worker"], capture_output=True, text=True)
    assert left.returncode == 1
    for pid in workers.stdout.split():
        environ = Path(f"/proc/{pid}/environ")
        if environ.exists():
            assert str(tmp_path).encode() not in environ.read_bytes(), "worker left running"
