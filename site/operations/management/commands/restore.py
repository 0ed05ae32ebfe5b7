"""manage.py restore ARCHIVE: checks the archive, restores the database and files, then migrations and
the follow-up commands (settings.AFTER_RESTORE_COMMANDS, e.g. a search rebuild on its queue)."""

import os
import shlex

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from operations import archive


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu do lệnh backup tạo: kiểm tra mã SHA-256 của mọi mục trước, từ chối ghi đè "
        "lên cơ sở dữ liệu đã có dữ liệu (trừ khi có --force), khôi phục cơ sở dữ liệu và các tệp, so sánh số "
        "bản ghi với bản sao lưu, chạy migrate rồi giao việc dựng lại chỉ mục tìm kiếm. Bản sao lưu mã hóa cần "
        "BACKUP_PASSPHRASE."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp sao lưu (…​.tar hoặc …​.tar.enc).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Cho phép thay toàn bộ dữ liệu của một cơ sở dữ liệu đang có dữ liệu.",
        )
        parser.add_argument(
            "--work-dir",
            default=None,
            help="Thư mục tạm để giải nén và kiểm tra (mặc định: thư mục tạm của hệ thống).",
        )

    def handle(self, *args, **options):
        try:
            manifest = archive.restore(
                options["archive"],
                passphrase=os.environ.get("BACKUP_PASSPHRASE") or None,
                force=options["force"],
                progress=self.stdout.write,
                work_dir=options["work_dir"],
            )
        except archive.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Bản sao lưu lúc {manifest['created_at']}.")
        self.stdout.write("Áp dụng migration mới hơn bản sao lưu (nếu có)…")
        call_command("migrate", interactive=False, verbosity=0)
        available = get_commands()
        for line in getattr(settings, "AFTER_RESTORE_COMMANDS", []):
            name, *arguments = shlex.split(line)
            if name in available:
                self.stdout.write(f"Chạy {line}…")
                call_command(name, *arguments, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Khôi phục hoàn tất."))
