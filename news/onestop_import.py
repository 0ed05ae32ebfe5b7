"""Import one-stop results from a spreadsheet (.xlsx or .csv): every row checked, all or nothing.

Columns (first non-empty row is the header, any order, with or without diacritics):
Đơn vị | Tháng (MM/YYYY; or Tháng + Năm) | Tiếp nhận | Đúng hạn | Quá hạn | Đang giải quyết | Trực tuyến
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.filelimits import FileTooLarge, check_xlsx
from core.params import MAX_ID, to_int
from core.text import fold
from news.models.onestop import CITY_DESK_LABEL, OneStopResult, check_totals, unit_pages

MAX_ROWS = 10_000
NUMBER_COLUMNS = {
    "received": "Tiếp nhận",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "pending": "Đang giải quyết",
    "online": "Trực tuyến",
}
TEMPLATE_HEADER = ["Đơn vị", "Tháng", *NUMBER_COLUMNS.values()]
CITY_ALIASES = ["thanh pho", "cap thanh pho", "tp", "trung tam phuc vu hanh chinh cong", "mot cua thanh pho"]


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is Vietnamese."""


@dataclass
class ParsedRow:
    line: int
    unit: object
    year: int
    month: int
    values: dict


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    saved: bool = False


def _header_key(text):
    h = fold(str(text or "")).strip().strip(":")
    if "truc tuyen" in h:
        return "online"
    if "qua han" in h:
        return "late"
    if "dung han" in h or "truoc han" in h:
        return "on_time"
    if "dang giai quyet" in h or "dang xu ly" in h or "chua giai quyet" in h:
        return "pending"
    if "tiep nhan" in h or h.startswith("tong so"):
        return "received"
    if h.startswith("don vi") or h == "co quan":
        return "unit"
    if h.startswith("thang"):
        return "period"
    if h == "nam":
        return "year"
    return None


