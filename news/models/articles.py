"""CCHC news: a news index per unit (city or ward) and its articles."""

import datetime

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core import params
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.restrictions import CachedViewRestrictionsMixin, any_restriction, public
from news.models.audiences import AUDIENCES, audiences_of, chosen_audience
from news.models.base import SocialMetaMixin, paginate_window, unknown_value_note
from news.models.topics import Topic, all_topics
from procedures.admin_forms import ProcedureChoicesForm

TOPIC_PARAM = "chu-de"
# What {% pageurl %} and a link title need from a page.
LINK_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "live")
# What an article card shows, and the renditions its srcset uses.
CARD_FIELDS = ("date", "lead", "publishing_unit", "featured", "lead_image", "lead_image_alt")
CARD_RENDITIONS = ("fill-320x180", "fill-640x360")


def publishing_unit_for(page):
    """Name of the unit whose subtree holds `page`: the ward's or the department's, else the city's."""
    from home.models import DepartmentPage, SiteSettings, WardHomePage

    ward = WardHomePage.objects.ancestor_of(page).only("unit_kind", "unit_name").first()
    if ward is not None:
        return f"UBND {ward.get_unit_kind_display().lower()} {ward.unit_name}"
    department = DepartmentPage.objects.ancestor_of(page).only("title").first()
    if department is not None:
        return department.title
    # The page's own url_path may not be set yet while it is first saved; its parent's is.
    parent = page.get_parent()
    site = parent.get_site() if parent is not None else None
    if site is not None:
        return SiteSettings.for_site(site).unit_name
    return ""


def without_own_restrictions(queryset):
    """Pages that carry no view restriction themselves.

    For the children of a page being shown this equals Wagtail's .public() (their ancestors' restrictions
    were checked when that page was served) and costs no extra query for the restriction list.
    """
    if not any_restriction():  # none anywhere (cached): the subquery would cost planning time
        return queryset
    # NOT EXISTS, not a LEFT JOIN … IS NULL: PostgreSQL misjudges the latter and sorts the whole index.
    return queryset.filter(~Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))


def article_listing(queryset):
    """What a list of article cards needs (lead image renditions), in a constant number of queries.

    `queryset` must hold the children of a page the visitor may see (see without_own_restrictions).
    """
    return _cards(without_own_restrictions(queryset.live()))


def site_article_listing(queryset):
    """As article_listing, for articles anywhere below a site: their ancestors' restrictions count too."""
    return _cards(public(queryset.live()))


def _cards(queryset):
    return (
        queryset.select_related("lead_image")
        .prefetch_related(Prefetch("lead_image__renditions", queryset=card_renditions()))
        .only(*LINK_FIELDS, *CARD_FIELDS)
        .order_by("-date", "-pk")
    )


def card_renditions():
    """Only the renditions an article card shows (templates/news/includes/article_card.html)."""
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)


