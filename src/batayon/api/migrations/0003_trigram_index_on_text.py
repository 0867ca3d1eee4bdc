"""PostgreSQL ignores a ``gin_trgm_ops`` index on a varchar column for ``term::text % …``
(measured: every typo lookup was a sequential scan). Index the text expression instead."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS api_searchterm_trgm",
    "CREATE INDEX api_searchterm_trgm ON api_searchterm USING gin ((term::text) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS api_searchterm_trgm",
    "CREATE INDEX api_searchterm_trgm ON api_searchterm USING gin (term gin_trgm_ops)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("api", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
