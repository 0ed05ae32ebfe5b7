"""manage.py purge_personal_data [--dry-run]: apply the retention periods of personal data (daily job)."""

from django.core.management.base import BaseCommand

from operations import retention


class Command(BaseCommand):
    help = (
        "Xóa hoặc ẩn danh hóa dữ liệu cá nhân đã hết thời hạn lưu (Nghị định 13/2023/NĐ-CP): phản ánh, kiến "
        "nghị đã đóng (họ tên, điện thoại, thư điện tử, địa chỉ, nội dung, tệp đính kèm), đăng ký nhận thông "
        "báo chưa xác nhận, thư thông báo đã gửi. Thời hạn đặt trong biến môi trường RETENTION_*_DAYS. "
        "Mỗi lần chạy được ghi nhật ký."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm những gì sẽ bị xóa hoặc ẩn danh hóa, không thay đổi gì."
        )

    def handle(self, *args, **options):
        if options["dry_run"]:
            self.stdout.write("Chạy thử: không thay đổi dữ liệu.")
        results = retention.run(dry_run=options["dry_run"], progress=self.stdout.write)
        total = sum(results.values())
        self.stdout.write(self.style.SUCCESS(f"Xong: {total} bản ghi{' (chạy thử)' if options['dry_run'] else ''}."))
