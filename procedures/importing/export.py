"""Export the catalogue (or a filtered view of it) as open data: JSON in the shape of procedures.json,
CSV (UTF-8 with BOM, for Excel) and XLSX.

The JSON adds two keys to the published shape: `status` (current status, derived) and `history` (the
announcements: kind, decision, dates, replacement code). Importing an export into an empty catalogue
gives the same records back.
"""

from __future__ import annotations

import csv
import io
import json

from django.db.models import Prefetch

from core.spreadsheet import csv_cell
from procedures.importing import mapping
from procedures.importing.codes import fold
from procedures.models import ProcedurePage, StatusChange

FORMATS = {
    "json": ("application/json; charset=utf-8", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
STATUS_LABELS = dict(ProcedurePage.Status.choices)


def export_queryset(queryset=None):
    """Live procedures with everything a record needs, in a constant number of queries."""
    queryset = ProcedurePage.objects.live() if queryset is None else queryset
    changes = StatusChange.objects.select_related("decision", "replacement").order_by("sort_order", "pk")
    return (
        queryset.select_related("field", "level", "implementing_agency", "online_service_kind")
        .prefetch_related("other_levels", "other_agencies", Prefetch("status_changes", queryset=changes))
        .order_by("code", "pk")
    )


def _raw(page, name):
    value = getattr(page, name)
    raw = getattr(value, "raw_data", None)
    return list(raw) if raw is not None else value.get_prep_value()


def history(page) -> list[dict]:
    out = []
    for change in sorted(page.status_changes.all(), key=StatusChange.sort_key):
        entry = {"kind": change.kind}
        if change.decision:
            entry["decision"] = change.decision.number
            if change.decision.date:
                entry["decision_date"] = change.decision.date.isoformat()
            if change.decision.issuer:
                entry["decision_issuer"] = change.decision.issuer
        if change.effective_date:
            entry["effective_date"] = change.effective_date.isoformat()
        if change.changed_parts:
            entry["changed_parts"] = change.changed_parts
        if change.note:
            entry["note"] = change.note
        if change.replacement:
            entry["replacement"] = change.replacement.code
        out.append(entry)
    return out


def agency_text(page) -> str:
    """The implementing agency and the others the page names, as one published text ("A; B"), which the
    import splits back into the same entities."""
    if not page.implementing_agency:
        return ""
    others = sorted((a.name for a in page.other_agencies.all()), key=fold)
    return "; ".join([page.implementing_agency.name, *others])


def page_record(page) -> dict:
    """One procedure as an open-data record (keys without a value are left out, like the source)."""
    levels = {level.name for level in page.other_levels.all()} | {page.level.name}
    agency = agency_text(page) or page.competent_agency
    entries = history(page)
    latest_decision = next((e["decision"] for e in reversed(entries) if e.get("decision")), None)
    record = {
        "code": page.code,
        "code_local": page.code_local,
        "name": page.official_name,
        "field": page.field.name,
        "level": page.level.name,
        "levels": sorted(levels, key=fold),
        "ministry": page.ministry,
        "agency": agency,
        "deadline": page.deadline,
        "fee": page.fee,
        "fee_note": page.fee_note,
        "submission": mapping.channel_entries(_raw(page, "channels")),
        "documents": mapping.dossier_lines(_raw(page, "dossier")),
        "forms": mapping.form_titles(_raw(page, "forms")),
        "steps": mapping.steps_lines(_raw(page, "steps")),
        "legal_basis": mapping.legal_basis_lines(_raw(page, "legal_basis")),
        "result": [line for line in page.result.split("\n") if line.strip()],
        "subjects": page.subjects,
        "conditions": page.conditions,
        "decision": latest_decision,
        "procedure_type": page.procedure_type,
        "url": page.source_url,
        "source": page.data_source,
        "source_note": page.source_note,
        "status": page.status,
        "history": entries,
    }
    return {k: v for k, v in record.items() if v not in ("", None, [])}


def records(queryset=None):
    return [page_record(page) for page in export_queryset(queryset).iterator(chunk_size=500)]


# --- writers -------------------------------------------------------------------------------------------

COLUMNS = [
    ("code", "Mã thủ tục"),
    ("code_local", "Mã áp dụng tại địa phương"),
    ("name", "Tên thủ tục"),
    ("field", "Lĩnh vực"),
    ("level", "Cấp thực hiện"),
    ("levels", "Các cấp cùng thực hiện"),
    ("agency", "Cơ quan thực hiện"),
    ("ministry", "Bộ, ngành quản lý"),
    ("procedure_type", "Loại thủ tục"),
    ("status_label", "Tình trạng hiện tại"),
    ("status_date", "Ngày hiệu lực của tình trạng"),
    ("decision", "Quyết định công bố gần nhất"),
    ("deadline", "Thời hạn giải quyết"),
    ("fee", "Phí, lệ phí"),
    ("fee_note", "Ghi chú phí, lệ phí"),
    ("submission", "Cách thức thực hiện"),
    ("steps", "Trình tự thực hiện"),
    ("documents", "Thành phần hồ sơ"),
    ("forms", "Mẫu đơn, tờ khai"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("subjects", "Đối tượng thực hiện"),
    ("result", "Kết quả thực hiện"),
    ("conditions", "Yêu cầu, điều kiện"),
    ("submission_place", "Địa điểm thực hiện"),
    ("online_service_url", "Dịch vụ công trực tuyến"),
    ("online_service_kind", "Mức độ dịch vụ công trực tuyến"),
    ("history", "Lịch sử công bố"),
    ("page_url", "Trang thủ tục trên cổng"),
    ("url", "Nguồn công bố"),
]


def _history_text(entries):
    lines = []
    for e in entries:
        text = STATUS_LABELS.get(e["kind"], e["kind"])
        if e.get("decision"):
            text += f" – Quyết định số {e['decision']}"
            if e.get("decision_date"):
                text += f" ngày {_vn_date(e['decision_date'])}"
        if e.get("replacement"):
            text += f" (thay bằng {e['replacement']})"
        if e.get("changed_parts"):
            text += f" ({e['changed_parts']})"
        lines.append(text)
    return "\n".join(lines)


def _vn_date(iso):
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def rows(queryset=None, base_url=""):
    """Flat rows (one per procedure) for CSV and XLSX: lists are one item per line in a cell."""
    for page in export_queryset(queryset).iterator(chunk_size=500):
        record = page_record(page)
        record["status_label"] = STATUS_LABELS.get(page.status, page.status)
        record["status_date"] = page.status_date.strftime("%d/%m/%Y") if page.status_date else ""
        record["submission"] = [
            "; ".join(p for p in (s["method"], s.get("time") and f"thời hạn {s['time']}",
                                  s.get("fee") and f"phí, lệ phí {s['fee']}") if p)
            for s in record.get("submission", [])
        ]  # fmt: skip
        record["history"] = _history_text(record.get("history", []))
        record["submission_place"] = page.submission_place
        record["online_service_url"] = page.online_service_url
        record["online_service_kind"] = page.online_service_kind.name if page.online_service_kind else ""
        record["page_url"] = base_url + (page.url or "") if page.url else ""
        yield [_cell(record.get(key)) for key, _label in COLUMNS]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def write_json(out, queryset=None):
    """Write to a text stream."""
    json.dump(records(queryset), out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(out, queryset=None, base_url=""):
    """Write to a text stream; starts with a BOM so Excel reads UTF-8."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _key, label in COLUMNS])
    for row in rows(queryset, base_url):
        writer.writerow([_csv_text(value) for value in row])


def write_xlsx(out, queryset=None, base_url=""):
    """Write to a binary stream."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Thủ tục hành chính")
    widths = {"name": 60, "steps": 80, "documents": 80, "legal_basis": 60, "conditions": 60}
    for index, (key, _label) in enumerate(COLUMNS):
        sheet.column_dimensions[_column_letter(index)].width = widths.get(key, 24)
    sheet.freeze_panes = "C2"
    header = []
    for _key, label in COLUMNS:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows(queryset, base_url):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_xlsx_text(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    workbook.save(out)


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _xlsx_text(value):
    return value[:32000]  # an Excel cell holds at most 32,767 characters


def _csv_text(value):
    return csv_cell(value)


def export_bytes(fmt, queryset=None, base_url=""):
    if fmt == "json":
        buffer = io.StringIO()
        write_json(buffer, queryset)
        return buffer.getvalue().encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        write_csv(buffer, queryset, base_url)
        return buffer.getvalue().encode("utf-8")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(buffer, queryset, base_url)
        return buffer.getvalue()
    raise ValueError(fmt)
