"""`cyberdent backup` / `cyberdent restore`: a round trip under write load on SQLite and on
PostgreSQL (real processes on a real database), and every damaged or foreign file refused with
exit 2 before the live database is touched.

The PostgreSQL round trip runs when DATABASE_URL is PostgreSQL (`make test-postgres`, the second
half of `.ci/run`); the refusals run on whichever database the suite uses, so on both in CI."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from cyberdent.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from cyberdent.cli.main import main; sys.exit(main())"]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
WRITER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "cyberdent.config.settings"
django.setup()
from cyberdent.audit.models import AuditEvent
i = 0
while not os.path.exists(sys.argv[1]):
    AuditEvent.objects.create(kind="login", detail=f"load-{i}")  # one transaction per row
    i += 1
"""
PREFILL = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "cyberdent.config.settings"
django.setup()
from cyberdent.audit.models import AuditEvent
AuditEvent.objects.bulk_create(AuditEvent(kind="login", detail=f"old-{i}") for i in range(20000))
"""


# --- A live database of each engine, and plain reads of it (not through the code under test).


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()
    with psycopg.connect(url) as db:
        return db.execute(sql).fetchall()  # type: ignore[arg-type]


def _tables(url: str) -> dict[str, int]:
    if url.startswith("sqlite:///"):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    names = [row[0] for row in _query(url, sql)]
    return {name: _query(url, f'SELECT count(*) FROM "{name}"')[0][0] for name in names}  # noqa: S608


def _ids(url: str) -> set[int]:
    return {row[0] for row in _query(url, "SELECT id FROM audit_auditevent")}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def live_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database of its own, holding 20,000 rows, for the engine of the parameter."""
    if request.param == "sqlite":
        if ON_POSTGRES:
            pytest.skip("runs in the SQLite half of the suite")
        url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
        admin = None
    else:
        if not ON_POSTGRES:
            pytest.skip("needs DATABASE_URL=postgres://… (make test-postgres)")
        server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        name = f"backup_live_{secrets.token_hex(4)}"
        url = f"{server}/{name}"
        admin = psycopg.connect(f"{server}/postgres", autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("CYBERDENT_CACHE_URL", None)
    for command in (["manage.py", "migrate", "-v0"], ["-c", PREFILL]):
        subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True)
    yield url
    if admin is not None:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')  # type: ignore[arg-type]
        admin.close()


@pytest.mark.parametrize("live_url", ["sqlite", "postgresql"], indirect=True)
def test_a_round_trip_under_write_load(live_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": live_url}
    env.pop("CYBERDENT_CACHE_URL", None)
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(stop)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while len(_ids(live_url)) < 20050 and time.monotonic() < deadline:
            time.sleep(0.05)
        before = _ids(live_url)  # committed before the backup starts
        done = _run(env, "backup", "-o", str(tmp_path / "b.tar.gz"))
        after = _ids(live_url)
    finally:
        stop.touch()
        writer.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert writer.returncode == 0
    assert len(after) > len(before) > 20000  # the writer kept writing during the backup
    manifest = json.loads(_member(tmp_path / "b.tar.gz", "manifest.json"))

    done = _run(env, "restore", str(tmp_path / "b.tar.gz"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Restored ")
    restored = _ids(live_url)
    # A consistent snapshot: every row committed before the backup, then no hole.
    assert before <= restored <= after
    last = max(restored)
    assert restored == {i for i in after if i <= last}
    assert _tables(live_url) == manifest["tables"]
    assert manifest["tables"]["audit_auditevent"] == len(restored)
    if live_url.startswith("sqlite:///"):
        assert _query(live_url, "PRAGMA integrity_check") == [("ok",)]
        assert _query(live_url, "PRAGMA journal_mode") == [("wal",)]
    migrate = [sys.executable, "manage.py", "migrate", "--check", "-v0"]
    assert subprocess.run(migrate, cwd=ROOT, env=env, check=False).returncode == 0


def test_help_needs_no_database() -> None:
    # Production without a secret key: importing the settings would fail, so none are loaded.
    env = {**os.environ, "CYBERDENT_PRODUCTION": "1", "DATABASE_URL": "postgres://x@127.0.0.1:1/x"}
    for command in ("backup", "restore"):
        done = _run(env, command, "--help")
        assert done.returncode == 0, done.stderr
        assert "usage: cyberdent " + command in done.stdout


# --- Refusals, on the suite's own database: exit 2, one line, the live database unchanged.


def _member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive, "r:gz") as tar:
        content = tar.extractfile(name)
        assert content is not None
        return content.read()


def _pack(target: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    """A tar.gz written as `cyberdent backup` writes it (same gzip header), with any members."""
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar,
    ):
        for info, data in members:
            info.size = len(data) if info.isreg() else 0
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)


def _repack(
    good: Path, target: Path, edit: Callable[[dict[str, Any]], None] | None = None
) -> list[tuple[tarfile.TarInfo, bytes]]:
    manifest = json.loads(_member(good, "manifest.json"))
    if edit:
        edit(manifest)
    payload_name = manifest["payload"]["name"]
    members = [
        (tarfile.TarInfo("manifest.json"), json.dumps(manifest).encode()),
        (tarfile.TarInfo(payload_name), _member(good, payload_name)),
    ]
    _pack(target, members)
    return members


def _flip(at: float) -> Callable[[bytes], bytes]:
    def flip(data: bytes) -> bytes:
        i = min(int(len(data) * at), len(data) - 1)
        return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]

    return flip


