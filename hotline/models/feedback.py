"""Citizen feedback and petitions ("phản ánh, kiến nghị"): the submission, its files, topics and clocks.

Personal data (name, phone, email, address, the original content, attachments) stays in the admin;
the public side shows only the editor-written public question and the answer.
"""

import secrets
from datetime import date

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.collation import VietnameseOrderManager
from hotline.storage import private_storage


class FeedbackTopic(models.Model):
    name = models.CharField("Tên lĩnh vực", max_length=120, unique=True)
    slug = models.SlugField("Mã trong đường dẫn", max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=50)
    is_active = models.BooleanField("Đang dùng", default=True, help_text="Bỏ chọn để ẩn khỏi biểu mẫu.")

    objects = VietnameseOrderManager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Lĩnh vực phản ánh"
        verbose_name_plural = "Lĩnh vực phản ánh"

    def __str__(self):
        return self.name


@register_setting(icon="time")
class FeedbackSettings(BaseGenericSetting):
    processing_working_days = models.PositiveSmallIntegerField(
        "Thời hạn xử lý (ngày làm việc)",
        default=10,
        help_text="Tính từ ngày làm việc kế tiếp sau ngày tiếp nhận; áp dụng cho phản ánh nhận sau khi lưu.",
    )
    forward_working_days = models.PositiveSmallIntegerField(
        "Thời hạn chuyển phản ánh không thuộc thẩm quyền (ngày làm việc)",
        default=5,
        help_text="Nghị định 20/2008/NĐ-CP: chuyển đến cơ quan có thẩm quyền trong 05 ngày làm việc.",
    )
    warning_working_days = models.PositiveSmallIntegerField(
        "Cảnh báo sắp đến hạn khi còn (ngày làm việc)", default=2
    )

    panels = [
        FieldPanel("processing_working_days"),
        FieldPanel("forward_working_days"),
        FieldPanel("warning_working_days"),
    ]

    class Meta:
        verbose_name = "Thời hạn xử lý phản ánh"


class FeedbackQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=FeedbackSubmission.OPEN_STATUSES)

    def published(self):
        return self.filter(status=FeedbackSubmission.Status.PUBLISHED)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def forward_clock_running(self):
        return self.filter(
            models.Q(status=FeedbackSubmission.Status.RECEIVED)
            | models.Q(out_of_scope=True, status__in=FeedbackSubmission.OPEN_STATUSES)
        )

    def forward_at_risk(self, today=None):
        """Clock running and due within the warning window (late ones included)."""
        from core.workdays import add_working_days

        today = today or timezone.localdate()
        warn = FeedbackSettings.load().warning_working_days
        return self.forward_clock_running().filter(forward_due_date__lte=add_working_days(today, warn))


