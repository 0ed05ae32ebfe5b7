import datetime

from django.core.management.base import BaseCommand, CommandError

from units import reports
from units.boundaries import BoundaryError, find_ward


class Command(BaseCommand):
    help = (
        "In báo cáo số liệu theo đơn vị cho một kỳ (quý, 6 tháng, năm hoặc tùy chọn); có thể xuất tệp XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ky",
            choices=list(reports.PERIOD_KINDS),
            default="quarter",
            help="quarter, half, year hoặc custom.",
        )
        parser.add_argument("--nam", type=int, help="Năm báo cáo (mặc định năm nay).")
        parser.add_argument("--so", type=int, default=1, help="Quý (1–4) hoặc 6 tháng (1–2).")
        parser.add_argument("--tu", help="Ngày bắt đầu kỳ tùy chọn, dạng 2026-01-01.")
        parser.add_argument("--den", help="Ngày kết thúc kỳ tùy chọn, dạng 2026-03-31.")
        parser.add_argument("--don-vi", help="Chỉ một phường, xã (địa chỉ trang hoặc tên đầy đủ).")
        parser.add_argument("--xlsx", help="Ghi thêm ra tệp XLSX tại đường dẫn này.")

    def handle(self, *args, **options):
        try:
            start = datetime.date.fromisoformat(options["tu"]) if options["tu"] else None
            end = datetime.date.fromisoformat(options["den"]) if options["den"] else None
            period = reports.make_period(options["ky"], options["nam"], options["so"], start, end)
            unit = find_ward(options["don_vi"]) if options["don_vi"] else None
        except (ValueError, BoundaryError) as exc:
            raise CommandError(str(exc)) from exc
        report = reports.build_report(period, unit)
        header, body = reports.as_table(report)
        self.stdout.write(f"Báo cáo {period.label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})")
        self.stdout.write("\t".join(header))
        for line in body:
            self.stdout.write("\t".join(str(cell) for cell in line))
        if report["missing"]:
            self.stdout.write(f"“—”: chưa có dữ liệu ({', '.join(report['missing'])}).")
        if options["xlsx"]:
            with open(options["xlsx"], "wb") as handle:
                handle.write(reports.to_xlsx(report))
            self.stdout.write(self.style.SUCCESS(f"Đã ghi {options['xlsx']}"))
