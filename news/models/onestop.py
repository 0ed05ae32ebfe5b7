"""One-stop results ("kết quả giải quyết TTHC") per month and unit, and the page that publicises them."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core import params
from home.blocks import RICH_TEXT_FEATURES
from home.restrictions import CachedViewRestrictionsMixin
from news import charts
from news.models.base import SocialMetaMixin, unknown_value_note, ward_pages

CITY_DESK_LABEL = "Bộ phận một cửa thành phố"
CITY_CHART_LABEL = "Một cửa thành phố"
MONTH_CHOICES = [(m, f"Tháng {m}") for m in range(1, 13)]


def unit_pages():
    """The units that report results: the city home page (city desk) and the ward home pages."""
    from home.models import HomePage, WardHomePage

    types = ContentType.objects.get_for_models(HomePage, WardHomePage).values()
    return Page.objects.filter(content_type__in=types).order_by("depth", "title")


def unit_label(page):
    from home.models import HomePage

    if page.content_type_id == ContentType.objects.get_for_model(HomePage).id:
        return CITY_DESK_LABEL
    return page.title


class UnitChoiceField(params.IdChoiceField):
    def label_from_instance(self, obj):
        return unit_label(obj)


class OneStopResultForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        self.fields["unit"] = UnitChoiceField(
            queryset=unit_pages(), label=field.label, help_text=field.help_text, required=True
        )


class OneStopResult(models.Model):
    """Dossiers handled by one unit's one-stop desk in one month."""

    unit = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Đơn vị",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Bộ phận một cửa thành phố hoặc của một phường, xã.",
    )
    year = models.PositiveSmallIntegerField("Năm", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField("Tháng", choices=MONTH_CHOICES)
    received = models.PositiveIntegerField(
        "Số hồ sơ tiếp nhận", help_text="Tổng số hồ sơ phải giải quyết trong tháng (kể cả kỳ trước chuyển sang)."
    )
    on_time = models.PositiveIntegerField("Đã giải quyết đúng hạn", help_text="Gồm cả hồ sơ giải quyết trước hạn.")
    late = models.PositiveIntegerField("Đã giải quyết quá hạn")
    pending = models.PositiveIntegerField("Đang giải quyết")
    online = models.PositiveIntegerField("Tiếp nhận trực tuyến", help_text="Số hồ sơ nộp qua dịch vụ công trực tuyến.")
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    base_form_class = OneStopResultForm
    panels = [
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("month"), FieldPanel("year")], heading="Kỳ báo cáo"),
        MultiFieldPanel(
            [
                FieldPanel("received"),
                FieldPanel("on_time"),
                FieldPanel("late"),
                FieldPanel("pending"),
                FieldPanel("online"),
            ],
            heading="Số hồ sơ",
        ),
    ]

    class Meta:
        verbose_name = "Kết quả giải quyết TTHC"
        verbose_name_plural = "Kết quả giải quyết TTHC"
        ordering = ["-year", "-month", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "month"], name="news_onestop_unit_month_unique")
        ]

    def __str__(self):
        return f"{unit_label(self.unit)} – {self.month:02d}/{self.year}"

    def clean(self):
        super().clean()
        check_totals(self.received, self.on_time, self.late, self.pending, self.online)
        if self.unit_id and self.year and self.month:
            clash = OneStopResult.objects.filter(unit_id=self.unit_id, year=self.year, month=self.month)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    f"Đã có số liệu của đơn vị này cho tháng {self.month:02d}/{self.year}; hãy sửa bản ghi đó."
                )

    def validate_constraints(self, exclude=None):
        # The clash is reported in Vietnamese by clean(); skip Django's English duplicate message.
        exclude = set(exclude or ()) | {"unit", "year", "month"}
        super().validate_constraints(exclude=exclude)

    @property
    def resolved(self):
        return self.on_time + self.late

    @property
    def on_time_rate(self):
        return round(self.on_time * 100 / self.resolved, 1) if self.resolved else None

    @property
    def online_share(self):
        return round(self.online * 100 / self.received, 1) if self.received else None

    @property
    def period_label(self):
        return f"{self.month:02d}/{self.year}"


def check_totals(received, on_time, late, pending, online):
    """The figures of one row must add up; raises ValidationError with a Vietnamese message."""
    if None in (received, on_time, late, pending, online):
        return
    handled = on_time + late + pending
    if handled > received:
        raise ValidationError(
            f"Tổng số đúng hạn, quá hạn và đang giải quyết ({handled}) lớn hơn số hồ sơ tiếp nhận ({received})."
        )
    if online > received:
        raise ValidationError(f"Số hồ sơ trực tuyến ({online}) lớn hơn số hồ sơ tiếp nhận ({received}).")