class FeedbackSubmission(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Đã tiếp nhận"
        ASSIGNED = "assigned", "Đã giao xử lý"
        ANSWERED = "answered", "Đã trả lời"
        PUBLISHED = "published", "Đã công khai trả lời"
        FORWARDED = "forwarded", "Đã chuyển cơ quan có thẩm quyền"
        REJECTED = "rejected", "Không xử lý (có lý do)"

    class Classification(models.TextChoices):
        DELAY = "delay", "Chậm trễ, gây phiền hà, sách nhiễu"
        REGULATION = "regulation", "Quy định hành chính không phù hợp, trái pháp luật"
        PROPOSAL = "proposal", "Đề xuất, sáng kiến"
        OTHER = "other", "Khác"

    class Channel(models.TextChoices):
        WEB = "web", "Cổng thông tin"
        PHONE = "phone", "Điện thoại, đường dây nóng"
        DIRECT = "direct", "Trực tiếp"
        MAIL = "mail", "Văn bản, thư"

    OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED)
    ANSWERED_STATUSES = (Status.ANSWERED, Status.PUBLISHED)
    CONSENT_VERSION = "ND13-2023/v1"

    tracking_code = models.CharField("Mã tra cứu", max_length=16, unique=True, editable=False)
    created_at = models.DateTimeField("Thời điểm tiếp nhận", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)
    channel = models.CharField("Kênh tiếp nhận", max_length=10, choices=Channel.choices, default=Channel.WEB)

    # What the citizen sent (personal data: never on a public page).
    name = models.CharField("Họ và tên", max_length=120)
    phone = models.CharField("Số điện thoại", max_length=20)
    email = models.EmailField("Thư điện tử", blank=True)
    address = models.CharField("Địa chỉ", max_length=300)
    topic = models.ForeignKey(
        FeedbackTopic, verbose_name="Lĩnh vực", on_delete=models.PROTECT, related_name="submissions"
    )
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        verbose_name="Thủ tục liên quan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_submissions",
    )
    ward = models.ForeignKey(
        "home.WardHomePage",
        verbose_name="Phường, xã xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_submissions",
        help_text="Để trống: UBND thành phố xử lý. Chọn phường, xã: chỉ cán bộ của đơn vị đó thấy và trả lời.",
    )
    content = models.TextField("Nội dung phản ánh, kiến nghị")
    consent_at = models.DateTimeField("Đồng ý xử lý dữ liệu cá nhân lúc", null=True, blank=True)
    consent_version = models.CharField("Phiên bản nội dung đồng ý", max_length=30, blank=True)

    # Handling.
    status = models.CharField(
        "Trạng thái", max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    classification = models.CharField(
        "Phân loại", max_length=12, choices=Classification.choices, blank=True,
        help_text="Theo Nghị định 20/2008/NĐ-CP về tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính.",
    )
    assigned_unit = models.CharField("Đơn vị được giao xử lý", max_length=200, blank=True)
    out_of_scope = models.BooleanField(
        "Không thuộc thẩm quyền",
        default=False,
        help_text="Phải chuyển đến cơ quan có thẩm quyền trong thời hạn chuyển (mặc định 05 ngày làm việc).",
    )
    forwarded_to = models.CharField("Đã chuyển đến cơ quan", max_length=255, blank=True)
    due_date = models.DateField("Hạn xử lý", null=True, blank=True, db_index=True)
    forward_due_date = models.DateField("Hạn phân loại, chuyển", null=True, blank=True, db_index=True)
    assigned_at = models.DateTimeField("Giao xử lý lúc", null=True, blank=True)
    answered_at = models.DateTimeField("Trả lời lúc", null=True, blank=True)
    published_at = models.DateTimeField("Công khai lúc", null=True, blank=True, db_index=True)
    forwarded_at = models.DateTimeField("Chuyển đi lúc", null=True, blank=True)
    rejected_at = models.DateTimeField("Từ chối lúc", null=True, blank=True)
    reject_reason = models.TextField("Lý do không xử lý", blank=True)
    answer_text = models.TextField("Nội dung trả lời", blank=True)
    answering_unit = models.CharField("Đơn vị trả lời", max_length=200, blank=True)
    public_title = models.CharField(
        "Tiêu đề công khai", max_length=255, blank=True,
        help_text="Ngắn gọn, không có họ tên, số điện thoại, địa chỉ của người gửi.",
    )
    public_question = models.TextField(
        "Nội dung câu hỏi công khai",
        blank=True,
        help_text="Tóm tắt phản ánh để đăng công khai, đã lược bỏ mọi thông tin cá nhân.",
    )
    internal_note = models.TextField("Ghi chú nội bộ", blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Phản ánh, kiến nghị"
        verbose_name_plural = "Phản ánh, kiến nghị"
        permissions = [
            ("view_all_feedback", "Xem và xử lý phản ánh của mọi đơn vị"),
            ("publish_feedback", "Công khai trả lời phản ánh"),
        ]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["ward", "status"])]

    def __str__(self):
        return self.tracking_code or "Phản ánh mới"

    # Clocks ---------------------------------------------------------------------------------

    @property
    def received_date(self) -> date:
        return timezone.localdate(self.created_at)

    def compute_deadlines(self, config=None, calendar=None):
        from core.workdays import add_working_days, load_calendar

        config = config or FeedbackSettings.load()
        calendar = calendar or load_calendar()
        self.due_date = add_working_days(self.received_date, config.processing_working_days, calendar)
        self.forward_due_date = add_working_days(self.received_date, config.forward_working_days, calendar)

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None):
        return self.is_open and self.due_date is not None and self.due_date < (today or timezone.localdate())

    def days_left(self, today=None):
        from core.workdays import working_days_left

        if not self.is_open or self.due_date is None:
            return None
        return working_days_left(today or timezone.localdate(), self.due_date)

    @property
    def forward_clock_running(self):
        return self.status == self.Status.RECEIVED or (self.out_of_scope and self.is_open)

    def forward_days_left(self, today=None):
        from core.workdays import working_days_left

        if not self.forward_clock_running or self.forward_due_date is None:
            return None
        return working_days_left(today or timezone.localdate(), self.forward_due_date)

    def forward_at_risk(self, today=None, warning=None):
        left = self.forward_days_left(today)
        if left is None:
            return False
        warning = FeedbackSettings.load().warning_working_days if warning is None else warning
        return left <= warning

    @property
    def answered_on_time(self):
        if self.answered_at is None or self.due_date is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_date

    @property
    def phone_last_digits(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return digits[-4:]

    # Status changes -------------------------------------------------------------------------

    def stamp_status_change(self, old_status):
        """Record when the item reached its new status; called before saving a status change."""
        now = timezone.now()
        status = self.status
        if status == old_status:
            return
        if status == self.Status.ASSIGNED and not self.assigned_at:
            self.assigned_at = now
        if status in self.ANSWERED_STATUSES and not self.answered_at:
            self.answered_at = now
        if status == self.Status.PUBLISHED:
            self.published_at = now
        elif old_status == self.Status.PUBLISHED:
            self.published_at = None
        if status == self.Status.FORWARDED:
            self.forwarded_at = now
            self.out_of_scope = True
        if status == self.Status.REJECTED:
            self.rejected_at = now

    def save(self, *args, **kwargs):
        if not self.tracking_code:
            from hotline.codes import new_tracking_code

            self.tracking_code = new_tracking_code()
        if self.due_date is None or self.forward_due_date is None:
            self.compute_deadlines()
        super().save(*args, **kwargs)


def attachment_path(instance, filename):
    """Random name under the year/month: nothing a citizen typed reaches the filesystem."""
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
        instance.content_type, ".bin"
    )
    now = timezone.now()
    return f"phan-anh/{now:%Y/%m}/{secrets.token_hex(16)}{extension}"


class FeedbackAttachment(models.Model):
    submission = models.ForeignKey(
        FeedbackSubmission, on_delete=models.CASCADE, related_name="attachments", verbose_name="Phản ánh"
    )
    file = models.FileField("Tệp", upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField("Tên tệp gốc", max_length=200)
    content_type = models.CharField("Loại tệp", max_length=40)
    size = models.PositiveIntegerField("Dung lượng (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField("Tải lên lúc", default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = "Tệp đính kèm phản ánh"
        verbose_name_plural = "Tệp đính kèm phản ánh"

    def __str__(self):
        return self.original_name

