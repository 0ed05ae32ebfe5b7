from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units.roles import apply_roles


class Command(BaseCommand):
    help = (
        "Tạo hoặc cập nhật các nhóm biên tập, phê duyệt, kiểm duyệt, báo cáo; quyền trên cây trang của "
        "từng phường xã; quy trình phê duyệt và yêu cầu xác thực hai lớp. Chạy lại không tạo bản trùng."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                apply_roles(log=lambda message: self.stdout.write(f"  {message}"))
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Đã áp dụng phân quyền."))
