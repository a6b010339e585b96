"""Each journal entry's hash, chained to the previous entry of its incident; existing entries
are chained here in the order they were written (id)."""

from typing import Any

from django.db import migrations, models

from cyberdent.domain.evidence import entry_hash, genesis_hash, iso_utc


def chain_existing_entries(apps: Any, schema_editor: Any) -> None:
    Incident = apps.get_model("incidents", "Incident")
    JournalEntry = apps.get_model("incidents", "JournalEntry")
    db = schema_editor.connection.alias
    for incident_id, discovered_at in (
        Incident.objects.using(db).order_by("id").values_list("id", "discovered_at")
    ):
        previous = genesis_hash(incident_id=incident_id, discovered_at=iso_utc(discovered_at))
        entries = (
            JournalEntry.objects.using(db)
            .filter(incident_id=incident_id)
            .order_by("id")
            .values_list("id", "created_at", "author_name", "text")
        )
        for entry_id, created_at, author_name, text in entries:
            previous = entry_hash(
                previous,
                incident_id=incident_id,
                created_at=iso_utc(created_at),
                author_name=author_name,
                text=text,
            )
            JournalEntry.objects.using(db).filter(id=entry_id).update(chain_hash=previous)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="journalentry",
            name="chain_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop, elidable=False),
    ]
