"""manage.py import_onestop_results: load one-stop results from a spreadsheet, all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news import onestop_import


class Command(BaseCommand):
    help = (
        "Nhập kết quả giải quyết thủ tục hành chính theo tháng và đơn vị từ tệp .xlsx hoặc .csv. "
        "Các cột: " + ", ".join(onestop_import.TEMPLATE_HEADER) + ". "
        "Mọi dòng được kiểm tra; có một dòng lỗi thì không lưu dòng nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp bảng tính (.xlsx hoặc .csv).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra tệp, không lưu.")

    def handle(self, *args, path, dry_run, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"Không tìm thấy tệp: {source}")
        self.stdout.write(f"Đang đọc {source.name}…")
        with source.open("rb") as handle:
            report = onestop_import.import_results(handle, source.name, dry_run=dry_run)
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"Tệp có {len(report.errors)} lỗi; chưa lưu dòng nào.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Tệp hợp lệ: {len(report.rows)} dòng (chưa lưu)."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {len(report.rows)} dòng: thêm mới {report.created}, cập nhật {report.updated}."
            )
        )
