"""Life-event entry points of the catalogue ("Tôi muốn…": sinh con, kết hôn, xây nhà…): each a curated
list of procedures, with the citizen search behind it for the rest."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index


class LifeEvent(index.Indexed, ClusterableModel):
    """What a citizen wants to get done in their life, and the procedures it takes."""

    title = models.CharField(
        "Tôi muốn…",
        max_length=120,
        help_text="Việc người dân cần làm, ví dụ: «Sinh con», «Mở hộ kinh doanh».",
    )
    slug = models.SlugField("Đường dẫn", max_length=80, unique=True, help_text="Ví dụ: sinh-con.")
    lead = models.CharField(
        "Lời dẫn",
        max_length=255,
        blank=True,
        help_text="Một câu nói rõ khi nào người dân cần đến các thủ tục này.",
    )
    search_query = models.CharField(
        "Tìm thêm bằng cụm từ",
        max_length=200,
        help_text="Cụm từ người dân hay gõ cho việc này (ví dụ «sinh con»): trang hiện thêm kết quả tìm kiếm theo cụm từ đó.",
    )
    sort_order = models.PositiveSmallIntegerField("Thứ tự hiển thị", default=0)
    is_active = models.BooleanField("Hiển thị", default=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.SearchField("lead")]
    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("slug"), FieldPanel("lead"), FieldPanel("search_query")],
            heading="Việc cần làm",
        ),
        InlinePanel("items", heading="Thủ tục cần làm", label="Thủ tục"),
        MultiFieldPanel([FieldPanel("sort_order"), FieldPanel("is_active")], heading="Hiển thị"),
    ]

    class Meta:
        verbose_name = "Việc cần làm (Tôi muốn…)"
        verbose_name_plural = "Việc cần làm (Tôi muốn…)"
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def get_url(self):
        from django.urls import reverse

        return reverse("procedures_public:life_event", args=[self.slug])


class LifeEventProcedure(Orderable):
    event = ParentalKey(LifeEvent, on_delete=models.CASCADE, related_name="items")
    procedure = models.ForeignKey(
        "procedures.ProcedurePage", verbose_name="Thủ tục", on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(
        "Khi nào cần", max_length=255, blank=True, help_text="Ví dụ: «trong 60 ngày kể từ ngày sinh»."
    )

    panels = [PageChooserPanel("procedure", "procedures.ProcedurePage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "Thủ tục của việc cần làm"
        verbose_name_plural = "Thủ tục của việc cần làm"
