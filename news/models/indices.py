"""The reform indices page: PAR Index and SIPAS by year, edited in the admin, drawn as charts and a table."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.blocks import RICH_TEXT_FEATURES
from home.restrictions import CachedViewRestrictionsMixin
from news import charts
from news.models.base import SocialMetaMixin, ward_pages

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class ReformIndicesPageForm(WagtailAdminPageForm):
    """One row of scores per year. Checked after the rows themselves (the page form's clean() runs
    before its inline formsets are cleaned)."""

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("scores")
        if formset is None:
            return valid
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            year = form.cleaned_data.get("year")
            if year in seen:
                form.add_error("year", f"Năm {year} đã có một dòng điểm; mỗi năm chỉ nhập một lần.")
                valid = False
            seen.add(year)
        return valid


class ReformIndicesPage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)
    unit_label = models.CharField(
        "Đơn vị được đánh giá", max_length=200, blank=True, help_text="Ví dụ: UBND thành phố Chí Linh."
    )
    source_note = RichTextField("Nguồn số liệu", blank=True, features=["bold", "italic", "link"])

    base_form_class = ReformIndicesPageForm
    parent_page_types = ["home.HomePage", "home.WardHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("unit_label"),
        InlinePanel("scores", heading="Điểm theo năm", label="Năm"),
        FieldPanel("source_note"),
    ]

    class Meta:
        verbose_name = "Trang chỉ số cải cách hành chính"
        verbose_name_plural = "Trang chỉ số cải cách hành chính"

    def ordered_scores(self):
        return sorted(self.scores.all(), key=lambda s: s.year)

    def ward_scores(self):
        """On the city's page: (ward, its indices page, latest year's scores) for every ward that publishes
        its own, best PAR Index first. Empty on a ward's page."""
        pairs = ward_pages(ReformIndicesPage, self)
        latest = {}
        for score in IndexScore.objects.filter(page__in=[p for _w, p in pairs]).order_by("page_id", "-year"):
            latest.setdefault(score.page_id, score)
        rows = [(ward, page, latest.get(page.pk)) for ward, page in pairs]
        # Best PAR Index first; wards without figures last.
        return sorted(rows, key=lambda row: -(row[2].par_index or 0) if row[2] else 1)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        scores = self.ordered_scores()
        context["scores"] = scores
        context["ward_scores"] = self.ward_scores()
        if scores:
            context["chart"] = charts.grouped_bar_chart(
                uid=f"chi-so-{self.pk}",
                title="Chỉ số CCHC (PAR Index) và Chỉ số hài lòng (SIPAS) theo năm",
                description=(
                    "Biểu đồ ngang, mỗi năm hai giá trị: PAR Index và SIPAS, tính theo phần trăm. "
                    "Số liệu chi tiết ở bảng bên dưới."
                ),
                categories=[f"Năm {s.year}" for s in scores],
                series=[
                    charts.Series("Chỉ số CCHC (PAR Index)", "chart-bar--par"),
                    charts.Series("Chỉ số hài lòng (SIPAS)", "chart-bar--sipas"),
                ],
                values=[[s.par_index, s.sipas] for s in scores],
            )
        return context


class IndexScore(Orderable):
    page = ParentalKey(ReformIndicesPage, on_delete=models.CASCADE, related_name="scores")
    year = models.PositiveSmallIntegerField(
        "Năm", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    par_index = models.DecimalField(
        "Chỉ số CCHC (PAR Index), %", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    par_rank = models.PositiveSmallIntegerField("Xếp hạng PAR Index", null=True, blank=True)
    par_rank_total = models.PositiveSmallIntegerField(
        "Trên tổng số đơn vị", null=True, blank=True, help_text="Ví dụ: xếp thứ 3 trên 12 huyện, thị xã, thành phố."
    )
    sipas = models.DecimalField(
        "Chỉ số hài lòng (SIPAS), %", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    note = models.CharField("Ghi chú", max_length=255, blank=True)

    panels = [
        FieldPanel("year"),
        FieldPanel("par_index"),
        FieldPanel("par_rank"),
        FieldPanel("par_rank_total"),
        FieldPanel("sipas"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Điểm chỉ số theo năm"
        verbose_name_plural = "Điểm chỉ số theo năm"

    def clean(self):
        super().clean()
        if self.par_index is None and self.sipas is None:
            raise ValidationError("Nhập ít nhất một chỉ số (PAR Index hoặc SIPAS) cho năm này.")
        if self.par_rank and self.par_rank_total and self.par_rank > self.par_rank_total:
            raise ValidationError({"par_rank": "Thứ hạng không thể lớn hơn tổng số đơn vị được xếp hạng."})
