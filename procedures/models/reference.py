"""Reference data editors maintain as snippets: fields, levels, agencies, online kinds, decisions.

Levels and online-service kinds are data, not code: a reform that renames or retires one is an edit.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.collation import VietnameseOrderManager
from core.text import folded_slug


class SluggedName(models.Model):
    """A named reference row with a stable ASCII slug used in URLs and filters."""

    name = models.CharField("Tên", max_length=255, unique=True)
    slug = models.SlugField("Mã trong đường dẫn", max_length=80, unique=True, blank=True)

    objects = VietnameseOrderManager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def save(self, *args, **kwargs):
        if not self.slug:
            base = folded_slug(self.name)
            slug, n = base, 2
            while type(self).objects.filter(slug=slug).exclude(pk=self.pk).exists():
                suffix = f"-{n}"  # the slug column holds 80 characters
                slug, n = base[: 80 - len(suffix)] + suffix, n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name


class ProcedureField(index.Indexed, SluggedName):
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedName.Meta):
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"


class ProcedureLevel(SluggedName):
    class SubmitAt(models.TextChoices):
        WARD = "ward", "Bộ phận một cửa của phường, xã"
        OWN = "own", "Bộ phận một cửa của đơn vị quản lý cổng (thành phố)"
        AGENCY = "agency", "Cơ quan thực hiện (cấp tỉnh, trung ương…)"

    # Where a level the import creates (a fresh database, migration 0005 for the seeded rows) is
    # submitted: commune procedures at the ward's desk, the district level at the portal unit's own.
    SUBMIT_AT_BY_SLUG = {"cap-xa": SubmitAt.WARD, "cap-huyen": SubmitAt.OWN}

    sort_order = models.PositiveSmallIntegerField(
        "Thứ tự", default=50, help_text="Cấp gần người dân nhất có số nhỏ nhất (cấp xã = 10)."
    )
    is_active = models.BooleanField(
        "Còn áp dụng", default=True, help_text="Bỏ chọn khi cải cách bỏ cấp này (ví dụ cấp huyện từ 7/2025)."
    )
    submit_at = models.CharField(
        "Nơi nộp hồ sơ",
        max_length=16,
        choices=SubmitAt.choices,
        default=SubmitAt.AGENCY,
        help_text="Trang thủ tục của cấp này chỉ dẫn người dân nộp hồ sơ ở đâu.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
        FieldPanel("submit_at"),
    ]

    class Meta(SluggedName.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "Cấp thực hiện"
        verbose_name_plural = "Cấp thực hiện"


class Agency(index.Indexed, SluggedName):
    short_name = models.CharField("Tên viết tắt", max_length=80, blank=True)
    level = models.ForeignKey(
        ProcedureLevel,
        verbose_name="Cấp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agencies",
        help_text="Cấp của cơ quan (cấp xã, cấp tỉnh, cấp bộ…); để trống khi tên không cho biết.",
    )
    other_province = models.CharField(
        "Thuộc tỉnh, thành phố khác",
        max_length=80,
        blank=True,
        help_text="Tên tỉnh, thành phố khác mà tên cơ quan nêu (dữ liệu lấy từ văn bản của địa phương khác). "
        "Cơ quan này không hiện trong bộ lọc công khai; hãy sửa các thủ tục dùng nó.",
    )
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("short_name"), FieldPanel("level"),
              FieldPanel("other_province")]  # fmt: skip

    class Meta(SluggedName.Meta):
        verbose_name = "Cơ quan thực hiện"
        verbose_name_plural = "Cơ quan thực hiện"


class OnlineServiceKind(SluggedName):
    is_full_online = models.BooleanField("Toàn trình", default=False)
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=50)

    class Meta(SluggedName.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "Mức độ dịch vụ công trực tuyến"
        verbose_name_plural = "Mức độ dịch vụ công trực tuyến"


class AnnouncingDecision(index.Indexed, models.Model):
    """A "quyết định công bố": the decision that announces procedures as new, amended, replaced or abolished."""

    number = models.CharField("Số quyết định", max_length=80, unique=True, help_text="Ví dụ: 1234/QĐ-UBND")
    date = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    summary = models.TextField("Trích yếu", blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp quyết định (PDF)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on_portal_at = models.DateTimeField(
        "Ngày đăng trên cổng", null=True, blank=True, help_text="Để theo dõi thời hạn công khai."
    )

    search_fields = [index.SearchField("number"), index.SearchField("summary"), index.FilterField("date")]
    panels = [
        FieldPanel("number"),
        FieldPanel("date"),
        FieldPanel("issuer"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("published_on_portal_at"),
    ]

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = "Quyết định công bố"
        verbose_name_plural = "Quyết định công bố"

    def __str__(self):
        when = f" ngày {self.date:%d/%m/%Y}" if self.date else ""
        return f"Quyết định số {self.number}{when}"
