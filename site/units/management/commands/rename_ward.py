from django.core.management.base import BaseCommand, CommandError

from home.models import WardHomePage
from units.boundaries import BoundaryError, find_ward, rename_ward


class Command(BaseCommand):
    help = "Đổi tên một phường, xã: địa chỉ cũ chuyển hướng 301, nhóm và quy trình đổi tên theo, ghi “trước đây là …”."

    def add_arguments(self, parser):
        parser.add_argument("ward", help="Đơn vị cần đổi tên (địa chỉ trang, ví dụ phuong-sao-do).")
        parser.add_argument("new_name", help="Tên mới, có hoặc không kèm “Phường”/“Xã”, ví dụ “Sao Đỏ Mới”.")
        parser.add_argument("--xa", action="store_true", help="Đơn vị sau khi đổi tên là xã.")
        parser.add_argument("--phuong", action="store_true", help="Đơn vị sau khi đổi tên là phường.")
        parser.add_argument("--slug", help="Địa chỉ trang mới (mặc định tạo từ tên mới).")

    def handle(self, *args, **options):
        kind = (
            WardHomePage.UnitKind.COMMUNE
            if options["xa"]
            else (WardHomePage.UnitKind.WARD if options["phuong"] else None)
        )
        try:
            ward = find_ward(options["ward"])
            old = ward.title
            report = rename_ward(ward, options["new_name"], kind=kind, new_slug=options["slug"])
        except BoundaryError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã đổi {old} thành {report.target.title}: {report.redirects} chuyển hướng 301."
            )
        )
