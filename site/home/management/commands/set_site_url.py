"""manage.py set_site_url: write the public address (SITE_URL) into Wagtail's default site."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home import site_url


class Command(BaseCommand):
    help = (
        "Ghi địa chỉ công khai của cổng (biến môi trường SITE_URL, hoặc địa chỉ ghi sau lệnh) vào trang "
        "web mặc định của Wagtail, để sơ đồ trang, liên kết chia sẻ, mã QR, RSS và thư điện tử mang đúng "
        "địa chỉ. Ví dụ: manage.py set_site_url https://tthc.chilinh.gov.vn"
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="Địa chỉ công khai (mặc định: SITE_URL).")

    def handle(self, *args, **options):
        url = options["url"] or settings.SITE_URL
        if not url:
            raise CommandError("Chưa có địa chỉ: đặt biến SITE_URL hoặc ghi địa chỉ sau lệnh.")
        try:
            site = site_url.apply(url)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        if site is None:
            raise CommandError("Chưa có trang web mặc định (chạy migrate, rồi load_demo hoặc tạo trang chủ).")
        self.stdout.write(f"Trang web mặc định: {site.root_url}/")
