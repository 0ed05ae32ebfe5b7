"""manage.py load_demo: build the demo site from every app's demo module, idempotently."""

import importlib
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction


class DemoContext:
    """What the apps' demo loaders share: the city home page, the wards, a logger."""

    def __init__(self, command):
        self.command = command
        self.home = None
        self.wards = {}
        self.options = {}

    def log(self, message):
        self.command.stdout.write(f"  {message}")


def demo_modules():
    found = []
    for config in apps.get_app_configs():
        if not Path(config.path).resolve().is_relative_to(settings.BASE_DIR):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        found.append((getattr(module, "ORDER", 100), config.name, module))
    return sorted(found, key=lambda item: (item[0], item[1]))


class Command(BaseCommand):
    help = (
        "Tạo nội dung mẫu: trang chủ thành phố Chí Linh, 19 phường xã, thủ tục hành chính thật, "
        "tin tức và tài khoản quản trị. Chạy lại không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip",
            action="append",
            default=[],
            help="Bỏ qua nội dung mẫu của ứng dụng này (ví dụ --skip procedures).",
        )
        parser.add_argument(
            "--procedures-limit",
            type=int,
            default=None,
            help="Chỉ nạp N thủ tục đầu tiên (dùng cho kiểm thử nhanh).",
        )

    def handle(self, *args, **options):
        ctx = DemoContext(self)
        ctx.options = options
        for _order, name, module in demo_modules():
            if name in options["skip"]:
                continue
            self.stdout.write(f"Nội dung mẫu: {name}")
            with transaction.atomic():
                module.load(ctx)
        username, password = self.ensure_admin()
        self.stdout.write(self.style.SUCCESS("Đã nạp xong nội dung mẫu."))
        self.stdout.write(f"Tài khoản quản trị: {username} / {password}  (trang quản trị: /quan-tri/)")
        # Every admin account signs in with two factors: the demo's gets backup codes to start with.
        from accounts.twofactor import demo_backup_codes

        codes = demo_backup_codes(get_user_model().objects.get(username=username))
        self.stdout.write(f"Mã dự phòng cho bước xác thực hai lớp (mỗi mã dùng một lần): {' '.join(codes)}")

    def ensure_admin(self):
        """A superuser for the demo; its password is kept in var/ so every run can print it."""
        credentials = Path(settings.VAR_DIR) / "demo-admin.txt"
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if credentials.exists() and user is not None:
            return "admin", credentials.read_text(encoding="utf-8").strip()
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser("admin", "admin@example.invalid", password)
        else:
            user.set_password(password)
            user.save()
        credentials.parent.mkdir(parents=True, exist_ok=True)
        credentials.write_text(password + "\n", encoding="utf-8")
        credentials.chmod(0o600)
        return "admin", password
