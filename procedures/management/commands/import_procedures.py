"""manage.py import_procedures PATH: the decision appendix (.xlsx/.csv) or full records (.json) into the catalogue."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from procedures.importing.apply import import_file


class Command(BaseCommand):
    help = (
        "Nhập thủ tục hành chính vào danh mục: phụ lục quyết định công bố (.xlsx, .csv) hoặc bản ghi đầy đủ "
        "(.json, cùng dạng procedures.json). Cả tệp được áp dụng hoặc không gì cả; mỗi thay đổi là một "
        "phiên bản trang kèm lần công bố trong lịch sử. Nhập lại cùng tệp không tạo thay đổi nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp .xlsx, .csv hoặc .json.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chạy thử: chỉ báo cáo những gì sẽ thay đổi, không ghi gì vào cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--decision",
            help=(
                'Quyết định công bố, ví dụ "1234/QĐ-UBND ngày 15/3/2025". Với phụ lục: dùng thay cho số '
                "quyết định ghi ở tiêu đề; với bản ghi JSON: dùng cho các bản ghi không có «decision»."
            ),
        )
        parser.add_argument("--user", help="Tên đăng nhập ghi vào lịch sử phiên bản (mặc định: không ghi).")
        parser.add_argument(
            "--show-warnings", type=int, default=20, help="Số cảnh báo hiển thị tối đa (mặc định 20)."
        )

    def handle(self, *args, path, dry_run, decision, user, show_warnings, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Không có tài khoản «{user}».")
        mode = "Chạy thử" if dry_run else "Nhập"
        self.stdout.write(f"{mode}: {path}")
        try:
            report = import_file(
                path, dry_run=dry_run, decision=decision, user=account, progress=self._progress
            )
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp «{path}».") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if report.decision and report.decision.number:
            when = f" ngày {report.decision.date:%d/%m/%Y}" if report.decision.date else ""
            self.stdout.write(f"Quyết định công bố: {report.decision.number}{when}")
        for message in report.warnings[:show_warnings]:
            self.stdout.write(self.style.WARNING(f"  Cảnh báo – {message.text}"))
        if len(report.warnings) > show_warnings:
            self.stdout.write(f"  … và {len(report.warnings) - show_warnings} cảnh báo khác.")
        if report.errors:
            for message in report.errors:
                self.stderr.write(self.style.ERROR(f"  Lỗi – {message.text}"))
            raise CommandError(
                f"Tệp có {len(report.errors)} lỗi; không có thay đổi nào được ghi. Hãy sửa các dòng trên rồi nhập lại."
            )
        for kind, names in report.new_references.items():
            self.stdout.write(f"  Tạo mới {kind}: {len(names)}")
        if options["verbosity"] >= 2:
            for planned in report.changes():
                detail = ", ".join(planned.changed) if planned.changed else ""
                statuses = "; ".join(s.describe() for s in planned.statuses)
                self.stdout.write(f"  {planned.action}: {planned.code} {detail} {statuses}".rstrip())
        style = self.style.SUCCESS if not dry_run else self.style.NOTICE
        self.stdout.write(style(report.summary_vi() + f" ({report.seconds:.1f} giây)"))

    def _progress(self, done, total, planned):
        if done == total or done % 100 == 0:
            self.stdout.write(f"  {done}/{total} thủ tục đã ghi")
