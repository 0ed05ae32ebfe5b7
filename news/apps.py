"""CCHC communications: articles, directive documents, radio column, reform indices."""
from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức cải cách hành chính"

    def ready(self):
        from home.sections import register_home_section
        from news import sections

        register_home_section("news/sections/city_news.html", sections.city_news, order=20, on=("city",))
        register_home_section("news/sections/ward_news.html", sections.ward_news, order=20, on=("ward",))
        register_home_section(
            "news/sections/department_news.html", sections.department_news, order=20, on=("department",)
        )
        register_home_section("news/sections/city_themes.html", sections.city_themes, order=25, on=("city",))
        register_home_section(
            "news/sections/ward_results.html", sections.ward_results, order=25, on=("ward",)
        )

        from core.cache import clear_when_changed
        from news.models import OneStopResult, Topic

        # Listings and articles name their topics from the site cache (news.models.topics.all_topics);
        # a ward home's section shows its latest one-stop month (home.sections keeps the HTML there).
        clear_when_changed(Topic, OneStopResult)
