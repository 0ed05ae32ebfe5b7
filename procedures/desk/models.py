"""One-stop desks and the notice-board sheets printed for them, so stale posted sheets can be found."""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from core.collation import VietnameseOrderManager, vietnamese_order


class Desk(models.Model):
    """A one-stop desk ("Bộ phận một cửa") whose paper notice board shows a set of procedures."""

    name = models.CharField("Tên bộ phận", max_length=255, unique=True)
    ward = models.ForeignKey(
        "home.WardHomePage",
        verbose_name="Phường, xã",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Để trống với Bộ phận một cửa của thành phố.",
    )
    levels = models.ManyToManyField(
        "procedures.ProcedureLevel",
        verbose_name="Cấp thực hiện được niêm yết",
        related_name="+",
        help_text="Niêm yết thủ tục của các cấp này (ví dụ cấp xã cho bộ phận một cửa phường, xã).",
    )
    fields = models.ManyToManyField(
        "procedures.ProcedureField",
        verbose_name="Chỉ các lĩnh vực",
        blank=True,
        related_name="+",
        help_text="Để trống để niêm yết mọi lĩnh vực.",
    )
    address = models.CharField("Địa chỉ", max_length=300, blank=True)

    objects = VietnameseOrderManager()

    panels = [FieldPanel("name"), FieldPanel("ward"), FieldPanel("levels"), FieldPanel("fields"), FieldPanel("address")]

    class Meta:
        ordering = ["name"]
        verbose_name = "Bộ phận một cửa"
        verbose_name_plural = "Bộ phận một cửa"

    def __str__(self):
        return self.name

    def procedures(self):
        """Live, in-force procedures this desk posts, in code order."""
        from django.db.models import Q

        from procedures.models import ProcedurePage

        level_ids = list(self.levels.values_list("pk", flat=True))
        qs = ProcedurePage.objects.live().filter(status__in=ProcedurePage.IN_FORCE).filter(
            Q(level_id__in=level_ids) | Q(other_levels__in=level_ids)
        )
        field_ids = list(self.fields.values_list("pk", flat=True))
        if field_ids:
            qs = qs.filter(field_id__in=field_ids)
        return qs.distinct().order_by(vietnamese_order("field__name"), "code")


SHEET_FIELDS = [
    "code", "official_name", "procedure_type", "field_id", "level_id", "implementing_agency_id",
    "competent_agency", "submission_place", "deadline", "fee", "fee_note", "subjects", "result",
    "conditions", "online_service_url",
]
SHEET_STREAMS = ["steps", "channels", "dossier", "legal_basis", "forms"]


def sheet_fingerprint(page):
    """Hash of what a notice-board sheet shows: a republish that changes nothing keeps the sheet current."""
    data = {name: getattr(page, name) for name in SHEET_FIELDS}
    for name in SHEET_STREAMS:
        data[name] = strip_ids(getattr(page, name).raw_data)
    data["status"] = page.status
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def strip_ids(value):
    """Block data without Wagtail's random block ids, which change on every edit."""
    if isinstance(value, dict):
        return {k: strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list | tuple) or hasattr(value, "__iter__") and not isinstance(value, str | bytes):
        return [strip_ids(v) for v in value]
    return value


class PrintedSheetQuerySet(models.QuerySet):
    def posted(self):
        """The sheet currently on each desk's board: the latest printing per desk and procedure."""
        return self.filter(withdrawn_at__isnull=True)


class PrintedSheet(models.Model):
    """A notice-board sheet printed for posting at a desk, with the version it showed."""

    desk = models.ForeignKey(Desk, verbose_name="Bộ phận một cửa", on_delete=models.CASCADE, related_name="sheets")
    page = models.ForeignKey(
        "procedures.ProcedurePage", verbose_name="Thủ tục", on_delete=models.CASCADE, related_name="+"
    )
    revision_id = models.PositiveBigIntegerField("Phiên bản", null=True, blank=True)
    fingerprint = models.CharField("Dấu nội dung", max_length=64)
    printed_at = models.DateTimeField("In lúc", default=timezone.now)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người in", null=True, blank=True, on_delete=models.SET_NULL
    )
    withdrawn_at = models.DateTimeField("Gỡ xuống lúc", null=True, blank=True)

    objects = PrintedSheetQuerySet.as_manager()

    class Meta:
        ordering = ["-printed_at"]
        verbose_name = "Tờ niêm yết đã in"
        verbose_name_plural = "Tờ niêm yết đã in"
        indexes = [models.Index(fields=["desk", "page", "withdrawn_at"])]

    def __str__(self):
        return f"{self.desk} – {self.page_id} ({self.printed_at:%d/%m/%Y})"

    @classmethod
    def record(cls, desk, page, user=None):
        """Record a printing; the sheet it replaces on the same board is withdrawn."""
        now = timezone.now()
        cls.objects.posted().filter(desk=desk, page=page).update(withdrawn_at=now)
        return cls.objects.create(
            desk=desk,
            page=page,
            revision_id=page.live_revision_id,
            fingerprint=sheet_fingerprint(page),
            printed_at=now,
            printed_by=user if getattr(user, "is_authenticated", False) else None,
        )

    def stale_reason(self, page=None):
        """None if the posted sheet still matches the live procedure, else why it must be reprinted."""
        page = page or self.page
        if not page.live:
            return "Thủ tục đã ngừng đăng trên cổng"
        if page.status not in page.IN_FORCE:
            return f"Thủ tục {page.get_status_display().lower()}: gỡ tờ niêm yết"
        if page.live_revision_id != self.revision_id and sheet_fingerprint(page) != self.fingerprint:
            when = page.last_published_at
            return "Nội dung thay đổi" + (f" ngày {timezone.localtime(when):%d/%m/%Y}" if when else "")
        return None


def stale_sheets(desks=None):
    """(sheet, reason) for every posted sheet that no longer matches its procedure."""
    sheets = PrintedSheet.objects.posted().select_related("desk", "page")
    if desks is not None:
        sheets = sheets.filter(desk__in=desks)
    found = []
    for sheet in sheets:
        reason = sheet.stale_reason()
        if reason:
            found.append((sheet, reason))
    return found
