"""SQLite: copy with the online backup API, in one step (pages=-1).

A backup step holds a read transaction on the source for its whole length; in WAL mode that is a
snapshot, so the copy is consistent while the app goes on writing (writers are not blocked).
A restore is the same call in the other direction: one step is one write transaction on the live
database, so it ends either wholly old (an error, e.g. the lock never came) or wholly new."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from cyberdent.cli.errors import UsageError

PAYLOAD = "database.sqlite3"


def tables_and_migrations(db: sqlite3.Connection) -> tuple[dict[str, int], dict[str, str]]:
    """Row counts of every table, and the latest applied migration of each app."""
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    # Quoted: in a restore, the names come from the file under test.
    quoted = {name: '"' + name.replace('"', '""') + '"' for name in names}
    counts = {
        name: db.execute(f"SELECT count(*) FROM {quoted[name]}").fetchone()[0]  # noqa: S608
        for name in names
    }
    migrations: dict[str, str] = {}
    if "django_migrations" in counts:
        for app, name in db.execute("SELECT app, name FROM django_migrations"):
            migrations[app] = max(name, migrations.get(app, name))
    return counts, migrations


def _check(db: sqlite3.Connection) -> None:
    problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise ValueError(f"integrity check failed: {'; '.join(problems[:3])}")
    if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise ValueError("foreign key check failed")


def dump(live: sqlite3.Connection, workdir: Path) -> tuple[Path, dict[str, int], dict[str, str]]:
    payload = workdir / PAYLOAD
    copy = sqlite3.connect(payload)
    try:
        live.backup(copy, pages=-1)
        # One self-contained file (no -wal beside it), checked before it is archived.
        copy.execute("PRAGMA journal_mode=DELETE").fetchone()
        _check(copy)
        tables, migrations = tables_and_migrations(copy)
    finally:
        copy.close()
    return payload, tables, migrations


def verify(payload: Path, manifest: dict[str, Any]) -> None:
    """The extracted copy passes SQLite's checks and holds what the manifest says, or ValueError."""
    try:
        copy = sqlite3.connect(f"{payload.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ValueError(f"cannot open the database in the backup: {exc}") from exc
    try:
        _check(copy)
        tables, migrations = tables_and_migrations(copy)
    except sqlite3.Error as exc:
        raise ValueError(f"the database in the backup is damaged: {exc}") from exc
    finally:
        copy.close()
    if tables != manifest["tables"]:
        wrong = sorted(set(tables.items()) ^ set(manifest["tables"].items()))[:3]
        raise ValueError(f"row counts differ from the manifest: {wrong}")
    if migrations != manifest["migrations"]:
        raise ValueError("the migration state differs from the manifest")


def restore(payload: Path, live: sqlite3.Connection) -> dict[str, int]:
    """Copy the verified file over the live database in one write transaction; the new counts."""
    copy = sqlite3.connect(f"{payload.as_uri()}?mode=ro", uri=True)
    try:
        copy.backup(live, pages=-1)
    except sqlite3.Error as exc:
        raise UsageError(f"restore failed, the database is unchanged: {exc}") from exc
    finally:
        copy.close()
    return tables_and_migrations(live)[0]
