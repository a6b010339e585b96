"""The default SQLite database is set up for two gunicorn workers writing at once: WAL, a busy
timeout, synchronous=FULL, and transactions that take the write lock at BEGIN (IMMEDIATE).

The proof: several processes, each a real Django on one SQLite file, run transactions that read
then write (as our services do); none fails with "database is locked" and every row is there.
Beside it, the reason in plain sqlite3: with SQLite's default (deferred) transactions the same
pattern fails at once, whatever the timeout."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
WRITES_EACH = 40

WRITER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "cyberdent.config.settings"
django.setup()
from django.db import transaction
from cyberdent.audit.models import AuditEvent
for i in range(int(sys.argv[2])):
    with transaction.atomic():
        n = AuditEvent.objects.count()  # a read first: the lock is needed later, for the write
        AuditEvent.objects.create(kind="login", detail=f"{sys.argv[1]}-{i}-{n}")
"""

sqlite_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="the SQLite settings (the default database)",
)


@sqlite_only
@pytest.mark.django_db
def test_the_connection_has_the_settings() -> None:
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone() == (2,)  # FULL
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone() == (settings.SQLITE_BUSY_TIMEOUT_SECONDS * 1000,)


@sqlite_only
def test_processes_writing_at_once_never_see_database_is_locked(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("CYBERDENT_CACHE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(n), str(WRITES_EACH)],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, errors
    db = sqlite3.connect(tmp_path / "db.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (
        WRITERS * WRITES_EACH,
    )
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _read_then_write(
    path: Path, begin: str, results: list[str], barrier: threading.Barrier
) -> None:
    db = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        db.execute(begin)
        db.execute("SELECT count(*) FROM t").fetchone()
        # Deferred: both hold a read lock now, and both want to write. Immediate: the other
        # one is waiting at its BEGIN, not here, and the barrier breaks after its timeout.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        db.execute("INSERT INTO t VALUES (1)")
        db.execute("COMMIT")
        results.append("ok")
    except sqlite3.OperationalError as error:
        results.append(str(error))
        db.execute("ROLLBACK")
    finally:
        db.close()


@pytest.mark.parametrize(("begin", "expect_locked"), [("BEGIN", True), ("BEGIN IMMEDIATE", False)])
def test_why_immediate(tmp_path: Path, begin: str, expect_locked: bool) -> None:
    path = tmp_path / "why.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (x)")
    setup.commit()
    setup.close()
    results: list[str] = []
    # With IMMEDIATE the second BEGIN waits for the first COMMIT, so the barrier cannot be
    # reached by both: it times out and lets the waiting one go on.
    barrier = threading.Barrier(2, timeout=1 if not expect_locked else 10)
    threads = [
        threading.Thread(target=_read_then_write, args=(path, begin, results, barrier))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    if expect_locked:
        assert sorted(results) == ["database is locked", "ok"], results
    else:
        assert results == ["ok", "ok"], results
