"""Ground floor: services every app uses and that know no app of the project."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Dịch vụ dùng chung"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        # First in INSTALLED_APPS, so the converters exist before any urls.py is read.
        from core import cache, collation, converters, frontcache, workdays
        from core.models import PublicHoliday

        converters.register()
        connection_created.connect(collation.register_sqlite_collation, dispatch_uid="core.sqlite_collation")
        cache.connect()
        for signal in (post_save, post_delete):
            signal.connect(workdays.forget_calendar, sender=PublicHoliday, dispatch_uid=f"core.holiday.{id(signal)}")
        # Reads every app's frontcache.py (purge rules, cacheable views) and follows Wagtail's events.
        frontcache.connect()
