"""`cyberdent backup -o FILE` and `cyberdent restore FILE`: the app's own database backups.

The file format is in backup_archive, each engine's method in backup_sqlite and
backup_postgres. A restore verifies everything it can before it touches the live database: the
archive (gzip CRC, member names, the payload's sha256), the payload itself (SQLite's integrity
and foreign key checks and the row counts; for PostgreSQL a full rehearsal in a temporary
database), and the migration state. Any refusal is one line on stderr and exit 2.

Migration state: a backup whose latest migrations are exactly the code's restores. One made by a
newer CyberDent (a migration the code does not know) is always refused: install that version
first. One made before some of the code's migrations is refused unless `--allow-older`; then it
is restored as it is, and `manage.py migrate` must run before the app starts again (said on
stderr). Like `incident verify`, Django is set up inside the handlers, so `--help` and the other
commands need no settings nor database."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from cyberdent.cli.errors import UsageError

# Django, the database drivers, the archive format (tarfile, gzip) and importlib.metadata are
# imported by the handlers: the other commands and `--help` do not pay for them.


def add_parsers(commands: Any) -> None:
    backup = commands.add_parser("backup", help="back up the database into one verified file")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", type=Path)
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser(
        "restore", help="replace the database with a backup, after checking it (all or nothing)"
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument(
        "--allow-older",
        action="store_true",
        help="accept a backup made before some of this version's migrations (then migrate)",
    )
    restore.set_defaults(handler=run_restore)


def _setup_django() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberdent.config.settings")
    import django
    from django.conf import settings

    django.setup()
    db: dict[str, Any] = settings.DATABASES["default"]
    return db


def _engine(db: dict[str, Any]) -> str:
    engine = str(db["ENGINE"]).rsplit(".", 1)[-1]
    if engine not in ("sqlite3", "postgresql"):
        raise UsageError(f"cannot back up a {engine} database (SQLite or PostgreSQL only)")
    return "sqlite" if engine == "sqlite3" else "postgresql"


def _code_migrations() -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The latest migration of each app in the code, and every migration the code knows."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return dict(graph.leaf_nodes()), set(graph.nodes)


def _check_migrations(backup: dict[str, str], allow_older: bool) -> bool:
    """True when the backup's state is the code's; False when older and allowed; else refuse."""
    latest, known = _code_migrations()
    if backup == latest:
        return True
    unknown = sorted(f"{app}.{name}" for app, name in backup.items() if (app, name) not in known)
    if unknown:
        names = ", ".join(unknown[:3])
        raise UsageError(
            f"refused: the backup was made by a newer CyberDent (migrations {names} are unknown "
            "here); install that version first. Nothing was changed"
        )
    if not allow_older:
        behind = sorted(f"{app}.{name}" for app, name in latest.items() if backup.get(app) != name)
        raise UsageError(
            f"refused: the backup predates migrations of this version ({', '.join(behind[:3])}); "
            "pass --allow-older to restore it, then run `manage.py migrate`. Nothing was changed"
        )
    return False


def _live_sqlite() -> Any:
    from django.db import connection

    connection.ensure_connection()
    return connection.connection


def run_backup(args: argparse.Namespace) -> int:
    target: Path = args.output.absolute()
    if target.exists() or not target.parent.is_dir():
        raise UsageError(f"-o: {target} already exists or its folder does not exist")
    db = _setup_django()
    engine = _engine(db)
    import importlib.metadata
    import sqlite3
    import tempfile
    import time
    from datetime import UTC, datetime

    import psycopg
    from django.db import DatabaseError

    from cyberdent.cli import backup_postgres, backup_sqlite
    from cyberdent.cli.backup_archive import (
        FORMAT,
        FORMAT_VERSION,
        PAYLOADS,
        sha256_of,
        write_archive,
    )
    from cyberdent.domain.loader import default_referential

    started = time.monotonic()
    created = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".cyberdent-backup-") as tmp:
        try:
            if engine == "sqlite":
                payload, tables, migrations = backup_sqlite.dump(_live_sqlite(), Path(tmp))
            else:
                payload, tables, migrations = backup_postgres.dump(db, Path(tmp))
        except (DatabaseError, sqlite3.Error, psycopg.Error, OSError, ValueError) as exc:
            raise UsageError(f"backup failed: {exc}") from exc
        referential = default_referential()
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "engine": engine,
            "created_at": created.isoformat().replace("+00:00", "Z"),
            "cyberdent_version": importlib.metadata.version("cyberdent"),
            "referential": {"id": referential.id, "version": referential.version},
            "migrations": migrations,
            "tables": tables,
            "payload": {
                "name": PAYLOADS[engine],
                "size": payload.stat().st_size,
                "sha256": sha256_of(payload),
            },
        }
        write_archive(target, manifest, payload)
    rows = sum(tables.values())
    print(
        f"Backup written: {target} ({target.stat().st_size:,} bytes, {len(tables)} tables, "
        f"{rows:,} rows, {time.monotonic() - started:.1f} s)"
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    source: Path = args.file.absolute()
    db = _setup_django()
    engine = _engine(db)
    import tempfile

    import psycopg

    from cyberdent.cli import backup_postgres, backup_sqlite
    from cyberdent.cli.backup_archive import read_backup

    with tempfile.TemporaryDirectory(prefix="cyberdent-restore-") as tmp:
        manifest, payload = read_backup(source, Path(tmp))
        if manifest["engine"] != engine:
            raise UsageError(
                f"refused: {source} is a {manifest['engine']} backup and this database is "
                f"{engine}; nothing was changed"
            )
        current = _check_migrations(manifest["migrations"], args.allow_older)
        try:
            if engine == "sqlite":
                backup_sqlite.verify(payload, manifest)
                counts = backup_sqlite.restore(payload, _live_sqlite())
            else:
                backup_postgres.restore(db, payload, manifest, Path(tmp))
                counts = backup_postgres.live_counts(db)
        except ValueError as exc:
            raise UsageError(f"{source}: refused ({exc}); nothing was changed") from exc
        except psycopg.Error as exc:
            raise UsageError(f"restore failed, the database is unchanged: {exc}") from exc
    rows = sum(counts.values())
    print(f"Restored {source} ({manifest['created_at']}): {len(counts)} tables, {rows:,} rows")
    if not current:
        print("cyberdent: now run `manage.py migrate` before starting the app", file=sys.stderr)
    return 0
