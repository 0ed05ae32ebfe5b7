"""Ground floor: services every app uses and that know no app of the project."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Dịch vụ dùng chung"

    def ready(self):
        # First in INSTALLED_APPS, so the converters exist before any urls.py is read.
        from core import converters

        converters.register()
