"""The holiday calendar moves to core (one calendar for every app): the rows editors kept in
hotline's table replace core's seed, then hotline's table goes. Reversible: going back copies core's
rows into a recreated hotline table."""

from django.db import migrations

FIELDS = ("date", "name", "kind", "note")


def _copy(source, target):
    rows = list(source.objects.values(*FIELDS))
    if not rows:
        return
    target.objects.all().delete()
    target.objects.bulk_create([target(**row) for row in rows])


def to_core(apps, schema_editor):
    _copy(apps.get_model("hotline", "PublicHoliday"), apps.get_model("core", "PublicHoliday"))


def to_hotline(apps, schema_editor):
    _copy(apps.get_model("core", "PublicHoliday"), apps.get_model("hotline", "PublicHoliday"))


class Migration(migrations.Migration):
    dependencies = [("hotline", "0002_seed_topics_and_holidays"), ("core", "0002_seed_holidays")]

    operations = [
        migrations.RunPython(to_core, to_hotline),
        migrations.DeleteModel(name="PublicHoliday"),
    ]
