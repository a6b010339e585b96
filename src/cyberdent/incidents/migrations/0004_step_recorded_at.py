"""StepDone.recorded_at: when « Fait » was pressed, when the person gave an earlier time.

The SQLite update trigger lists the table's columns: it is made again to cover the new one.
Backwards, the triggers go before the column (SQLite refuses to drop a column a trigger names)
and come back after it."""

from django.db import migrations, models

from cyberdent.incidents.evidence import install_evidence_triggers, uninstall_evidence_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_evidence_triggers"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, install_evidence_triggers),
        migrations.AddField(
            model_name="stepdone",
            name="recorded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(install_evidence_triggers, uninstall_evidence_triggers),
    ]
