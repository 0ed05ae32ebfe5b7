"""manage.py run_periodic: run the jobs of settings.PERIODIC_JOBS, each at its interval, until stopped."""

import io
import time
import traceback

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, transaction
from django.utils import timezone


def _label(job):
    return " ".join(job["command"])


def _drop_stale_connections():
    """As Django does around a request: a long-lived process must not keep a broken or old connection
    (never the one a surrounding transaction uses, as in tests)."""
    if not transaction.get_connection().in_atomic_block:
        close_old_connections()


class Command(BaseCommand):
    help = (
        "Chạy các việc định kỳ của cổng (xuất bản theo lịch, gửi thư thông báo thay đổi thủ tục, thử lại "
        "cập nhật chỉ mục tìm kiếm, tính lại hạn xử lý phản ánh, xóa phiên đăng nhập hết hạn), mỗi việc theo "
        "chu kỳ của nó, cho đến khi bị dừng. Danh sách nằm trong site/config/periodic.py. "
        "Việc lỗi được ghi lại và chạy lại ở chu kỳ sau; các việc khác vẫn chạy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Chạy mỗi việc một lần rồi thoát.")
        parser.add_argument("--list", action="store_true", help="Chỉ in danh sách việc và chu kỳ.")

    def handle(self, *args, **options):
        jobs = list(settings.PERIODIC_JOBS)
        known = get_commands()
        unknown = [_label(job) for job in jobs if job["command"][0] not in known]
        if unknown:
            raise CommandError(f"Việc định kỳ không có lệnh tương ứng: {', '.join(unknown)}")
        if options["list"]:
            for job in jobs:
                self.stdout.write(f"{_label(job)}: mỗi {job['every']} giây")
            return
        self.stdout.write(f"Việc định kỳ: {len(jobs)} việc ({', '.join(_label(j) for j in jobs)})")
        due = [time.monotonic()] * len(jobs)
        failures = 0
        while True:
            for number, job in enumerate(jobs):
                if time.monotonic() >= due[number]:
                    failures += not self.run_job(job, options["verbosity"])
                    due[number] = time.monotonic() + job["every"]
            if options["once"]:
                if failures:
                    raise CommandError(f"{failures} việc định kỳ bị lỗi (xem ở trên).")
                return
            time.sleep(max(0.5, min(min(due) - time.monotonic(), 30)))

    def run_job(self, job, verbosity):
        label = _label(job)
        output = io.StringIO()
        started = time.monotonic()
        _drop_stale_connections()
        try:
            call_command(*job["command"], stdout=output, stderr=output)
        except Exception:  # one failing job must not stop the others; it runs again next period
            self.stderr.write(f"{timezone.localtime():%H:%M:%S} {label}: LỖI\n{traceback.format_exc()}")
            return False
        finally:
            _drop_stale_connections()
        elapsed = time.monotonic() - started
        if verbosity >= 1:
            self.stdout.write(f"{timezone.localtime():%H:%M:%S} {label}: xong ({elapsed:.2f} s)")
        if verbosity >= 2:
            for line in output.getvalue().splitlines():
                self.stdout.write(f"    {line}")
        return True