def _extra(name: str, kind: bytes = tarfile.REGTYPE) -> Callable[[Path, Path], None]:
    def make(good: Path, target: Path) -> None:
        members = _repack(good, target)
        info = tarfile.TarInfo(name)
        info.type, info.linkname = kind, "/etc/passwd" if kind != tarfile.REGTYPE else ""
        _pack(target, [*members, (info, b"x")])

    return make


def _edited(edit: Callable[[dict[str, Any]], None]) -> Callable[[Path, Path], None]:
    return lambda good, target: _repack(good, target, edit) and None


def _foreign_tar_gz(good: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as tar:  # gzip with a date and a name: not ours
        tar.add(good, arcname="database.sqlite3")


def _traversal_first(good: Path, target: Path) -> None:
    members = _repack(good, target)
    members[0] = (tarfile.TarInfo("../manifest.json"), members[0][1])
    _pack(target, members)


def _symlink_payload(good: Path, target: Path) -> None:
    members = _repack(good, target)
    link = tarfile.TarInfo(members[1][0].name)
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    _pack(target, [members[0], (link, b"")])


BYTES: dict[str, Callable[[bytes], bytes]] = {
    "truncated-half": lambda data: data[: len(data) // 2],
    "truncated-end": lambda data: data[:-3],
    "empty": lambda data: b"",
    "flipped-header": _flip(0.0004),
    "flipped-first-quarter": _flip(0.25),
    "flipped-middle": _flip(0.5),
    "flipped-last-byte": _flip(1.0),
    "not-an-archive": lambda data: b"passwords: yes\n" * 100,
    "garbage-after": lambda data: data + b"\x1f\x8b more",
}
ARCHIVES: dict[str, Callable[[Path, Path], None]] = {
    "extra-member": _extra("notes.txt"),
    "traversal-member": _extra("../../etc/cron.d/x"),
    "symlink-member": _extra("database.sqlite3.link", tarfile.SYMTYPE),
    "traversal-first": _traversal_first,
    "symlink-payload": _symlink_payload,
    "foreign-tar-gz": _foreign_tar_gz,
    "counts-differ": _edited(lambda m: m["tables"].update(audit_auditevent=99)),
    "other-engine": _edited(
        lambda m: m.update(engine="sqlite" if m["engine"] == "postgresql" else "postgresql")
    ),
    "newer-migration": _edited(lambda m: m["migrations"].update(audit="9999_from_the_future")),
    "older-migration": _edited(lambda m: m["migrations"].update(audit="0001_initial")),
    "wrong-sha256": _edited(lambda m: m["payload"].update(sha256="0" * 64)),
}


@pytest.fixture(scope="module")
def good(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Path:
    """A good backup of the suite's database (the refusals only read it)."""
    good = tmp_path_factory.mktemp("backup") / "good.tar.gz"
    with django_db_blocker.unblock():
        assert main(["backup", "-o", str(good)]) == 0
    return good


def _django_tables() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f'SELECT count(*) FROM "{name}"')  # noqa: S608 (names from the db)
            counts[name] = cursor.fetchone()[0]
    return counts


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    live = _django_tables()
    capsys.readouterr()
    assert main(["restore", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cyberdent: error: ") and err.count("\n") == 1, err
    assert _django_tables() == live
    return err


@pytest.mark.django_db
@pytest.mark.parametrize("damage", list(BYTES))
def test_a_damaged_file_is_refused(damage: str, good: Path, capsys: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(BYTES[damage](good.read_bytes()))
    assert "nothing was changed" in _refused(bad, capsys)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(ARCHIVES))
def test_a_foreign_or_inconsistent_archive_is_refused(
    kind: str, good: Path, capsys: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.tar.gz"
    ARCHIVES[kind](good, bad)
    err = _refused(bad, capsys)
    assert "nothing was changed" in err.lower()
    if kind == "older-migration":
        assert "--allow-older" in err


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cyberdent.audit.models import AuditEvent

    AuditEvent.objects.create(kind="login", detail="in the backup")
    good = tmp_path / "good.tar.gz"
    assert main(["backup", "-o", str(good)]) == 0
    AuditEvent.objects.create(kind="login", detail="after the backup")
    capsys.readouterr()
    assert main(["restore", str(good)]) == 0
    assert capsys.readouterr().out.startswith(f"Restored {good}")
    details = set(AuditEvent.objects.values_list("detail", flat=True))
    assert details == {"in the backup"}
    assert _django_tables() == json.loads(_member(good, "manifest.json"))["tables"]


@pytest.mark.django_db(transaction=True)
def test_backup_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "b.tar.gz"
    target.write_bytes(b"yesterday")
    assert main(["backup", "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == b"yesterday"
    assert main(["restore", str(tmp_path / "missing.tar.gz")]) == 2
    assert "no such backup file" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_the_backup_commands_of_the_readme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\.venv/bin/cyberdent ((?:backup|restore) [^#\n]*?)\s+#", readme, re.M)
    assert [command.split()[0] for command in commands] == ["backup", "restore"]
    monkeypatch.chdir(tmp_path)
    for command in commands:
        assert main(command.split()) == 0, capsys.readouterr().err
    assert (ROOT / "docs" / "backups.md").is_file()
