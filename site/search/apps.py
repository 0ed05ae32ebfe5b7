"""Citizen search: Vietnamese language layer, Elasticsearch engine, database fallback, search page."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import registry, signals

        registry.autodiscover()
        signals.connect()
