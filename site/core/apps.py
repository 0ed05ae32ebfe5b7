"""Ground floor: services every app uses and that know no app of the project."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Dịch vụ dùng chung"

    def ready(self):
        from core import frontcache

        # Reads every app's frontcache.py (purge rules, cacheable views) and follows Wagtail's events.
        frontcache.connect()
