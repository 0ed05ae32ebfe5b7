"""manage.py recompute_feedback_deadlines: recompute the deadlines of open feedback."""

from django.core.management.base import BaseCommand

from hotline.handlers import recompute_open_deadlines


class Command(BaseCommand):
    help = (
        "Tính lại hạn xử lý và hạn chuyển của các phản ánh, kiến nghị đang chờ xử lý theo lịch nghỉ lễ và "
        "thời hạn hiện hành (dùng sau khi đổi thời hạn trong Cài đặt). Phản ánh đã xong giữ nguyên hạn cũ."
    )

    def handle(self, *args, **options):
        changed = recompute_open_deadlines()
        self.stdout.write(f"Đã tính lại hạn: {changed} phản ánh thay đổi hạn.")