class Totals:
    """Sum of several units' rows, with the same rates as one row."""

    def __init__(self, rows):
        self.received = sum(r.received for r in rows)
        self.on_time = sum(r.on_time for r in rows)
        self.late = sum(r.late for r in rows)
        self.pending = sum(r.pending for r in rows)
        self.online = sum(r.online for r in rows)

    resolved = OneStopResult.resolved
    on_time_rate = OneStopResult.on_time_rate
    online_share = OneStopResult.online_share


class OneStopResultsPage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """Publishes the one-stop results: every unit for one month (city), and a unit's last 12 months."""

    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage", "home.WardHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Trang kết quả giải quyết TTHC"
        verbose_name_plural = "Trang kết quả giải quyết TTHC"

    def scope(self):
        """(units, is_city): the units this page reports on."""
        from home.models import HomePage, WardHomePage

        parent = self.get_parent().specific
        if isinstance(parent, HomePage):
            wards = list(WardHomePage.objects.child_of(parent).live().order_by("unit_kind", "title"))
            return [parent, *wards], True
        return [parent], False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        units, is_city = self.scope()
        unit_ids = [u.pk for u in units]
        results = OneStopResult.objects.filter(unit_id__in=unit_ids).select_related("unit")
        months = list(results.order_by("-year", "-month").values_list("year", "month").distinct())
        context.update(is_city=is_city, months=[f"{y}-{m:02d}" for y, m in months], units=units)
        context["ward_pages"] = ward_pages(OneStopResultsPage, self) if is_city else []
        if not months:
            return context

        notes = []
        year, month = months[0]
        if params.is_given(request.GET, "thang"):
            chosen = params.month(request.GET, "thang")
            if chosen in months:
                year, month = chosen
            else:
                asked = f"tháng {chosen[1]:02d}/{chosen[0]}" if chosen else "tháng đã chọn"
                notes.append(
                    f"Chưa có số liệu {asked}; đang hiển thị tháng {month:02d}/{year}, tháng gần nhất đã công bố."
                )
        unit = units[0]
        if params.is_given(request.GET, "don-vi"):
            slug = params.slug(request.GET, "don-vi")
            found = next((u for u in units if u.slug == slug), None)
            if found is None:
                notes.append(unknown_value_note(request, "don-vi", "đơn vị", unit_label(unit)))
            else:
                unit = found
        context["notes"] = notes

        by_unit = {r.unit_id: r for r in results.filter(year=year, month=month)}
        month_rows = [(u, unit_label(u), by_unit.get(u.pk)) for u in units]
        present = [r for _u, _l, r in month_rows if r]
        context.update(
            year=year,
            month=month,
            chosen_month=f"{year}-{month:02d}",
            unit=unit,
            unit_name=unit_label(unit),
            month_rows=month_rows,
            month_total=Totals(present) if is_city and len(present) > 1 else None,
        )
        if is_city:
            rated = [(label, r) for _u, label, r in month_rows if r and r.on_time_rate is not None]
            context["month_chart"] = charts.grouped_bar_chart(
                uid=f"ket-qua-thang-{self.pk}",
                title=f"Tỷ lệ giải quyết đúng hạn tháng {month:02d}/{year} theo đơn vị",
                description="Biểu đồ ngang, mỗi đơn vị một giá trị, tính theo phần trăm. Số liệu ở bảng bên trên.",
                categories=[CITY_CHART_LABEL if label == CITY_DESK_LABEL else label for label, _r in rated],
                series=[charts.Series("Tỷ lệ đúng hạn", "chart-bar--ok")],
                values=[[r.on_time_rate] for _l, r in rated],
                decimals=1,
            )

        # The chosen unit's last 12 months up to the chosen month.
        trend = list(
            results.filter(unit_id=unit.pk)
            .filter(models.Q(year__lt=year) | models.Q(year=year, month__lte=month))
            .order_by("-year", "-month")[:12]
        )[::-1]
        context["trend"] = trend
        if trend:
            context["trend_chart"] = charts.stacked_bar_chart(
                uid=f"ket-qua-xu-huong-{self.pk}",
                title=f"Kết quả giải quyết hồ sơ theo tháng – {unit_label(unit)}",
                description=(
                    "Biểu đồ thanh ngang xếp chồng, mỗi tháng một thanh: số hồ sơ đúng hạn, quá hạn, đang giải "
                    "quyết; cuối mỗi thanh là tổng số hồ sơ trên thanh. Tỷ lệ đúng hạn ở bảng bên dưới."
                ),
                categories=[r.period_label for r in trend],
                series=[
                    charts.Series("Đúng hạn", "chart-bar--ok"),
                    charts.Series("Quá hạn", "chart-bar--late"),
                    charts.Series("Đang giải quyết", "chart-bar--pending"),
                ],
                values=[[r.on_time, r.late, r.pending] for r in trend],
                unit=" hồ sơ",
                axis_label="Số hồ sơ",
            )
        return context
