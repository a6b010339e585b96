"""Database triggers: the journal, the step times and the discovery time cannot be changed or
deleted, by any path (see cyberdent.incidents.evidence). SQLite and PostgreSQL; no-op elsewhere.

On SQLite, a later migration that rebuilds one of these tables drops its triggers: run
`install_evidence_triggers` again after it (the tests check the triggers are all there)."""

from django.db import migrations

from cyberdent.incidents.evidence import install_evidence_triggers, uninstall_evidence_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_journalentry_chain_hash"),
    ]

    operations = [
        migrations.RunPython(install_evidence_triggers, uninstall_evidence_triggers),
    ]