def read_rows(fileobj, filename):
    """(line number, list of cell values) for every row of the first sheet, header included."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        data = fileobj.read()
        try:
            check_xlsx(data, filename)
        except FileTooLarge as exc:
            raise ImportFileError(exc.message_vi) from exc
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise ImportFileError("Không đọc được tệp Excel: tệp bị hỏng hoặc không phải định dạng .xlsx.") from exc
        sheet = workbook.worksheets[0]
        rows = [(i, list(values)) for i, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
        workbook.close()
        return rows
    if name.endswith(".csv"):
        raw = fileobj.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError("Tệp CSV phải được lưu với bảng mã UTF-8.") from exc
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1)]
    raise ImportFileError("Chỉ nhận tệp bảng tính .xlsx hoặc .csv.")


def _blank(value):
    return value is None or str(value).strip() == ""


def _parse_int(value, label):
    if isinstance(value, bool):
        raise ValueError(f"“{label}” phải là số nguyên không âm")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"“{label}” phải là số nguyên (đang là {value})")
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        # Vietnamese thousands separators: 1.234 or 1,234
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
            text = re.sub(r"[.,]", "", text)
        number = to_int(text, low=-MAX_ID, high=MAX_ID)
        if number is None:
            raise ValueError(f"“{label}” phải là số nguyên không âm (đang là “{str(value)[:40]}”)")
    if number > MAX_ID:
        raise ValueError(f"“{label}” quá lớn (đang là {str(number)[:40]})")
    if number < 0:
        raise ValueError(f"“{label}” không được âm (đang là {number})")
    return number


def _parse_period(value, year_value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.year, value.month
    text = str(value or "").strip()
    if not _blank(year_value):
        month, year = text, str(year_value).strip()
        if isinstance(year_value, float) and year_value.is_integer():
            year = str(int(year_value))
    else:
        match = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{4})", text) or None
        if match:
            month, year = match.groups()
        else:
            match = re.fullmatch(r"(\d{4})\s*[/.-]\s*(\d{1,2})", text)
            if not match:
                raise ValueError(f"tháng “{text}” không đúng dạng MM/YYYY (ví dụ 03/2025)")
            year, month = match.groups()
    if isinstance(month, float) and month.is_integer():
        month = int(month)
    try:
        month, year = int(str(month).strip()), int(year)
    except ValueError as exc:
        raise ValueError(f"tháng “{text}” không đúng dạng MM/YYYY (ví dụ 03/2025)") from exc
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không hợp lệ (từ 1 đến 12)")
    if not 2000 <= year <= 2100:
        raise ValueError(f"năm {year} không hợp lệ")
    today = timezone.localdate()
    if (year, month) > (today.year, today.month):
        raise ValueError(f"tháng {month:02d}/{year} chưa đến")
    return year, month


def _unit_index():
    from home.models import HomePage

    index, ambiguous = {}, set()
    for page in unit_pages().specific():
        names = {fold(page.title)}
        if isinstance(page, HomePage):
            names |= {fold(CITY_DESK_LABEL), *CITY_ALIASES}
        else:
            names |= {fold(page.unit_name), fold(f"UBND {page.title}")}
        for name in names:
            if name in index and index[name] != page:
                ambiguous.add(name)
            index[name] = page
    for name in ambiguous:
        index.pop(name)
    return index


def parse(rows):
    """Check every row; returns an ImportReport whose errors are 'Dòng N: …' sentences."""
    report = ImportReport()
    rows = [(line, cells) for line, cells in rows if any(not _blank(c) for c in cells)]
    if not rows:
        report.errors.append("Tệp không có dữ liệu.")
        return report
    header_line, header = rows[0]
    columns = {}
    for position, title in enumerate(header):
        key = _header_key(title)
        if key and key not in columns:
            columns[key] = position
    missing = [label for key, label in [("unit", "Đơn vị"), ("period", "Tháng"), *NUMBER_COLUMNS.items()]
               if key not in columns]
    if missing:
        report.errors.append(
            f"Dòng {header_line} (tiêu đề): thiếu cột {', '.join(missing)}. "
            f"Các cột cần có: {', '.join(TEMPLATE_HEADER)}."
        )
        return report
    data = rows[1:]
    if not data:
        report.errors.append("Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào.")
        return report
    if len(data) > MAX_ROWS:
        report.errors.append(f"Tệp có {len(data)} dòng số liệu, vượt quá giới hạn {MAX_ROWS:,} dòng.".replace(",", "."))
        return report

    units = _unit_index()
    seen = {}

    def cell(cells, key):
        position = columns.get(key)
        return cells[position] if position is not None and position < len(cells) else None

    for line, cells in data:
        problems = []
        unit_name = cell(cells, "unit")
        unit = None
        if _blank(unit_name):
            problems.append("thiếu tên đơn vị")
        else:
            unit = units.get(fold(str(unit_name)).strip())
            if unit is None:
                problems.append(f"không tìm thấy đơn vị “{str(unit_name).strip()}”")
        year = month = None
        try:
            year, month = _parse_period(cell(cells, "period"), cell(cells, "year"))
        except ValueError as exc:
            problems.append(str(exc))
        values = {}
        for key, label in NUMBER_COLUMNS.items():
            raw = cell(cells, key)
            if _blank(raw):
                problems.append(f"thiếu số “{label}”")
                continue
            try:
                values[key] = _parse_int(raw, label)
            except ValueError as exc:
                problems.append(str(exc))
        if len(values) == len(NUMBER_COLUMNS):
            try:
                check_totals(**values)
            except ValidationError as exc:
                problems.extend(m[0].lower() + m[1:] for m in exc.messages)
        if unit is not None and year:
            key = (unit.pk, year, month)
            if key in seen:
                problems.append(f"trùng đơn vị và tháng với dòng {seen[key]}")
            else:
                seen[key] = line
        if problems:
            report.errors.append(f"Dòng {line}: " + "; ".join(problems) + ".")
        else:
            report.rows.append(ParsedRow(line, unit, year, month, values))
    return report


def import_results(fileobj, filename, dry_run=False):
    """Read, check and (unless dry_run or any error) save all rows in one transaction."""
    try:
        report = parse(read_rows(fileobj, filename))
    except ImportFileError as exc:
        return ImportReport(errors=[str(exc)])
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for row in report.rows:
            _obj, created = OneStopResult.objects.update_or_create(
                unit_id=row.unit.pk, year=row.year, month=row.month, defaults=row.values
            )
            if created:
                report.created += 1
            else:
                report.updated += 1
    report.saved = True
    return report


def template_workbook():
    """An .xlsx with the expected header and two example rows, for editors to fill in."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả giải quyết TTHC"
    sheet.append(TEMPLATE_HEADER)
    today = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    sheet.append([CITY_DESK_LABEL, f"{today.month:02d}/{today.year}", 1250, 1190, 12, 48, 980])
    sheet.append(["Phường Sao Đỏ", f"{today.month:02d}/{today.year}", 310, 298, 2, 10, 241])
    for column, width in zip("ABCDEFG", [32, 10, 12, 12, 12, 18, 12], strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
