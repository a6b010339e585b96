"""StepDone.recorded_at: when « Fait » was pressed, when the person gave an earlier time.

The SQLite update trigger lists the table's columns: it is made again to cover the new one."""

from django.db import migrations, models

from cyberdent.incidents.evidence import install_evidence_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_evidence_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="stepdone",
            name="recorded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(install_evidence_triggers, migrations.RunPython.noop),
    ]
