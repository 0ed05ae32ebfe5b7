"""Seed data the form and the deadlines need on a fresh install: feedback topics and 2025–2027 holidays."""

from django.db import migrations


def seed(apps, schema_editor):
    from core.holidays import seed_holidays
    from hotline.topics import seed_topics

    seed_topics(apps.get_model("hotline", "FeedbackTopic"))
    seed_holidays(apps.get_model("hotline", "PublicHoliday"))


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
