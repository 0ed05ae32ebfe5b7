from django.core.management.base import BaseCommand, CommandError

from home.models import WardHomePage
from units.boundaries import BoundaryError, find_ward, merge_wards


class Command(BaseCommand):
    help = (
        "Sáp nhập các phường, xã: chuyển nội dung về đơn vị mới hoặc đơn vị nhận sáp nhập, chuyển hướng "
        "vĩnh viễn (301) mọi địa chỉ cũ, chuyển thành viên các nhóm biên tập, ghi “trước đây là …”."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources", nargs="+", help="Các đơn vị bị sáp nhập (địa chỉ trang, ví dụ phuong-van-an)."
        )
        parser.add_argument("--vao", dest="into", help="Đơn vị nhận sáp nhập đã có (địa chỉ trang).")
        parser.add_argument(
            "--ten-moi",
            dest="new_name",
            help="Tên đơn vị mới, có hoặc không kèm “Phường”/“Xã”, ví dụ “Chí Linh Nam” hoặc “Phường Chí Linh Nam”.",
        )
        parser.add_argument(
            "--xa", action="store_true", help="Đơn vị mới là xã (mặc định là phường, trừ khi tên bắt đầu bằng “Xã”)."
        )

    def handle(self, *args, **options):
        try:
            sources = [find_ward(s) for s in options["sources"]]
            target = find_ward(options["into"]) if options["into"] else None
            kind = WardHomePage.UnitKind.COMMUNE if options["xa"] else None
            report = merge_wards(sources, target, new_name=options["new_name"], kind=kind)
        except BoundaryError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sáp nhập {', '.join(report.removed_units)} vào {report.target.title}: "
                f"{report.moved_pages} trang chuyển, {report.redirects} chuyển hướng 301, "
                f"{report.members_moved} thành viên nhóm chuyển."
            )
        )
