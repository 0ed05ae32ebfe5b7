"""E-mail alert subscriptions (double opt-in, address only), the outgoing mail queue, usefulness votes."""

import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone


def new_token():
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    """An address that wants one e-mail per announcing decision touching a procedure, field or level."""

    class Target(models.TextChoices):
        PROCEDURE = "procedure", "Một thủ tục"
        FIELD = "field", "Một lĩnh vực"
        LEVEL = "level", "Một cấp thực hiện"

    email = models.EmailField("Thư điện tử")
    target = models.CharField("Theo dõi", max_length=16, choices=Target.choices)
    procedure = models.ForeignKey(
        "procedures.ProcedurePage", verbose_name="Thủ tục", null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    field = models.ForeignKey(
        "procedures.ProcedureField", verbose_name="Lĩnh vực", null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    level = models.ForeignKey(
        "procedures.ProcedureLevel", verbose_name="Cấp thực hiện", null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField("Đăng ký lúc", default=timezone.now)
    confirmed_at = models.DateTimeField("Xác nhận lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Đăng ký nhận thông báo"
        verbose_name_plural = "Đăng ký nhận thông báo"
        constraints = [
            models.UniqueConstraint(
                fields=["email", "target", "procedure", "field", "level"], name="alerts_unique_subscription"
            )
        ]

    def __str__(self):
        return f"{self.email} – {self.target_label}"

    @property
    def subject_object(self):
        return {"procedure": self.procedure, "field": self.field, "level": self.level}[self.target]

    @property
    def target_label(self):
        obj = self.subject_object
        if self.target == self.Target.PROCEDURE and obj is not None:
            return f"thủ tục {obj.code} – {obj.title}"
        if self.target == self.Target.FIELD:
            return f"lĩnh vực {obj}"
        return f"{obj}"

    def matches(self, page):
        if self.target == self.Target.PROCEDURE:
            return page.pk == self.procedure_id
        if self.target == self.Target.FIELD:
            return page.field_id == self.field_id
        return page.level_id == self.level_id or any(lv.pk == self.level_id for lv in page.other_levels.all())


class OutgoingMessage(models.Model):
    """A message waiting for (or done with) the mail server: failures are retried, never dropped."""

    key = models.CharField(
        max_length=120, unique=True, help_text="Ensures one message per subscription and decision."
    )
    to = models.EmailField("Người nhận")
    subject = models.CharField("Tiêu đề", max_length=255)
    body = models.TextField("Nội dung")
    headers = models.JSONField("Tiêu đề thư bổ sung", default=dict, blank=True)
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    decision = models.ForeignKey(
        "procedures.AnnouncingDecision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("Tạo lúc", default=timezone.now)
    attempts = models.PositiveSmallIntegerField("Số lần gửi", default=0)
    next_try = models.DateTimeField("Gửi lại lúc", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("Đã gửi lúc", null=True, blank=True, db_index=True)
    last_error = models.TextField("Lỗi gần nhất", blank=True)

    MAX_ATTEMPTS = 12

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Thư chờ gửi"
        verbose_name_plural = "Thư chờ gửi"

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @classmethod
    def due(cls, now=None):
        now = now or timezone.now()
        return cls.objects.filter(sent_at__isnull=True, next_try__lte=now, attempts__lt=cls.MAX_ATTEMPTS)

    def backoff(self):
        """1, 2, 4 … minutes, at most six hours, between attempts."""
        return timedelta(minutes=min(2 ** max(self.attempts - 1, 0), 360))


class UsefulnessVote(models.Model):
    """One anonymous "was this page useful?" answer; nothing about the person is stored."""

    page = models.ForeignKey(
        "procedures.ProcedurePage", verbose_name="Thủ tục", on_delete=models.CASCADE, related_name="+"
    )
    useful = models.BooleanField("Hữu ích")
    created_at = models.DateTimeField("Lúc", default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Đánh giá trang"
        verbose_name_plural = "Đánh giá trang"
        indexes = [models.Index(fields=["page", "useful"])]
