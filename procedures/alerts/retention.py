"""How long change alerts keep e-mail addresses (see operations.retention, docs/operations.md)."""

from operations.retention import RetentionRule
from procedures.alerts.models import OutgoingMessage, Subscription


def _delete(queryset):
    _total, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


RULES = [
    RetentionRule(
        name="Đăng ký nhận thông báo chưa xác nhận",
        action="xóa",
        setting="RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS",
        default_days=7,
        due=lambda cutoff: Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff),
        apply=_delete,
    ),
    RetentionRule(
        name="Thư thông báo đã gửi",
        action="xóa",
        setting="RETENTION_SENT_ALERT_MAIL_DAYS",
        default_days=30,
        due=lambda cutoff: OutgoingMessage.objects.filter(sent_at__lt=cutoff),
        apply=_delete,
    ),
]
