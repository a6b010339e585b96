"""Evidence that holds: database triggers that keep the journal, the step times and the discovery
time as written, the one way to purge them (deleting the practice), and the journal's hash chain.

The triggers work below the ORM, so raw SQL, `QuerySet.update()`, `save_base()` and
`bulk_create(update_conflicts=True)` are refused as well:

- `incidents_journalentry` and `incidents_stepdone`: no UPDATE, except the one a person's account
  deletion makes (the author / `by` column set to null, every other column unchanged); no DELETE.
- `incidents_incident`: `discovered_at` never changes; no DELETE.
- On PostgreSQL, no TRUNCATE of these tables either.

A DELETE goes through only inside `evidence_purge_allowed()` (used by `practice_delete`, which
account deletion goes through too): on PostgreSQL a transaction-local setting
(`cyberdent.allow_purge`), on SQLite a row in `incidents_purge_flag`, both written inside the
same transaction and gone when it ends. Someone who owns the database can still drop a trigger:
the hash chain (`cyberdent incident verify`) is there to show what was changed then.

SQLite drops a table's triggers when Django rebuilds the table (most AlterField / AddField on
SQLite do), and its update triggers list the columns they compare: a migration that changes these
tables must run `install_evidence_triggers` again afterwards.
`tests/incidents/test_evidence.py` checks every trigger is in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from cyberdent.domain.evidence import ChainEntry, VerifyResult, iso_utc, verify_chain
from cyberdent.incidents.models import Incident, JournalEntry

PURGE_SETTING = "cyberdent.allow_purge"
PURGE_FLAG_TABLE = "incidents_purge_flag"
REFUSED = "cyberdent: incident evidence is append-only"

# Table → the user column that account deletion may set to null.
_APPEND_ONLY = {"incidents_journalentry": "author_id", "incidents_stepdone": "by_id"}
_NO_DELETE = ("incidents_journalentry", "incidents_stepdone", "incidents_incident")

_DISCOVERY_FROZEN = "incidents_incident_discovered_at_frozen"
_SQLITE_TRIGGERS = {
    **{f"{table}_no_update": table for table in _APPEND_ONLY},
    _DISCOVERY_FROZEN: "incidents_incident",
    **{f"{table}_no_delete": table for table in _NO_DELETE},
}
_POSTGRESQL_TRIGGERS = {
    **_SQLITE_TRIGGERS,
    **{f"{table}_no_truncate": table for table in _NO_DELETE},
}
SQLITE_TRIGGER_NAMES = tuple(_SQLITE_TRIGGERS)
POSTGRESQL_TRIGGER_NAMES = tuple(_POSTGRESQL_TRIGGERS)


def _sqlite_columns(cursor: Any, table: str) -> list[str]:
    cursor.execute(f'PRAGMA table_info("{table}")')
    return [row[1] for row in cursor.fetchall()]


def _sqlite_install(cursor: Any) -> None:
    # Dropped and made again: the update triggers list the tables' columns as they are now.
    for name in SQLITE_TRIGGER_NAMES:
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    cursor.execute(f'CREATE TABLE IF NOT EXISTS "{PURGE_FLAG_TABLE}" (id INTEGER PRIMARY KEY)')
    abort = f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
    no_purge = f'NOT EXISTS (SELECT 1 FROM "{PURGE_FLAG_TABLE}")'  # noqa: S608 (constants)
    for table, user_column in _APPEND_ONLY.items():
        unchanged = " AND ".join(
            f'NEW."{c}" IS OLD."{c}"' for c in _sqlite_columns(cursor, table) if c != user_column
        )
        # Allowed: the user column going to null and nothing else changing (account deletion).
        allowed = f'OLD."{user_column}" IS NOT NULL AND NEW."{user_column}" IS NULL AND {unchanged}'
        cursor.execute(
            f'CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}" '
            f"FOR EACH ROW WHEN NOT ({allowed}) {abort}"
        )
    cursor.execute(
        f'CREATE TRIGGER "{_DISCOVERY_FROZEN}" '
        'BEFORE UPDATE ON "incidents_incident" FOR EACH ROW '
        f'WHEN NEW."discovered_at" IS NOT OLD."discovered_at" {abort}'
    )
    for table in _NO_DELETE:
        cursor.execute(
            f'CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" '
            f"FOR EACH ROW WHEN {no_purge} {abort}"
        )


def _sqlite_uninstall(cursor: Any) -> None:
    for name in SQLITE_TRIGGER_NAMES:
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    cursor.execute(f'DROP TABLE IF EXISTS "{PURGE_FLAG_TABLE}"')


_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION cyberdent_evidence_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{REFUSED} (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE OR REPLACE FUNCTION cyberdent_evidence_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0]: the user column account deletion may set to null, nothing else changing.
    IF (to_jsonb(OLD) ->> TG_ARGV[0]) IS NOT NULL AND (to_jsonb(NEW) ->> TG_ARGV[0]) IS NULL
            AND (to_jsonb(NEW) - TG_ARGV[0]) = (to_jsonb(OLD) - TG_ARGV[0]) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{REFUSED} (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE OR REPLACE FUNCTION cyberdent_evidence_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('{PURGE_SETTING}', true), '') = 'on' THEN
        IF TG_LEVEL = 'ROW' THEN
            RETURN OLD;
        END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{REFUSED} (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
"""


