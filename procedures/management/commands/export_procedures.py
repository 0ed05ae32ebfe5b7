"""manage.py export_procedures --format json|csv|xlsx OUT: the catalogue as open data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procedures.api import PARAMS, BadFilter, filter_procedures, read_filters
from procedures.importing import export


class Command(BaseCommand):
    help = (
        "Xuất danh mục thủ tục hành chính (toàn bộ hoặc theo bộ lọc) ra tệp JSON (cùng dạng procedures.json, "
        "nhập lại được), CSV (UTF-8 có BOM cho Excel) hoặc XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="Tệp kết quả; «-» để in ra màn hình (chỉ JSON, CSV).")
        parser.add_argument(
            "--format", choices=sorted(export.FORMATS), help="Định dạng; mặc định theo đuôi tệp."
        )
        parser.add_argument("--field", help="Chỉ lĩnh vực này (mã trong đường dẫn, ví dụ ho-tich).")
        parser.add_argument("--level", help="Chỉ cấp thực hiện này (ví dụ cap-xa).")
        parser.add_argument("--agency", help="Chỉ cơ quan thực hiện này.")
        parser.add_argument(
            "--status",
            default="tat-ca",
            help="Tình trạng: tat-ca (mặc định), hieu-luc, moi, sua-doi, thay-the, bai-bo.",
        )
        parser.add_argument("--online", help="Dịch vụ công trực tuyến: co, khong hoặc mã mức độ.")
        parser.add_argument("--q", help="Mã hoặc tên thủ tục (có dấu hoặc không dấu).")

    def handle(self, *args, out, format, **options):
        fmt = format or Path(out).suffix.lstrip(".").lower()
        if fmt not in export.FORMATS:
            raise CommandError("Hãy chọn --format json, csv hoặc xlsx (hoặc đặt đuôi tệp tương ứng).")
        params = {names[1]: options[key] for key, names in PARAMS.items() if options.get(key)}
        try:
            filters = read_filters(params, default_status="tat-ca")
        except BadFilter as exc:
            raise CommandError(str(exc)) from exc
        queryset = filter_procedures(filters)
        total = queryset.count()
        if out != "-":
            self.stdout.write(f"Xuất {total} thủ tục ra {out} ({fmt.upper()})…")
        body = export.export_bytes(fmt, queryset)
        if out == "-":
            if fmt == "xlsx":
                raise CommandError("XLSX cần một tệp kết quả.")
            self.stdout.write(body.decode("utf-8"), ending="")
            return
        Path(out).write_bytes(body)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {len(body):,} byte vào {out}.".replace(",", ".")))
