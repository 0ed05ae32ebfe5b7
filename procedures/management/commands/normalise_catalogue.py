"""manage.py normalise_catalogue: bring procedures already published to today's import rules."""

from django.core.management.base import BaseCommand

from procedures.importing.tidy import tidy_catalogue


class Command(BaseCommand):
    help = (
        "Chuẩn hóa các thủ tục đã có trên cổng theo quy tắc nhập hiện hành: mỗi cơ quan thực hiện một "
        "mục với tên chuẩn và cấp của cơ quan (tách «Sở A; Sở B», «Sở B, Sở A.»), đánh dấu cơ quan của tỉnh "
        "khác, gộp cách thức bị lặp, tách tên tệp mẫu khỏi tên giấy tờ. Mỗi thủ tục thay đổi được xuất bản "
        "thành một phiên bản mới; thủ tục đang có bản nháp chưa xuất bản và thành phần hồ sơ đã được biên "
        "tập thêm (số bản, ghi chú, tệp mẫu) được giữ nguyên. Chạy lại không tạo thay đổi nào. Chạy một lần "
        "sau khi nâng cấp; load_demo tự chạy lệnh này."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ báo cáo những thủ tục sẽ thay đổi, không ghi gì."
        )

    def handle(self, *args, dry_run, **options):
        report = tidy_catalogue(dry_run=dry_run, progress=self._progress)
        verb = "Sẽ cập nhật" if dry_run else "Đã cập nhật"
        self.stdout.write(f"Đã xem {report.pages} thủ tục. {verb} {len(report.updated)} thủ tục.")
        for code, changed in report.updated[:20]:
            self.stdout.write(f"  {code}: {', '.join(changed)}")
        if len(report.updated) > 20:
            self.stdout.write(f"  … và {len(report.updated) - 20} thủ tục khác.")
        if report.skipped_drafts:
            self.stdout.write(
                self.style.WARNING(
                    f"Bỏ qua {len(report.skipped_drafts)} thủ tục có bản nháp chưa xuất bản: "
                    + ", ".join(report.skipped_drafts[:20])
                )
            )
        if report.kept_dossiers:
            self.stdout.write(
                f"Giữ nguyên thành phần hồ sơ đã biên tập của {len(report.kept_dossiers)} thủ tục."
            )
        if not dry_run:
            self.stdout.write(
                f"Cơ quan thực hiện: bổ sung cấp hoặc tỉnh cho {report.agencies_described}, xóa "
                f"{len(report.agencies_removed)} mục gộp nhiều cơ quan không còn thủ tục nào dùng."
            )

    def _progress(self, done, total):
        if done % 100 == 0 or done == total:
            self.stdout.write(f"  {done}/{total} thủ tục đã cập nhật")
