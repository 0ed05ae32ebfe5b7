from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class CreateCollationOnPostgreSQL(CreateCollation):
    """Django's CreateCollation skips other databases going forwards but not backwards (it would send
    DROP COLLATION to SQLite when the migration is unapplied)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    """PostgreSQL's ICU collation for names in Vietnamese order (core.collation); nothing on SQLite,
    where the same order is registered on every connection."""

    dependencies = [("core", "0002_seed_holidays")]

    operations = [CreateCollationOnPostgreSQL("vietnamese", provider="icu", locale="vi-u-kn-true")]
