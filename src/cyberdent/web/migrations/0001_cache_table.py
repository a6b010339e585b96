"""The cache table: rate limits and used TOTP codes shared by every worker (see settings.CACHES).

`migrate` is the one set-up command of every deployment (and of the test databases), so the
table is made here; createcachetable does nothing when the cache is Redis, and nothing when the
table exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
