from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Trang chủ và cấu hình cổng"

    def ready(self):
        from core.cache import clear_when_changed
        from home.models import SiteSettings

        clear_when_changed(SiteSettings)  # every page shows them (footer, contacts, hotlines)
