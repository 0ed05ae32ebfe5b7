"""The catalogue page, the procedure page (national TTHC template) and its status history."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.context import RegisteredContextMixin
from core.text import folded_slug
from home.restrictions import CachedViewRestrictionsMixin
from procedures.admin_forms import ProcedureChoicesForm
from procedures.blocks import ChannelBlock, DossierCaseBlock, FormBlock, LegalBasisBlock, StepBlock

TITLE_MAX = 255
ONLINE_METHOD = "truc_tuyen"  # procedures.blocks.CHANNEL_CHOICES
NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")
PROVINCE_CODE = re.compile(r"^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2})?(\.H\d{2})?$")


def code_warning(code):
    """None for a national or province-applied code, else a Vietnamese warning (codes are still accepted)."""
    if PROVINCE_CODE.match(code or ""):
        return None
    return (
        f"Mã «{code}» không theo dạng mã quốc gia (1.001193) hoặc mã tỉnh (1.000494.000.00.00.H29); "
        "vẫn được chấp nhận, vui lòng kiểm tra lại."
    )


def derive_title(official_name):
    """A page title that fits Wagtail's 255 characters; the full name stays in official_name."""
    name = " ".join((official_name or "").split())
    if len(name) <= TITLE_MAX:
        return name
    cut = name[: TITLE_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


class ProcedureIndexPage(RegisteredContextMixin, CachedViewRestrictionsMixin, Page):
    """The catalogue: lists, filters and links every procedure page below it (its context:
    procedures.catalogue_context)."""

    intro = RichTextField("Giới thiệu", blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField("Số thủ tục mỗi trang", default=20)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count = 1
    show_in_menus_default = True  # citizens look for the catalogue in the main menu first
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"


class ProcedurePage(RegisteredContextMixin, CachedViewRestrictionsMixin, Page):
    """One administrative procedure ("thủ tục hành chính") as the national template publishes it (its
    context: procedures.page_context)."""

    class Status(models.TextChoices):
        NEW = "new", "Ban hành mới"
        AMENDED = "amended", "Sửa đổi, bổ sung"
        REPLACED = "replaced", "Bị thay thế"
        ABOLISHED = "abolished", "Bị bãi bỏ"

    IN_FORCE = (Status.NEW, Status.AMENDED)

    code = models.CharField(
        "Mã thủ tục",
        max_length=64,
        db_index=True,
        help_text="Mã quốc gia (1.001193) hoặc mã tỉnh (1.000494.000.00.00.H29).",
    )
    official_name = models.TextField(
        "Tên thủ tục",
        help_text="Tên đầy đủ như văn bản công bố; tiêu đề trang được rút gọn tự động nếu quá 255 ký tự.",
    )
    code_local = models.CharField(
        "Mã áp dụng tại địa phương",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Mã do cổng dịch vụ công của tỉnh hiển thị, ví dụ 1.001699.000.00.00.H17 (nếu có).",
    )
    procedure_type = models.CharField("Loại thủ tục", max_length=255, blank=True)
    ministry = models.CharField(
        "Bộ, ngành quản lý",
        max_length=255,
        blank=True,
        help_text="Bộ, ngành công bố thủ tục trong danh mục quốc gia.",
    )
    field = models.ForeignKey(
        "procedures.ProcedureField", verbose_name="Lĩnh vực", on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.ForeignKey(
        "procedures.ProcedureLevel",
        verbose_name="Cấp thực hiện",
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    other_levels = ParentalManyToManyField(
        "procedures.ProcedureLevel", verbose_name="Các cấp cùng thực hiện", blank=True, related_name="+"
    )
    implementing_agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name="Cơ quan thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    other_agencies = ParentalManyToManyField(
        "procedures.Agency",
        verbose_name="Các cơ quan cùng thực hiện",
        blank=True,
        related_name="shared_procedures",
        help_text="Khi văn bản công bố nêu nhiều cơ quan: mỗi cơ quan một mục, cơ quan chính ở ô trên.",
    )
    competent_agency = models.TextField("Cơ quan có thẩm quyền", blank=True)
    authorised_agency = models.TextField("Cơ quan được ủy quyền", blank=True)
    coordinating_agency = models.TextField("Cơ quan phối hợp", blank=True)
    submission_place = models.TextField(
        "Địa điểm thực hiện", blank=True, help_text="Nơi nộp hồ sơ, nhận kết quả (Bộ phận một cửa…)."
    )
    steps = StreamField([("step", StepBlock())], verbose_name="Trình tự thực hiện", blank=True)
    channels = StreamField([("channel", ChannelBlock())], verbose_name="Cách thức thực hiện", blank=True)
    dossier = StreamField(
        [("case", DossierCaseBlock())], verbose_name="Thành phần, số lượng hồ sơ", blank=True
    )
    deadline = models.TextField("Thời hạn giải quyết", blank=True)
    fee = models.TextField("Phí, lệ phí", blank=True)
    fee_note = models.TextField("Ghi chú phí, lệ phí", blank=True)
    subjects = models.TextField("Đối tượng thực hiện", blank=True)
    result = models.TextField("Kết quả thực hiện", blank=True)
    conditions = models.TextField("Yêu cầu, điều kiện", blank=True)
    legal_basis = StreamField([("document", LegalBasisBlock())], verbose_name="Căn cứ pháp lý", blank=True)
    forms = StreamField([("form", FormBlock())], verbose_name="Mẫu đơn, tờ khai", blank=True)
    keywords = models.TextField(
        "Từ khóa", blank=True, help_text="Cách người dân hay gọi, cách nhau bằng dấu phẩy (ví dụ: sổ đỏ)."
    )
    related_procedures = ParentalManyToManyField(
        "self", verbose_name="Thủ tục liên quan", blank=True, symmetrical=False, related_name="+"
    )
    online_service_url = models.URLField("Liên kết dịch vụ công trực tuyến", max_length=500, blank=True)
    online_service_kind = models.ForeignKey(
        "procedures.OnlineServiceKind",
        verbose_name="Mức độ dịch vụ công trực tuyến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    source_url = models.URLField("Nguồn công bố", max_length=1000, blank=True)
    source_note = models.TextField("Ghi chú nguồn", blank=True)
    data_source = models.TextField(
        "Nguồn dữ liệu", blank=True, help_text="Nơi bản ghi được đọc khi nhập (kho dữ liệu, trang web)."
    )
    # Derived from the status history on every save; stored so listings and filters stay cheap.
    status = models.CharField(
        "Tình trạng hiện tại", max_length=16, choices=Status.choices, default=Status.NEW, editable=False
    )
    status_date = models.DateField("Ngày hiệu lực của tình trạng", null=True, blank=True, editable=False)
    has_online_channel = models.BooleanField("Có cách thức nộp trực tuyến", default=False, editable=False)

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = []

    content_panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("code_local"),
                FieldPanel("official_name"),
                FieldPanel("procedure_type"),
                FieldPanel("ministry"),
                FieldRowPanel([FieldPanel("field"), FieldPanel("level")]),
                FieldPanel("other_levels"),
                FieldPanel("keywords"),
            ],
            heading="Thông tin chung",
        ),
        MultiFieldPanel(
            [
                FieldPanel("implementing_agency"),
                FieldPanel("other_agencies"),
                FieldPanel("competent_agency"),
                FieldPanel("authorised_agency"),
                FieldPanel("coordinating_agency"),
                FieldPanel("submission_place"),
            ],
            heading="Cơ quan và địa điểm",
        ),
        FieldPanel("steps"),
        FieldPanel("channels"),
        FieldPanel("dossier"),
        MultiFieldPanel(
            [FieldPanel("deadline"), FieldPanel("fee"), FieldPanel("fee_note")], heading="Thời hạn và phí"
        ),
        MultiFieldPanel(
            [FieldPanel("subjects"), FieldPanel("result"), FieldPanel("conditions")],
            heading="Đối tượng, kết quả, điều kiện",
        ),
        FieldPanel("legal_basis"),
        FieldPanel("forms"),
        MultiFieldPanel(
            [FieldPanel("online_service_url"), FieldPanel("online_service_kind")],
            heading="Dịch vụ công trực tuyến",
        ),
        InlinePanel("status_changes", heading="Lịch sử công bố", label="Lần công bố"),
        FieldPanel("related_procedures"),
        MultiFieldPanel(
            [FieldPanel("source_url"), FieldPanel("source_note"), FieldPanel("data_source")], heading="Nguồn"
        ),
    ]
    promote_panels = [FieldPanel("slug"), FieldPanel("search_description"), FieldPanel("show_in_menus")]
    base_form_class = ProcedureChoicesForm

    search_fields = Page.search_fields + [
        index.SearchField("code", boost=5),
        index.SearchField("official_name", boost=3),
        index.SearchField("keywords"),
        index.AutocompleteField("official_name"),
        index.FilterField("status"),
        index.FilterField("code"),
    ]

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"
        indexes = [models.Index(fields=["status", "level"]), models.Index(fields=["field", "status"])]

    def __str__(self):
        return f"{self.code} – {self.title}"

    # Derived values ------------------------------------------------------------------------

    def ordered_status_changes(self):
        changes = list(self.status_changes.all())
        return sorted(changes, key=StatusChange.sort_key)

    def derive_status(self):
        changes = self.ordered_status_changes()
        if not changes:
            return self.Status.NEW, None
        latest = changes[-1]
        return latest.kind, latest.effective_date

    @property
    def is_in_force(self):
        return self.status in self.IN_FORCE

    @cached_property
    def replacement(self):
        """The procedure that replaces this one, if its latest change says so."""
        changes = self.ordered_status_changes()
        if changes and changes[-1].kind == self.Status.REPLACED:
            return changes[-1].replacement
        return None

    def replaced_procedures(self):
        """Procedures this one replaces (the other side of the replaced-by link)."""
        return ProcedurePage.objects.filter(
            status_changes__kind=self.Status.REPLACED, status_changes__replacement=self
        ).distinct()

    @property
    def code_warning(self):
        return code_warning(self.code)

    def full_clean(self, *args, **kwargs):
        self.official_name = " ".join((self.official_name or "").split())
        self.code = (self.code or "").strip()
        if not self.title:
            self.title = derive_title(self.official_name)
        if not self.slug and self.official_name:
            self.slug = procedure_slug(self.code, self.official_name)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.code:
            raise ValidationError({"code": "Cần nhập mã thủ tục."})
        if len(self.official_name or "") > TITLE_MAX and self.title != derive_title(self.official_name):
            self.title = derive_title(self.official_name)

    def derive_online_channel(self):
        """Whether a channel of the published procedure is online ("Trực tuyến")."""
        raw = getattr(self.channels, "raw_data", None)
        blocks = list(raw) if raw is not None else [{"value": b.value} for b in self.channels]
        return any((b.get("value") or {}).get("method") == ONLINE_METHOD for b in blocks)

    def save(self, *args, **kwargs):
        if self.official_name and not self.title:
            self.title = derive_title(self.official_name)
        self.status, self.status_date = self.derive_status()
        self.has_online_channel = self.derive_online_channel()
        return super().save(*args, **kwargs)


def procedure_slug(code, official_name):
    base = folded_slug(official_name, max_length=60).rstrip("-")
    return f"{base}-{code.lower().replace('.', '-')}"[:250]


class StatusChange(Orderable):
    """One announcement about a procedure: new, amended (which parts), replaced (by what) or abolished."""

    page = ParentalKey(ProcedurePage, related_name="status_changes", on_delete=models.CASCADE)
    decision = models.ForeignKey(
        "procedures.AnnouncingDecision",
        verbose_name="Quyết định công bố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    kind = models.CharField("Nội dung công bố", max_length=16, choices=ProcedurePage.Status.choices)
    effective_date = models.DateField("Ngày hiệu lực", null=True, blank=True)
    changed_parts = models.TextField(
        "Nội dung sửa đổi, bổ sung", blank=True, help_text="Với thủ tục sửa đổi: những thành phần nào thay đổi."
    )
    replacement = models.ForeignKey(
        ProcedurePage,
        verbose_name="Thủ tục thay thế",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces_changes",
    )
    note = models.TextField("Ghi chú", blank=True)

    panels = [
        FieldPanel("decision"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("effective_date")]),
        FieldPanel("changed_parts"),
        FieldPanel("replacement"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Lần công bố"
        verbose_name_plural = "Lịch sử công bố"

    @staticmethod
    def sort_key(change):
        """Oldest first. An undated entry (e.g. a national record imported without its decision date)
        counts as older than every dated one; entries not saved yet come last among equals."""
        decision_date = change.decision.date if change.decision_id and change.decision else None
        when = change.effective_date or decision_date
        order = change.sort_order if change.sort_order is not None else 1 << 30
        return (when is not None, when or datetime.date.min, order, change.pk or 0)

    def clean(self):
        super().clean()
        if self.kind == ProcedurePage.Status.REPLACED and not self.replacement_id:
            raise ValidationError({"replacement": "Thủ tục bị thay thế cần chọn thủ tục thay thế."})
        if self.kind != ProcedurePage.Status.REPLACED and self.replacement_id:
            raise ValidationError({"replacement": "Chỉ chọn thủ tục thay thế khi nội dung là «Bị thay thế»."})
