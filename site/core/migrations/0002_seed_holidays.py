"""The 2025–2027 holidays on a fresh install (the calendar deadlines are counted with)."""

from django.db import migrations


def seed(apps, schema_editor):
    from core.holidays import seed_holidays

    seed_holidays(apps.get_model("core", "PublicHoliday"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
