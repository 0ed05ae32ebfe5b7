"""Figures for home affairs: what each unit published and answered in a period.

Every figure comes from the domain apps' own models, imported lazily: a missing app or model gives
None (shown as "—"), never an error, so reports grow as news, catalogue and feedback land.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

from core.collation import vietnamese_order
from core.installed import installed_model
from home.models import HomePage, WardHomePage

PERIOD_KINDS = {"quarter": "Quý", "half": "6 tháng", "year": "Năm", "custom": "Tùy chọn"}

COLUMNS = [
    ("articles", "Tin, bài đã đăng"),
    ("radio", "Chuyên mục phát thanh"),
    ("directives", "Văn bản chỉ đạo đã đăng"),
    ("procedures_new", "TTHC mới ban hành"),
    ("procedures_amended", "TTHC sửa đổi, bổ sung"),
    ("procedures_replaced", "TTHC thay thế"),
    ("procedures_abolished", "TTHC bãi bỏ"),
    ("feedback_received", "Phản ánh tiếp nhận"),
    ("feedback_on_time", "Trả lời đúng hạn"),
    ("feedback_overdue", "Quá hạn"),
]
PROCEDURE_KINDS = {
    "procedures_new": "new",
    "procedures_amended": "amended",
    "procedures_replaced": "replaced",
    "procedures_abolished": "abolished",
}


class PeriodError(ValueError):
    """Bad period input; the message is for the user."""


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self):
        if self.kind == "quarter":
            return f"Quý {(self.start.month - 1) // 3 + 1} năm {self.start.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {self.start.year}"
        if self.kind == "year":
            return f"Năm {self.start.year}"
        return f"Từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    def contains(self, day):
        return day is not None and self.start <= day <= self.end


def make_period(kind, year=None, number=1, start=None, end=None):
    if kind not in PERIOD_KINDS:
        raise PeriodError("Kỳ báo cáo phải là quý, 6 tháng, năm hoặc tùy chọn.")
    if kind == "custom":
        if not start or not end:
            raise PeriodError("Kỳ tùy chọn cần ngày bắt đầu và ngày kết thúc.")
        if start > end:
            raise PeriodError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        return Period(kind, start, end)
    year = int(year or timezone.localdate().year)
    if kind == "year":
        return Period(kind, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    months = 3 if kind == "quarter" else 6
    count = 12 // months
    number = int(number or 1)
    if not 1 <= number <= count:
        raise PeriodError(f"Số thứ tự kỳ phải từ 1 đến {count}.")
    first = (number - 1) * months + 1
    last = first + months - 1
    return Period(
        kind, datetime.date(year, first, 1), datetime.date(year, last, calendar.monthrange(year, last)[1])
    )


def _local_date(value):
    return timezone.localdate(value) if value else None


class UnitResolver:
    """Maps a page path to its unit: the deepest ward whose subtree holds it, else the city."""

    def __init__(self, home, wards):
        self.home = home
        self.wards = sorted(wards, key=lambda w: -len(w.path))

    def unit_for_path(self, path):
        for ward in self.wards:
            if path.startswith(ward.path):
                return ward.pk
        return self.home.pk if path.startswith(self.home.path) else None


def _page_counts(model, period, resolver, date_of, fields=("first_published_at",)):
    if model is None:
        return None
    counts = {}
    for page in model.objects.live().only("path", *fields):
        if period.contains(date_of(page)):
            unit = resolver.unit_for_path(page.path)
            counts[unit] = counts.get(unit, 0) + 1
    return counts


def _feedback_counts(period, home):
    model = installed_model("hotline", "FeedbackSubmission")
    if model is None:
        return None, None, None
    received, on_time, overdue = {}, {}, {}
    cutoff = min(period.end, timezone.localdate())
    rows = model.objects.values_list("ward_id", "created_at", "answered_at", "due_date")
    for ward_id, created_at, answered_at, due_date in rows:
        unit = ward_id or home.pk
        created, answered = _local_date(created_at), _local_date(answered_at)
        if period.contains(created):
            received[unit] = received.get(unit, 0) + 1
            late_answer = answered is not None and due_date is not None and answered > due_date
            still_open_late = answered is None and due_date is not None and due_date < cutoff
            if late_answer or still_open_late:
                overdue[unit] = overdue.get(unit, 0) + 1
        if period.contains(answered) and due_date is not None and answered <= due_date:
            on_time[unit] = on_time.get(unit, 0) + 1
    return received, on_time, overdue


def _procedure_counts(period):
    model = installed_model("procedures", "StatusChange")
    if model is None:
        return None
    counts = {}
    for kind in model.objects.filter(effective_date__range=(period.start, period.end)).values_list(
        "kind", flat=True
    ):
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def build_report(period, unit=None):
    """Rows of figures, one per unit (the city first, then wards), plus a totals row.

    unit: None for every unit, a HomePage for the city only, or a WardHomePage.
    """
    home = HomePage.objects.first()
    wards = list(WardHomePage.objects.child_of(home).order_by("unit_kind", vietnamese_order("title"))) if home else []
    resolver = UnitResolver(home, wards)
    units = [home, *wards] if home else []
    if unit is not None:
        units = [u for u in units if u.pk == unit.pk]

    articles = _page_counts(
        installed_model("news", "ArticlePage"), period, resolver, lambda p: _local_date(p.first_published_at)
    )
    radio = _page_counts(
        installed_model("news", "RadioEpisodePage"), period, resolver, lambda p: p.air_date, ("air_date",)
    )
    directives = _page_counts(
        installed_model("news", "DirectiveDocumentPage"), period, resolver, lambda p: _local_date(p.first_published_at)
    )
    procedures = _procedure_counts(period)
    received, on_time, overdue = _feedback_counts(period, home) if home else (None, None, None)
    sources = {
        "articles": articles,
        "radio": radio,
        "directives": directives,
        "feedback_received": received,
        "feedback_on_time": on_time,
        "feedback_overdue": overdue,
    }
    rows = []
    for u in units:
        values = {}
        for key, _label in COLUMNS:
            if key in PROCEDURE_KINDS:
                # The catalogue is shared by every unit: its changes are counted once, on the city row.
                values[key] = (
                    None if procedures is None or u.pk != home.pk else procedures.get(PROCEDURE_KINDS[key], 0)
                )
            else:
                counts = sources[key]
                values[key] = None if counts is None else counts.get(u.pk, 0)
        rows.append({"unit": u, "name": unit_label(u), "values": values})
    totals = {}
    for key, _label in COLUMNS:
        present = [r["values"][key] for r in rows if r["values"][key] is not None]
        totals[key] = sum(present) if present else None
    missing = [label for key, label in COLUMNS if totals[key] is None]
    return {"period": period, "columns": COLUMNS, "rows": rows, "totals": totals, "missing": missing}


def unit_label(unit):
    if isinstance(unit, WardHomePage) or getattr(unit, "unit_name", None):
        return unit.title
    return "Cấp thành phố"


def as_table(report):
    """Header and rows of plain values ("—" for a missing figure), shared by the page, XLSX and CLI."""
    header = ["Đơn vị", *[label for _key, label in report["columns"]]]
    body = [
        [row["name"], *[_cell(row["values"][key]) for key, _ in report["columns"]]] for row in report["rows"]
    ]
    body.append(["Tổng cộng", *[_cell(report["totals"][key]) for key, _ in report["columns"]]])
    return header, body


def _cell(value):
    return "—" if value is None else value


def to_xlsx(report):
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append([f"Báo cáo kết quả tuyên truyền, công khai – {report['period'].label}"])
    sheet["A1"].font = Font(bold=True, size=13)
    header, body = as_table(report)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in body:
        sheet.append(line)
    sheet.column_dimensions["A"].width = 28
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bar_chart_svg(report, key="articles", width=640, bar=18, gap=6, label_width=170):
    """A horizontal bar chart of one column per unit, as accessible inline SVG (no script, no style)."""
    from django.utils.html import escape

    label = dict(report["columns"])[key]
    rows = [(r["name"], r["values"][key]) for r in report["rows"]]
    peak = max([v for _n, v in rows if v] or [1])
    plot = width - label_width - 50
    height = len(rows) * (bar + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title-{key}" class="report-chart">',
        f'<title id="chart-title-{key}">{escape(label)} theo đơn vị – {escape(report["period"].label)}</title>',
    ]
    for index, (name, value) in enumerate(rows):
        y = index * (bar + gap) + 5
        length = 0 if not value else max(2, round(plot * value / peak))
        text = "—" if value is None else str(value)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar - 5}" text-anchor="end" font-size="12" fill="#1a1a1a">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}" fill="#005a9c"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar - 5}" font-size="12" fill="#1a1a1a">{text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
