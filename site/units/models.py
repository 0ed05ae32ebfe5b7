"""Which editor group belongs to which ward or department, and the year's communication plan."""

from django.contrib.auth.models import Group
from django.db import models

from core.collation import VietnameseOrderManager


class UnitGroup(models.Model):
    """Ties a ward's editors or leaders group to its ward page, so renames and merges find it."""

    class Role(models.TextChoices):
        EDITORS = "editors", "Biên tập viên"
        LEADERS = "leaders", "Lãnh đạo"

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="unit_link", verbose_name="Nhóm"
    )
    ward = models.ForeignKey(
        "home.WardHomePage", on_delete=models.CASCADE, related_name="unit_groups", verbose_name="Đơn vị"
    )
    role = models.CharField("Vai trò", max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = "Nhóm của đơn vị"
        verbose_name_plural = "Nhóm của đơn vị"
        constraints = [models.UniqueConstraint(fields=["ward", "role"], name="units_one_group_per_role")]
        permissions = [("view_reports", "Xem báo cáo tổng hợp của các đơn vị")]

    def __str__(self):
        return self.group.name


class DepartmentGroup(models.Model):
    """Ties a department's editors or leaders group to its page, so a renamed department renames them."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="department_link", verbose_name="Nhóm"
    )
    department = models.ForeignKey(
        "home.DepartmentPage",
        on_delete=models.CASCADE,
        related_name="department_groups",
        verbose_name="Phòng, ban",
    )
    role = models.CharField("Vai trò", max_length=10, choices=UnitGroup.Role.choices)

    class Meta:
        verbose_name = "Nhóm của phòng, ban"
        verbose_name_plural = "Nhóm của phòng, ban"
        constraints = [
            models.UniqueConstraint(fields=["department", "role"], name="units_one_group_per_department_role")
        ]

    def __str__(self):
        return self.group.name


class PlanTask(models.Model):
    """One line of the year's communication plan: a product, its yearly target, its owner."""

    class Product(models.TextChoices):
        ARTICLES = "articles", "Tin, bài cải cách hành chính"
        RADIO = "radio", "Chuyên mục phát thanh"
        DOCUMENTS = "documents", "Văn bản chỉ đạo, điều hành"
        PROCEDURES = "procedures", "Thủ tục hành chính được cập nhật"
        FEEDBACK_ANSWERED = "feedback", "Phản ánh, kiến nghị được trả lời đúng hạn"

    year = models.PositiveIntegerField("Năm")
    title = models.CharField("Nhiệm vụ", max_length=255)
    product = models.CharField("Sản phẩm", max_length=20, choices=Product.choices)
    target = models.PositiveIntegerField("Chỉ tiêu cả năm")
    unit = models.ForeignKey(
        "home.WardHomePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_tasks",
        verbose_name="Đơn vị chủ trì",
        help_text="Để trống nếu là nhiệm vụ của cấp thành phố.",
    )

    objects = VietnameseOrderManager()

    class Meta:
        verbose_name = "Nhiệm vụ kế hoạch tuyên truyền"
        verbose_name_plural = "Kế hoạch tuyên truyền"
        ordering = ["year", "unit__title", "product"]

    def __str__(self):
        return f"{self.year} – {self.title}"
