"""manage.py search_rebuild: a fresh index from the database, swapped in with no search downtime."""

import sys

from django.core.management.base import BaseCommand, CommandError

from search import engine, indexing


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm kiếm từ các trang đang xuất bản: tạo chỉ mục mới, nạp toàn bộ, rồi chuyển "
        "bí danh sang chỉ mục mới trong một bước (tìm kiếm không bị gián đoạn) và xóa chỉ mục cũ. "
        "Đồng thời làm mới bản sao tìm kiếm trong cơ sở dữ liệu (dùng khi máy chủ tìm kiếm gián đoạn)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-only",
            action="store_true",
            help="Chỉ làm mới bản sao trong cơ sở dữ liệu, không động đến Elasticsearch.",
        )
        parser.add_argument("--chunk", type=int, default=500, help="Số tài liệu mỗi lần gửi (mặc định 500).")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Giao việc dựng lại cho tiến trình nền của hàng đợi tìm kiếm thay vì chạy ngay (sau khi khôi phục).",
        )

    def handle(self, *args, **options):
        if options["queue"]:
            from search.tasks import rebuild_index

            rebuild_index.enqueue()
            self.stdout.write("Đã giao việc dựng lại chỉ mục cho hàng đợi tìm kiếm.")
            return
        use_engine = not options["database_only"]
        if use_engine and not engine.is_configured():
            self.stdout.write("ELASTICSEARCH_URL chưa đặt: chỉ làm mới bản sao trong cơ sở dữ liệu.")
            use_engine = False
        if use_engine and not engine.server_version():
            raise CommandError(
                f"Máy chủ tìm kiếm {engine.settings.ELASTICSEARCH_URL} không trả lời; chỉ mục cũ vẫn được giữ nguyên."
            )
        self.stdout.write("Đang dựng lại chỉ mục tìm kiếm…")
        bar = ProgressBar(self.stdout)
        try:
            stats = indexing.rebuild(
                engine_too=use_engine, database_too=True, progress=bar.update, chunk=options["chunk"]
            )
        except Exception as exc:
            raise CommandError(f"Dựng lại chỉ mục thất bại, chỉ mục cũ vẫn được giữ nguyên: {exc}") from exc
        bar.finish()
        if stats["index"]:
            self.stdout.write(f"Chỉ mục mới: {stats['index']}")
        for name in stats["deleted_indices"]:
            self.stdout.write(f"Đã xóa chỉ mục cũ: {name}")
        timing = stats["timing"]
        self.stdout.write(
            f"Thời gian: chuẩn bị {timing['prepare']:.1f} s, ghi bản sao CSDL {timing['database']:.1f} s, "
            f"chờ máy chủ tìm kiếm {timing['engine_wait'] + timing['finish']:.1f} s; "
            f"CPU của tiến trình này {stats['cpu_seconds']:.1f} s."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Xong: {stats['indexed']} tài liệu trong {stats['seconds']:.1f} giây.")
        )


class ProgressBar:
    """A one-line bar on a terminal, a line per 10% elsewhere (logs, tests)."""

    def __init__(self, out, width=30):
        self.out = out
        self.width = width
        self.tty = (
            hasattr(out, "isatty")
            and out.isatty()
            or getattr(out, "_out", None) is sys.stdout
            and sys.stdout.isatty()
        )
        self.last_tenth = -1

    def update(self, done, total):
        total = max(total, 1)
        share = min(done / total, 1.0)
        if self.tty:
            filled = int(share * self.width)
            self.out.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}", ending="")
            self.out.flush()
        elif int(share * 10) != self.last_tenth:
            self.last_tenth = int(share * 10)
            self.out.write(f"  {done}/{total} ({share:.0%})")

    def finish(self):
        if self.tty:
            self.out.write("")
