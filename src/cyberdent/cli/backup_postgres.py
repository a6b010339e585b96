"""PostgreSQL: `pg_dump` of schema public in a snapshot shared with the row counts; a restore
rehearsed in a temporary database, then run in the live one as a single transaction.

Backup: a REPEATABLE READ transaction exports its snapshot, counts the rows of every table and
reads the migration state, and `pg_dump --snapshot` dumps exactly that snapshot: the manifest's
counts are the dump's, whatever the app writes meanwhile.

Restore: `pg_restore` turns the dump into one SQL script: `DROP SCHEMA public CASCADE`, the dump,
then a check of every table's row count against the manifest (RAISE on a difference). psql runs
it with --single-transaction and ON_ERROR_STOP, first in a new temporary database (a rehearsal
that touches nothing), then in the live one. PostgreSQL's DDL is transactional, so the live
schema ends either wholly old (any error, a lock not granted within the lock timeout, a count
that differs: everything rolls back) or wholly new, never mixed; other sessions wait on the locks
and then see the new tables. Connections use the app's own DATABASE_URL (password in the
environment, never in argv); the rehearsal needs the CREATEDB privilege."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from cyberdent.cli.errors import UsageError

PAYLOAD = "database.dump"
LOCK_TIMEOUT = "30s"
_SAFE_NAME = re.compile(r"[A-Za-z0-9_]{1,63}\Z")


def _conninfo(db: dict[str, Any], dbname: str | None = None) -> str:
    options = {k: v for k, v in db.get("OPTIONS", {}).items() if k in ("sslmode", "sslrootcert")}
    params = {
        "dbname": dbname or db["NAME"],
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
    }
    params |= {"host": db.get("HOST"), "port": db.get("PORT"), **options}
    return psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in params.items() if v})


def _env(db: dict[str, Any], dbname: str | None = None) -> dict[str, str]:
    """libpq's environment for pg_dump, pg_restore and psql: no password on a command line."""
    parsed = psycopg.conninfo.conninfo_to_dict(_conninfo(db, dbname))
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
    names |= {
        "host": "PGHOST",
        "port": "PGPORT",
        "sslmode": "PGSSLMODE",
        "sslrootcert": "PGSSLROOTCERT",
    }
    return {**os.environ, **{names[k]: str(v) for k, v in parsed.items() if k in names}}


def _run(command: list[str], env: dict[str, str], what: str, then: str = "") -> None:
    done = subprocess.run(  # noqa: S603 (our argv: PostgreSQL's tools and our own paths)
        command, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        lines = done.stderr.splitlines() or ["failed"]
        first = next((line for line in lines if "ERROR:" in line or "error:" in line), lines[0])
        first = re.split(r"ERROR: +|error: +", first, maxsplit=1)[-1]
        raise UsageError(f"{what}: {first}{then}")


def _counts(cursor: psycopg.Cursor[Any]) -> tuple[dict[str, int], dict[str, str]]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = {}
    for (name,) in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT count(*) FROM public.{}").format(sql.Identifier(name)))
        tables[name] = cursor.fetchone()[0]  # type: ignore[index]
    migrations: dict[str, str] = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, max(name) FROM public.django_migrations GROUP BY app")
        migrations = dict(cursor.fetchall())
    return tables, migrations


def dump(db: dict[str, Any], workdir: Path) -> tuple[Path, dict[str, int], dict[str, str]]:
    payload = workdir / PAYLOAD
    with psycopg.connect(_conninfo(db)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]  # type: ignore[index]
            tables, migrations = _counts(cursor)
            command = ["pg_dump", "--format=custom", "--compress=0", "--schema=public"]
            command += [
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "-f",
                str(payload),
            ]
            _run(command, _env(db), "pg_dump failed")
        conn.rollback()
    return payload, tables, migrations


def _script(payload: Path, manifest: dict[str, Any], workdir: Path) -> Path:
    """The whole restore as one SQL file (the manifest's table names are checked: [A-Za-z0-9_])."""
    body = workdir / "restore-body.sql"
    _run(["pg_restore", "-f", str(body), str(payload)], dict(os.environ), "pg_restore failed")
    script = workdir / "restore.sql"
    tables: dict[str, int] = manifest["tables"]
    if not all(_SAFE_NAME.match(name) and isinstance(n, int) for name, n in tables.items()):
        raise ValueError("the manifest's table names are not valid")
    # S608: table names are [A-Za-z0-9_] (just checked) and counts are integers.
    checks = [
        f'IF (SELECT count(*) FROM public."{name}") <> {count} THEN RAISE EXCEPTION '  # noqa: S608
        f"'table {name}: % rows, the manifest says {count}', "
        f'(SELECT count(*) FROM public."{name}"); END IF;'
        for name, count in tables.items()
    ]
    checks.append(
        f"IF (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') <> {len(tables)} "  # noqa: S608
        "THEN RAISE EXCEPTION 'the tables differ from the manifest'; END IF;"
    )
    with script.open("w", encoding="utf-8") as out:
        out.write(f"SET client_min_messages = warning;\nSET lock_timeout = '{LOCK_TIMEOUT}';\n")
        out.write("DROP SCHEMA IF EXISTS public CASCADE;\n")
        with body.open(encoding="utf-8") as source:
            while chunk := source.read(1024 * 1024):
                out.write(chunk)
        out.write("\nDO $check$ BEGIN\n" + "\n".join(checks) + "\nEND $check$;\n")
    body.unlink()
    return script


def _psql(db: dict[str, Any], script: Path, dbname: str | None, what: str) -> None:
    command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
    _run([*command, "-f", str(script)], _env(db, dbname), what, "; nothing was changed")


def restore(db: dict[str, Any], payload: Path, manifest: dict[str, Any], workdir: Path) -> None:
    script = _script(payload, manifest, workdir)
    rehearsal = f"{db['NAME'][:40]}_restore_{secrets.token_hex(4)}"
    with psycopg.connect(_conninfo(db, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(rehearsal)))
        try:
            _psql(db, script, rehearsal, "refused, the backup does not restore")
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(rehearsal))
            )
    _psql(db, script, None, "restore failed, rolled back")


def live_counts(db: dict[str, Any]) -> dict[str, int]:
    with psycopg.connect(_conninfo(db)) as conn, conn.cursor() as cursor:
        return _counts(cursor)[0]
