"""Seed the levels and online-service kinds that exist today; editors change them as data."""

from django.db import migrations

LEVELS = [
    ("Cấp xã", "cap-xa", 10, True),
    ("Cấp huyện", "cap-huyen", 20, False),  # abolished by the two-level reform of July 2025
    ("Cấp tỉnh", "cap-tinh", 30, True),
    ("Cấp bộ", "cap-bo", 40, True),
    ("Cơ quan khác", "co-quan-khac", 50, True),
]
ONLINE_KINDS = [
    ("Toàn trình", "toan-trinh", 10, True),
    ("Một phần", "mot-phan", 20, False),
    ("Mức độ 4", "muc-do-4", 30, True),
    ("Mức độ 3", "muc-do-3", 40, False),
]


def seed(apps, schema_editor):
    level_model = apps.get_model("procedures", "ProcedureLevel")
    for name, slug, order, active in LEVELS:
        level_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order, "is_active": active}
        )
    kind_model = apps.get_model("procedures", "OnlineServiceKind")
    for name, slug, order, full in ONLINE_KINDS:
        kind_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order, "is_full_online": full}
        )


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
