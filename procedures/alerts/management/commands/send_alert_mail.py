"""manage.py send_alert_mail: send queued alert e-mails that are due (run from cron every few minutes)."""

from django.core.management.base import BaseCommand

from procedures.alerts.delivery import deliver_due
from procedures.alerts.models import OutgoingMessage
from procedures.alerts.services import purge_sent, purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Gửi các thư thông báo thay đổi thủ tục đang chờ (kể cả thư gửi lỗi đến hạn gửi lại) "
        "xóa đăng ký quá 7 ngày chưa xác nhận và thư đã gửi quá 30 ngày. Nên chạy định kỳ vài phút một lần."
    )

    def handle(self, *args, **options):
        waiting = OutgoingMessage.due().count()
        self.stdout.write(f"Thư đến hạn gửi: {waiting}")
        sent, failed = deliver_due()
        purged = purge_unconfirmed()
        old = purge_sent()
        self.stdout.write(f"Đã gửi: {sent}; gửi lỗi, sẽ thử lại: {failed}; đăng ký chưa xác nhận đã xóa: {purged}; thư cũ đã xóa: {old}")
        left = OutgoingMessage.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(f"Còn chờ trong hàng đợi: {left}")