class NewsIndexPage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """The news section of the city or of one ward; lists its own articles, newest first."""

    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage", "home.WardHomePage", "home.DepartmentPage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1
    per_page = 12

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "Trang tin tức"
        verbose_name_plural = "Trang tin tức"

    def articles(self):
        return article_listing(ArticlePage.objects.child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = all_topics()
        articles = self.articles()
        notes = []
        topic = None
        if params.is_given(request.GET, TOPIC_PARAM):
            slug = params.slug(request.GET, TOPIC_PARAM)
            topic = next((t for t in topics if t.slug == slug), None)
            if topic is None:
                notes.append(unknown_value_note(request, TOPIC_PARAM, "chủ đề", "tin của mọi chủ đề"))
            else:
                articles = articles.filter(topics=topic)
        audience, audience_note = chosen_audience(request.GET)
        if audience is not None:
            articles = articles.filter(**{audience.field: True})
        elif audience_note:
            notes.append(audience_note)
        context.update(
            topics=topics,
            topic=topic,
            audiences=AUDIENCES,
            audience=audience,
            page_obj=paginate_window(request, articles, self.per_page, notes),
            notes=notes,
        )
        return context


class ArticlePageForm(ProcedureChoicesForm):
    """A lead image needs its alt text before the article can be published (drafts may wait)."""

    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation:
            return cleaned
        if cleaned.get("lead_image") and not (cleaned.get("lead_image_alt") or "").strip():
            self.add_error(
                "lead_image_alt",
                "Ảnh đại diện cần có mô tả (alt) cho người dùng trình đọc màn hình trước khi xuất bản.",
            )
        return cleaned


class ArticlePage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """One CCHC news article, exemplary-model story or Q&A."""

    date = models.DateField("Ngày đăng", default=timezone.localdate, db_index=True)
    lead = models.TextField(
        "Sapo (tóm tắt)", max_length=600, help_text="Một đến ba câu tóm tắt, hiện ở danh sách tin và khi chia sẻ."
    )
    body = StreamField(BodyBlock(), verbose_name="Nội dung", blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        "Mô tả ảnh đại diện (alt)",
        max_length=250,
        blank=True,
        help_text="Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị.",
    )
    lead_image_caption = models.CharField("Chú thích ảnh", max_length=300, blank=True)
    publishing_unit = models.CharField(
        "Đơn vị đăng tin",
        max_length=200,
        blank=True,
        help_text="Để trống: tự lấy tên UBND phường, xã hoặc thành phố nơi đăng tin.",
    )
    topics = ParentalManyToManyField(Topic, verbose_name="Chủ đề", blank=True, related_name="articles")
    related_procedures = ParentalManyToManyField(
        "procedures.ProcedurePage",
        verbose_name="Thủ tục hành chính liên quan",
        blank=True,
        related_name="news_articles",
    )
    featured = models.BooleanField(
        "Tin nổi bật", default=False, help_text="Hiện ở mục tin nổi bật trên trang chủ của đơn vị."
    )
    # The plan's three audiences (news.models.audiences): readers filter the listings by them.
    for_officials = models.BooleanField("Cán bộ, công chức", default=False)
    for_businesses = models.BooleanField("Doanh nghiệp", default=False)
    for_citizens = models.BooleanField("Người dân", default=False)

    base_form_class = ArticlePageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt"), FieldPanel("lead_image_caption")],
            heading="Ảnh đại diện",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_procedures"),
                FieldPanel("featured"),
                FieldPanel("publishing_unit"),
            ],
            heading="Phân loại",
        ),
        MultiFieldPanel(
            [FieldPanel(a.field) for a in AUDIENCES],
            heading="Dành cho bạn đọc",
            help_text="Chọn những nhóm bạn đọc bài viết hướng tới; bạn đọc lọc danh sách tin theo các nhóm này.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("featured"),
    ]

    class Meta:
        verbose_name = "Bài viết"
        verbose_name_plural = "Bài viết"
        ordering = ["-date", "-page_ptr_id"]
        # The home page's featured articles: a handful among thousands (without it, a scan of them all).
        indexes = [models.Index(fields=["-date"], condition=models.Q(featured=True), name="news_article_featured_date")]

    # Read with the article when a URL is routed to it (home.routing): the page and its social tags
    # show the lead image.
    route_select_related = ("lead_image",)

    def save(self, *args, **kwargs):
        if not self.publishing_unit and self.path:
            self.publishing_unit = publishing_unit_for(self)
        return super().save(*args, **kwargs)

    def social_image(self):
        return self.lead_image, self.lead_image_alt

    def social_published_time(self):
        return self.date

    @property
    def audiences(self):
        return audiences_of(self)

    @property
    def published_datetime(self):
        """Aware datetime for feeds: the first publication time when it fell on `date`, else 07:00."""
        first = self.first_published_at
        if first and timezone.localdate(first) == self.date:
            return first
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(7, 0)))

    def linked_pages(self):
        """The article's topics, its live related procedures and the live directive documents that
        cite it. Their ids come in one query (three through tables, UNION ALL), topics are named from
        the site cache, and pages are read only for a kind that has any: most articles link none."""
        from news.models.directives import DirectiveDocumentPage
        from procedures.models import ProcedurePage

        document_fields = (*LINK_FIELDS, "number", "doc_type")
        held = self.topics.all()
        if not hasattr(held, "query"):  # a preview: its own relations are held in memory
            procedures = [p for p in self.related_procedures.all() if p.live]
            documents = self.directive_documents.filter(live=True).only(*document_fields).order_by("path")
            return list(held), procedures, list(documents)

        def ids_of(through, column, kind):
            label = models.Value(kind, output_field=models.CharField())
            return through.objects.filter(articlepage_id=self.pk).values_list(label, column)

        rows = ids_of(ArticlePage.topics.through, "topic_id", "t").union(
            ids_of(ArticlePage.related_procedures.through, "procedurepage_id", "p"),
            ids_of(DirectiveDocumentPage.related_articles.through, "directivedocumentpage_id", "d"),
            all=True,
        )
        ids = {"t": set(), "p": set(), "d": set()}
        for kind, pk in rows:
            ids[kind].add(pk)
        topics = [topic for topic in all_topics() if topic.pk in ids["t"]]
        if len(topics) < len(ids["t"]):  # a topic newer than the cache
            topics = list(self.topics.all())
        procedures = documents = []
        if ids["p"]:
            procedures = list(
                ProcedurePage.objects.filter(pk__in=ids["p"], live=True).only(*LINK_FIELDS, "code").order_by("path")
            )
        if ids["d"]:
            documents = list(
                DirectiveDocumentPage.objects.filter(pk__in=ids["d"], live=True).only(*document_fields).order_by("path")
            )
        return topics, procedures, documents

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics, procedures, documents = self.linked_pages()
        related = ArticlePage.objects.none()
        if topics:
            related = (
                without_own_restrictions(ArticlePage.objects.sibling_of(self, inclusive=False).live())
                .filter(topics=topics[0])
                .only(*LINK_FIELDS, "date")
                .order_by("-date", "-pk")[:4]
            )
        # The news index's URL is this page's minus its slug: no query for the parent page.
        url = self.get_url(request)
        context.update(
            index_url=url.rsplit("/", 2)[0] + "/" if url else self.get_parent().get_url(request),
            article_topics=topics,
            related_articles=list(related),
            related_procedures=procedures,
            directive_documents=documents,
        )
        return context
