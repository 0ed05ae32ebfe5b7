from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's ICU collation for names in Vietnamese order (core.collation); nothing on SQLite,
    where the same order is registered on every connection."""

    dependencies = [("core", "0002_seed_holidays")]

    operations = [CreateCollation("vietnamese", provider="icu", locale="vi-u-kn-true")]
