from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Trang chủ và cấu hình cổng"

    def ready(self):
        from wagtail.images import get_image_model

        from core.cache import clear_when_changed
        from home.models import SiteSettings
        from home.own_sections import directory_context, wards_context
        from home.sections import register_home_section

        clear_when_changed(SiteSettings)  # every page shows them (footer, contacts, hotlines)
        # Home sections are kept as HTML (home.sections) with their images' rendition URLs.
        clear_when_changed(get_image_model())

        # After the domain apps' sections: the directory of sections, then (city) the wards.
        register_home_section("home/sections/directory.html", directory_context, order=80, on=("city", "ward"))
        register_home_section("home/sections/wards.html", wards_context, order=90, on=("city",))