def _postgresql_install(cursor: Any) -> None:
    cursor.execute(_PG_FUNCTIONS)
    _postgresql_drop_triggers(cursor)
    for table, user_column in _APPEND_ONLY.items():
        cursor.execute(
            f'CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION cyberdent_evidence_no_update('{user_column}')"
        )
    cursor.execute(
        f'CREATE TRIGGER "{_DISCOVERY_FROZEN}" '
        'BEFORE UPDATE ON "incidents_incident" FOR EACH ROW '
        'WHEN (NEW."discovered_at" IS DISTINCT FROM OLD."discovered_at") '
        "EXECUTE FUNCTION cyberdent_evidence_refuse()"
    )
    for table in _NO_DELETE:
        cursor.execute(
            f'CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION cyberdent_evidence_no_delete()"
        )
        cursor.execute(
            f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION cyberdent_evidence_no_delete()"
        )


def _postgresql_drop_triggers(cursor: Any) -> None:
    for name, table in _POSTGRESQL_TRIGGERS.items():
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')


def _postgresql_uninstall(cursor: Any) -> None:
    _postgresql_drop_triggers(cursor)
    for function in ("refuse", "no_update", "no_delete"):
        cursor.execute(f"DROP FUNCTION IF EXISTS cyberdent_evidence_{function}()")


def install_evidence_triggers(apps: Any, schema_editor: Any) -> None:
    """Create the triggers (idempotent). A RunPython operation; other databases get none."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_install(cursor)
        elif connection.vendor == "postgresql":
            _postgresql_install(cursor)


def uninstall_evidence_triggers(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_uninstall(cursor)
        elif connection.vendor == "postgresql":
            _postgresql_uninstall(cursor)


def installed_trigger_names(using: str | None = None) -> set[str]:
    """The evidence triggers present in the database (for the tests and for a health check)."""
    connection = transaction.get_connection(using)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected: tuple[str, ...] = SQLITE_TRIGGER_NAMES
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = POSTGRESQL_TRIGGER_NAMES
        else:
            return set()
        return {row[0] for row in cursor.fetchall()} & set(expected)


@contextmanager
def evidence_purge_allowed(using: str | None = None) -> Iterator[None]:
    """Let incidents, their steps and journals be deleted inside this block (and its transaction
    only): for deleting a whole practice, as data-protection rights require. Nothing else."""
    connection = transaction.get_connection(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # If the block raises, the savepoint rollback takes the permission away with it.
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting(%s, true)", [PURGE_SETTING])
            before = cursor.fetchone()[0] or "off"
            cursor.execute("SELECT set_config(%s, 'on', true)", [PURGE_SETTING])
            yield
            cursor.execute("SELECT set_config(%s, %s, true)", [PURGE_SETTING, before])
        elif connection.vendor == "sqlite":
            cursor.execute(f'INSERT INTO "{PURGE_FLAG_TABLE}" DEFAULT VALUES')
            flag = cursor.lastrowid
            yield
            cursor.execute(f'DELETE FROM "{PURGE_FLAG_TABLE}" WHERE id = %s', [flag])  # noqa: S608
        else:
            yield


# --- The hash chain.


def _chain_entries(incident: Incident) -> list[ChainEntry]:
    rows = (
        JournalEntry._base_manager.filter(incident_id=incident.pk)
        .order_by("id")
        .values_list("created_at", "author_name", "text", "chain_hash")
    )
    return [
        ChainEntry(
            incident_id=incident.pk,
            created_at=iso_utc(created_at),
            author_name=author_name,
            text=text,
            chain_hash=chain_hash,
        )
        for created_at, author_name, text, chain_hash in rows
    ]


def incident_chain_verify(*, incident: Incident) -> VerifyResult:
    """Check the incident's journal against its hash chain, as stored now."""
    discovered_at = (
        Incident._base_manager.filter(pk=incident.pk).values_list("discovered_at", flat=True).get()
    )
    return verify_chain(
        _chain_entries(incident), incident_id=incident.pk, discovered_at=iso_utc(discovered_at)
    )


def incident_chain_hash(*, incident: Incident) -> str | None:
    """The last journal entry's hash (it vouches for every entry before it); None if none."""
    return (
        JournalEntry._base_manager.filter(incident_id=incident.pk)
        .order_by("-id")
        .values_list("chain_hash", flat=True)
        .first()
    ) or None
