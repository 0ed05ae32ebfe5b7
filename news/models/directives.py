"""Directive documents ("văn bản chỉ đạo") from the centre, the province, the city and the wards."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core import params
from home.blocks import RICH_TEXT_FEATURES
from home.restrictions import CachedViewRestrictionsMixin
from news.models.base import SocialMetaMixin, paginate, unknown_value_note

# What the library's search box reads besides the citizen search (drafts never show here anyway).
SEARCHED_FIELDS = ["number", "title", "summary", "issuing_body"]


class DirectiveLibraryPage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """The filterable library of directive documents of a unit."""

    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage", "home.WardHomePage"]
    subpage_types = ["news.DirectiveDocumentPage"]
    max_count_per_parent = 1
    per_page = 20

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Thư viện văn bản chỉ đạo"
        verbose_name_plural = "Thư viện văn bản chỉ đạo"

    def documents(self):
        return (
            DirectiveDocumentPage.objects.child_of(self)
            .live()
            .public()
            .select_related("attachment")
            .order_by("-issued_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        years = sorted(
            {d.year for d in documents.dates("issued_date", "year")}, reverse=True
        )
        chosen = {"cap": "", "loai": "", "nam": "", "q": ""}
        notes = []
        if params.is_given(request.GET, "cap"):
            level = params.choice(request.GET, "cap", DirectiveDocumentPage.Level.values)
            if level is None:
                notes.append(unknown_value_note(request, "cap", "cấp ban hành", "văn bản của mọi cấp"))
            else:
                documents = documents.filter(level=level)
                chosen["cap"] = level
        if params.is_given(request.GET, "loai"):
            doc_type = params.choice(request.GET, "loai", DirectiveDocumentPage.DocType.values)
            if doc_type is None:
                notes.append(unknown_value_note(request, "loai", "loại văn bản", "văn bản thuộc mọi loại"))
            else:
                documents = documents.filter(doc_type=doc_type)
                chosen["loai"] = doc_type
        if params.is_given(request.GET, "nam"):
            year = params.year(request.GET, "nam")
            if year is None:
                notes.append(unknown_value_note(request, "nam", "năm ban hành", "văn bản của mọi năm"))
            else:
                documents = documents.filter(issued_date__year=year)
                chosen["nam"] = str(year)
        query = params.text(request.GET, "q", max_length=100)
        if query:
            from search import lookup  # the site's Vietnamese search: "mot cua" finds "một cửa"

            ids = lookup.ranked_ids(documents, query, fields=SEARCHED_FIELDS)
            documents = lookup.in_order(documents, ids)
            chosen["q"] = query
        context.update(
            levels=DirectiveDocumentPage.Level.choices,
            doc_types=DirectiveDocumentPage.DocType.choices,
            years=years,
            chosen=chosen,
            filtered=any(chosen.values()),
            page_obj=paginate(request, documents, self.per_page, notes),
            notes=notes,
        )
        return context


class DirectiveDocumentPage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """One directive document; the page title is its subject line ("trích yếu")."""

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", "Trung ương"
        PROVINCE = "tinh", "Tỉnh"
        CITY = "thanh-pho", "Thành phố"
        WARD = "phuong-xa", "Phường, xã"

    class DocType(models.TextChoices):
        RESOLUTION = "nghi-quyet", "Nghị quyết"
        DECREE = "nghi-dinh", "Nghị định"
        CIRCULAR = "thong-tu", "Thông tư"
        DIRECTIVE = "chi-thi", "Chỉ thị"
        DECISION = "quyet-dinh", "Quyết định"
        PLAN = "ke-hoach", "Kế hoạch"
        OFFICIAL_LETTER = "cong-van", "Công văn"
        NOTICE = "thong-bao", "Thông báo"
        GUIDANCE = "huong-dan", "Hướng dẫn"
        REPORT = "bao-cao", "Báo cáo"
        OTHER = "khac", "Văn bản khác"

    number = models.CharField(
        "Số, ký hiệu", max_length=60, db_index=True, help_text="Ví dụ: 76/NQ-CP, 1254/KH-UBND."
    )
    issued_date = models.DateField("Ngày ban hành", db_index=True)
    issuing_body = models.CharField(
        "Cơ quan ban hành", max_length=200, help_text="Ví dụ: Chính phủ, UBND tỉnh Hải Dương."
    )
    level = models.CharField("Cấp ban hành", max_length=16, choices=Level.choices, db_index=True)
    doc_type = models.CharField("Loại văn bản", max_length=16, choices=DocType.choices, db_index=True)
    summary = models.TextField("Tóm tắt nội dung", blank=True)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_articles = ParentalManyToManyField(
        "news.ArticlePage", verbose_name="Tin bài liên quan", blank=True, related_name="directive_documents"
    )

    parent_page_types = ["news.DirectiveLibraryPage"]
    subpage_types = []
    og_type = "article"

    content_panels = [
        FieldPanel("title", heading="Trích yếu", help_text="Ví dụ: Về đẩy mạnh cải cách hành chính năm 2024."),
        MultiFieldPanel(
            [
                FieldPanel("doc_type"),
                FieldPanel("number"),
                FieldPanel("issued_date"),
                FieldPanel("issuing_body"),
                FieldPanel("level"),
            ],
            heading="Thông tin văn bản",
        ),
        FieldPanel("summary"),
        FieldPanel("attachment"),
        FieldPanel("related_articles"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("issuing_body"),
        index.FilterField("level"),
        index.FilterField("doc_type"),
        index.FilterField("issued_date"),
    ]

    class Meta:
        verbose_name = "Văn bản chỉ đạo"
        verbose_name_plural = "Văn bản chỉ đạo"

    def clean(self):
        self.number = " ".join((self.number or "").split())
        super().clean()

    @property
    def full_reference(self):
        """ "Kế hoạch số 25/KH-UBND ngày 10/02/2022 của UBND thành phố" """
        return (
            f"{self.get_doc_type_display()} số {self.number} ngày {self.issued_date:%d/%m/%Y} "
            f"của {self.issuing_body}"
        )

    def social_published_time(self):
        return self.issued_date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = [a for a in self.related_articles.all() if a.live]
        return context
