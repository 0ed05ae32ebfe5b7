"""manage.py search_process_queue: apply pending index updates (cron, or --watch as a worker)."""

import time

from django.core.management.base import BaseCommand

from search import engine, indexing


class Command(BaseCommand):
    help = (
        "Đưa các thay đổi đang chờ (xuất bản, gỡ, di chuyển, xóa trang) vào chỉ mục tìm kiếm. "
        "Việc lỗi được giữ lại và thử lại sau; không mất thay đổi nào khi máy chủ tìm kiếm gián đoạn. "
        "Nếu chỉ mục bị mất, trống hoặc thiếu nhiều so với cơ sở dữ liệu (máy chủ khởi động lại trống), "
        "lệnh dựng lại toàn bộ chỉ mục trước."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Thử cả những việc chưa đến giờ thử lại (sau khi máy chủ đã hoạt động).",
        )
        parser.add_argument(
            "--watch", action="store_true", help="Chạy liên tục, kiểm tra hàng đợi theo chu kỳ."
        )
        parser.add_argument("--interval", type=float, default=5.0, help="Chu kỳ kiểm tra khi --watch (giây).")

    def handle(self, *args, **options):
        if not engine.is_configured():
            self.stdout.write("ELASTICSEARCH_URL chưa đặt: không có gì để xử lý.")
            return
        while True:
            healed = indexing.heal()
            if healed:
                self.stdout.write(
                    f"Chỉ mục {healed['reason']}: đã dựng lại toàn bộ ({healed['indexed']} tài liệu, "
                    f"chỉ mục {healed['index']})."
                )
            done, failed = indexing.process_queue(include_future=options["all"], heal_index=False)
            remaining = indexing.queue_length()
            if done or failed or not options["watch"]:
                self.stdout.write(f"Đã cập nhật {done}, lỗi {failed}, còn chờ {remaining}.")
            if not options["watch"]:
                return
            time.sleep(options["interval"])
