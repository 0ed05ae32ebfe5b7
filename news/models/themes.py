"""Theme pages: a standing home for one theme of the plan (legal dissemination, ISO 9001, anti-corruption…),
with its own text and every article of its topic, from the city, the departments and the wards."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.restrictions import CachedViewRestrictionsMixin
from news.models.articles import ArticlePage, site_article_listing
from news.models.base import SocialMetaMixin, paginate_window
from news.models.topics import Topic


class ThemePage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """A topic's landing page. The articles stay in their own unit's news (an article may have several
    themes); this page gathers them by topic and keeps the standing text (a plan, a quality policy,
    where to report) that a list of news cannot hold. Under a department, that department's editors
    keep it."""

    topic = models.ForeignKey(
        Topic,
        verbose_name="Chủ đề tin",
        on_delete=models.PROTECT,
        related_name="theme_pages",
        help_text="Trang tự liệt kê mọi bài viết thuộc chủ đề này của thành phố, các phòng, ban và phường, xã.",
    )
    lead = models.TextField(
        "Tóm tắt",
        max_length=600,
        help_text="Một đến ba câu giới thiệu chuyên đề, hiện ở danh sách chuyên đề.",
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="Nội dung thường trực",
        blank=True,
        help_text="Kế hoạch, quy định, chính sách chất lượng, nơi tiếp nhận… những gì bạn đọc cần tìm lâu dài.",
    )

    parent_page_types = ["home.HomePage", "home.DepartmentPage"]
    subpage_types = []
    per_page = 10

    content_panels = Page.content_panels + [FieldPanel("topic"), FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = "Trang chuyên đề"
        verbose_name_plural = "Trang chuyên đề"

    def articles(self):
        """Live articles of the topic anywhere under this page's site root (the city home)."""
        home_path = self.path[: Page.steplen * 2]
        return site_article_listing(
            ArticlePage.objects.filter(path__startswith=home_path, topics=self.topic_id)
        )

    def department(self):
        """The department that keeps this page, or None for a city theme."""
        from home.models import DepartmentPage

        return DepartmentPage.objects.parent_of(self).only("title", "url_path", "path", "depth").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notes = []
        context.update(
            page_obj=paginate_window(request, self.articles(), self.per_page, notes),
            notes=notes,
            department=self.department(),
        )
        return context
