"""Planning the import of an announcing decision's appendix (.xlsx/.csv): statuses, and the columns
it carries."""

from __future__ import annotations

import io

from procedures.importing import mapping
from procedures.importing.appendix import DecisionInfo, parse_appendix
from procedures.importing.codes import match_key
from procedures.importing.constants import STATUS_LABELS, Status
from procedures.importing.planner import Planner, decision_arg
from procedures.importing.records import merge_channel_text
from procedures.importing.reference_rows import ReferenceRows
from procedures.importing.report import ImportReport, Message, PlannedStatus


def plan_appendix(data: bytes, filename: str, *, decision: str | None = None) -> ImportReport:
    """Plan the import of a decision appendix (.xlsx/.csv): statuses, and the columns it carries."""
    report = ImportReport(filename=filename, kind="appendix")
    try:
        parsed = parse_appendix(io.BytesIO(data), filename)
    except ValueError as exc:
        report.errors.append(Message(None, str(exc)))
        return report
    report.decision = parsed.decision
    report.errors += [Message(e.row_number, e.message_vi) for e in parsed.errors]
    report.warnings += [Message(w.row_number, w.message_vi) for w in parsed.warnings]
    if parsed.errors and not parsed.rows:  # an unreadable file: its decision is not the problem
        return report
    given = decision_arg(decision, report)
    if given:
        if parsed.decision and parsed.decision.number and parsed.decision.number != given[0]:
            report.warnings.append(
                Message(
                    None,
                    f"Dùng Quyết định số {given[0]} theo lựa chọn khi nhập, thay cho Quyết định số "
                    f"{parsed.decision.number} ghi trong tệp.",
                )
            )
        number, date, issuer = given
        date = date or (parsed.decision.date if parsed.decision else None)
        report.decision = DecisionInfo(number, date, issuer, f"Quyết định số {number}")
    if not report.decision or not report.decision.number:
        report.errors.append(
            Message(
                None,
                "Không tìm thấy số quyết định công bố trong phần tiêu đề của phụ lục (dòng «Kèm theo Quyết "
                "định số … ngày …»); hãy nhập số quyết định khi tải tệp lên.",
            )
        )
        return report
    codes = {r.code for r in parsed.rows if r.code} | {
        r.replaces_code for r in parsed.rows if r.replaces_code
    }
    names = {r.replaces_name for r in parsed.rows if r.replaces_name and not r.replaces_code}
    names |= {r.name for r in parsed.rows if not r.code}
    planner = Planner(report, codes, names)
    info = report.decision
    number = planner.refs.want_decision(info.number, info.date, info.issuer)
    effective = info.date
    for row in parsed.rows:
        _plan_row(planner, row, number, effective)
    planner.finish()
    return report


def _plan_row(planner: Planner, row, number, effective):
    n = row.row_number
    where = f"Dòng {n}" + (f" (mã {row.code})" if row.code else "")
    refs = planner.refs
    level_key = refs.want("level", row.level)
    planned = planner.find(row.code, level_key) if row.code else planner.find_by_name(row.name)
    existed = planned is not None and (planned.page is not None or bool(planned.rows))
    if planned is None:
        planned = planner.new_page(row.code or "", level_key, n)
        if row.status in (Status.AMENDED, Status.ABOLISHED):
            planner.warn(
                n,
                where,
                f"thủ tục chưa có trong danh mục; sẽ được tạo mới rồi ghi nhận «{STATUS_LABELS[row.status].lower()}»",
            )
    values = {}
    if row.status != Status.ABOLISHED or planned.page is None:
        values = _row_values(planner, row, level_key, n, where)
        planner.check_deadlines(values, n, where)
    planner.set_values(planned, values, n, where)
    if planned.page is None and not existed:
        planner.check_new(planned, n, where)
    planner.check_streams(planned, n, where)
    if row.status == Status.REPLACED:
        planner.add_status(
            planned, PlannedStatus(Status.NEW, number, effective, note=_replaces_note(row), row=n)
        )
        old = None
        if row.replaces_code:
            old = planner.find(row.replaces_code, None)
        elif row.replaces_name:
            old = planner.find_by_name(row.replaces_name)
        if old is None:
            missing = row.replaces_code or f"«{row.replaces_name}»"
            planner.warn(
                n, where, f"không tìm thấy thủ tục bị thay thế {missing} trong danh mục; chỉ tạo thủ tục mới"
            )
        elif old is planned:
            planner.error(n, where, "thủ tục không thể thay thế chính nó")
        else:
            if n not in old.rows:
                old.rows.append(n)
            planner.add_status(
                old,
                PlannedStatus(
                    Status.REPLACED, number, effective, note=row.note or "", replacement=planned.key, row=n
                ),
            )
        return
    status = PlannedStatus(row.status, number, effective, row=n)
    if row.status == Status.AMENDED:
        status.changed_parts = row.note or ", ".join(planned.changed)
    else:
        status.note = row.note or ""
    planner.add_status(planned, status)


def _replaces_note(row):
    target = row.replaces_code or row.replaces_name
    return f"Thay thế thủ tục {target}" if target else ""


def _row_values(planner: Planner, row, level_key, n, where):
    refs = planner.refs
    values = {}
    if row.name:
        values["official_name"] = " ".join(row.name.split())
    if row.field:
        values["field"] = refs.want("field", row.field)
    if level_key:
        values["level"] = level_key
    if row.agency:
        values.update(planner.agency_values(row.agency, n, where))
    for attr, value in (("deadline", row.deadline), ("fee", row.fee), ("submission_place", row.place)):
        if value:
            values[attr] = merge_channel_text(value) if attr != "submission_place" else value
    if row.legal_basis:
        values["legal_basis"] = mapping.legal_basis_blocks(mapping.split_cell_lines(row.legal_basis))
    if row.online_service:
        text = row.online_service.strip()
        if text.lower().startswith(("http://", "https://")):
            values["online_service_url"] = text
        else:
            kind = _online_kind(refs, text)
            if kind:
                values["online_service_kind"] = kind
            else:
                planner.warn(
                    n, where, f"không nhận ra mức độ dịch vụ công trực tuyến «{text[:60]}»; đã bỏ qua"
                )
    return values


def _online_kind(refs: ReferenceRows, text):
    key = match_key(text)
    for known_key in refs.known["online_service_kind"]:
        if known_key == key or known_key in key:
            return known_key
    return None
