"""manage.py backup DEST: the database, the uploaded files and a manifest in one owner-only archive."""

import os

from django.core.management.base import BaseCommand, CommandError

from operations import archive


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cổng: cơ sở dữ liệu (pg_dump với PostgreSQL, sao lưu trực tuyến với SQLite), các tệp "
        "tải lên (kể cả tệp đính kèm phản ánh) và tệp mô tả (phiên bản, migration, số bản ghi, mã SHA-256) "
        "trong một tệp chỉ chủ sở hữu đọc được. DEST là thư mục (tạo tệp mới có ngày giờ) hoặc tên tệp .tar. "
        "Nếu biến môi trường BACKUP_PASSPHRASE được đặt, bản sao lưu được mã hóa (AES-256-GCM)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", help="Thư mục chứa bản sao lưu, hoặc tên tệp (…​.tar / …​.tar.enc).")
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="Sau khi sao lưu, chỉ giữ N bản mới nhất trong thư mục DEST (xóa các bản cũ hơn).",
        )
        parser.add_argument(
            "--encrypt",
            action="store_true",
            help="Bắt buộc mã hóa: báo lỗi nếu BACKUP_PASSPHRASE chưa đặt.",
        )
        parser.add_argument(
            "--no-encrypt",
            action="store_true",
            help="Không mã hóa dù BACKUP_PASSPHRASE đã đặt.",
        )

    def handle(self, *args, **options):
        passphrase = os.environ.get("BACKUP_PASSPHRASE") or None
        if options["no_encrypt"]:
            passphrase = None
        elif options["encrypt"] and not passphrase:
            raise CommandError("--encrypt cần cụm mật khẩu trong biến môi trường BACKUP_PASSPHRASE.")
        try:
            target = archive.create(options["dest"], passphrase=passphrase, progress=self.stdout.write)
            if options["keep"] is not None:
                archive.prune(target.parent, options["keep"], progress=self.stdout.write)
        except archive.BackupError as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:
            raise CommandError(f"Sao lưu thất bại, không có bản sao lưu nào được tạo: {exc}") from exc
