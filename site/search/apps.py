"""Citizen search: Vietnamese language layer, Elasticsearch engine, database fallback, search page."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.cache import clear_when_changed
        from search import preview, registry, signals
        from search.models import EverydayTerm

        registry.autodiscover()
        signals.connect()
        clear_when_changed(EverydayTerm)  # the everyday vocabulary is read from the site cache
        EverydayTerm.preview_rows = staticmethod(preview.everyday_rows)
