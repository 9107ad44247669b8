"""The table of the ``snapshots`` cache (reports.snapshots), created with the schema so no
deployment step can forget ``createcachetable``."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", "mip_snapshots", database=schema_editor.connection.alias)


def drop_cache_table(apps, schema_editor) -> None:
    schema_editor.execute("DROP TABLE IF EXISTS mip_snapshots")


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_record_document_versions")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
