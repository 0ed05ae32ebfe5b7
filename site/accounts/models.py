"""Per-group security policy: which groups must use two-factor authentication."""

from django.contrib.auth.models import Group
from django.db import models


class GroupSecurityPolicy(models.Model):
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="security_policy", verbose_name="Nhóm"
    )
    require_two_factor = models.BooleanField(
        "Bắt buộc xác thực hai lớp",
        default=True,
        help_text="Thành viên nhóm phải nhập mã từ ứng dụng xác thực (TOTP) trước khi vào trang quản trị.",
    )

    class Meta:
        verbose_name = "Chính sách bảo mật nhóm"
        verbose_name_plural = "Chính sách bảo mật nhóm"

    def __str__(self):
        state = "bắt buộc xác thực hai lớp" if self.require_two_factor else "không bắt buộc"
        return f"{self.group.name}: {state}"


def requires_two_factor(user):
    """True when any of the user's groups requires a second factor (superusers included if so)."""
    if not user.is_authenticated:
        return False
    return GroupSecurityPolicy.objects.filter(group__user=user, require_two_factor=True).exists()
