"""Planning the import of full procedure records (JSON in the shape of procedures.json, with the
status history our export adds)."""

from __future__ import annotations

import datetime
import io
import json
from collections import defaultdict

from core.filelimits import load_json
from procedures.importing import mapping
from procedures.importing.constants import HISTORY_KEYS, RECORD_TEXT, STATUS_LABELS, Status
from procedures.importing.planner import Planner, decision_arg
from procedures.importing.records import merge_channel_text, parse_records
from procedures.importing.report import ImportReport, Message, PlannedPage, PlannedStatus


def _record_where(index, code):
    return f"Bản ghi {index}" + (f" (mã {code})" if code else "")


def _record_values(record, planner: Planner, planned: PlannedPage, index, where):
    refs = planner.refs
    level_key = refs.want("level", record.get("level"))
    other = sorted(
        {refs.want("level", name) for name in record.get("levels", []) if name} - {level_key, None}
    )
    values = {
        "official_name": " ".join(record["name"].split()),
        "field": refs.want("field", record.get("field")),
        "level": level_key,
        "other_levels": other,
        "result": "\n".join(record.get("result", [])),
    }
    for key, attr in RECORD_TEXT.items():
        values[attr] = record.get(key, "")
    for attr in ("deadline", "fee"):  # a channel published twice is said once
        values[attr] = merge_channel_text(values[attr]) or ""
    values.update(planner.agency_values(record.get("agency") or "", index, where))
    documents_by_title = {}
    if planned.page is not None:
        for block in planned.page.forms:
            if block.value.get("document"):
                documents_by_title[block.value["title"]] = block.value["document"].pk
    values["steps"] = mapping.steps_blocks(record.get("steps", []))
    values["channels"] = mapping.channel_blocks(record.get("submission", []))
    values["dossier"] = mapping.dossier_blocks(record.get("documents", []))
    values["legal_basis"] = mapping.legal_basis_blocks(record.get("legal_basis", []))
    values["forms"] = mapping.form_blocks(record.get("forms", []), documents_by_title)
    return values


def _split_history(data: bytes):
    """(bytes for the record parser, {position: history keys}) — our export's extra keys set aside."""
    try:
        items = load_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return data, {}
    if not isinstance(items, list):
        return data, {}
    extras = {}
    for position, item in enumerate(items, start=1):
        if isinstance(item, dict) and any(k in item for k in HISTORY_KEYS):
            extras[position] = {k: item.pop(k) for k in HISTORY_KEYS if k in item}
    if not extras:
        return data, {}
    return json.dumps(items, ensure_ascii=False).encode("utf-8"), extras


def _parse_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def plan_records(data: bytes, filename: str, *, decision: str | None = None) -> ImportReport:
    """Plan the import of full records (JSON in the shape of procedures.json)."""
    report = ImportReport(filename=filename, kind="json")
    data, extras = _split_history(data)
    parsed = parse_records(io.BytesIO(data))
    report.errors += [Message(e.index, e.message_vi) for e in parsed.errors]
    report.warnings += [Message(w.index, w.message_vi) for w in parsed.warnings]
    if parsed.errors and not parsed.records:
        return report
    fallback = decision_arg(decision, report)
    codes = {r["code"] for r in parsed.records}
    for extra in extras.values():
        for entry in extra.get("history") or []:
            if isinstance(entry, dict) and entry.get("replacement"):
                codes.add(str(entry["replacement"]))
    planner = Planner(report, codes)
    code_counts = defaultdict(int)
    for record in parsed.records:
        code_counts[record["code"]] += 1
    positions = _record_positions(data, parsed.records)
    deferred_history = []
    for record, index in zip(parsed.records, positions, strict=True):
        code = record["code"]
        where = _record_where(index, code)
        level_key = planner.refs.want("level", record.get("level"))
        strict = code_counts[code] > 1
        planned = planner.find(code, level_key, strict_level=strict)
        if planned is not None and planned.rows:
            planner.error(index, where, f"trùng với bản ghi {planned.rows[0]} trong cùng tệp")
            continue
        if planned is None:
            planned = planner.new_page(code, level_key, index)
        values = _record_values(record, planner, planned, index, where)
        planner.check_deadlines(values, index, where)
        planner.set_values(planned, values, index, where)
        if planned.page is None:
            planner.check_new(planned, index, where)
        planner.check_streams(planned, index, where)
        history = (extras.get(index) or {}).get("history")
        if history:
            deferred_history.append((planned, history, index, where))
            continue
        number = planner.refs.want_decision(record.get("decision")) or (fallback and fallback[0])
        if fallback and not record.get("decision"):
            planner.refs.want_decision(*fallback)
        if not number:
            continue
        if planned.page is None:
            planner.add_status(
                planned, PlannedStatus(Status.NEW, number, planner.refs.decision_date(number), row=index)
            )
        elif planned.changed and not any(
            c.decision and c.decision.number == number for c in planned.page.status_changes.all()
        ):
            parts = ", ".join(planned.changed)
            planner.add_status(
                planned,
                PlannedStatus(
                    Status.AMENDED, number, planner.refs.decision_date(number), changed_parts=parts, row=index
                ),
            )
    for planned, history, index, where in deferred_history:
        _plan_history(planner, planned, history, index, where)
    planner.finish()
    return report


def _record_positions(data: bytes, records: list[dict]) -> list[int]:
    """1-based positions in the file of the records the parser kept (it drops broken ones)."""
    try:
        items = load_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return list(range(1, len(records) + 1))
    out, start = [], 0
    for record in records:
        for position in range(start, len(items)):
            item = items[position]
            if (
                isinstance(item, dict)
                and str(item.get("code", "")).strip() == record["code"]
                and (item.get("level") or None) == (record.get("level") or None)
            ):
                out.append(position + 1)
                start = position + 1
                break
        else:
            out.append(len(out) + 1)
    return out


def _plan_history(planner: Planner, planned: PlannedPage, history, index, where):
    if not isinstance(history, list):
        planner.error(index, where, "trường «history» (lịch sử công bố) phải là một danh sách")
        return
    for position, entry in enumerate(history, start=1):
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in STATUS_LABELS:
            planner.error(index, where, f"lần công bố thứ {position} có nội dung «{kind}» không hợp lệ")
            continue
        number = planner.refs.want_decision(
            entry.get("decision"), _parse_date(entry.get("decision_date")), entry.get("decision_issuer")
        )
        replacement = None
        if kind == Status.REPLACED:
            target = planner.find(str(entry.get("replacement") or ""), None)
            if target is None:
                planner.error(
                    index, where, f"không tìm thấy thủ tục thay thế «{entry.get('replacement') or ''}»"
                )
                continue
            replacement = target.key
        planner.add_status(
            planned,
            PlannedStatus(
                kind,
                number,
                _parse_date(entry.get("effective_date")),
                changed_parts=entry.get("changed_parts") or "",
                note=entry.get("note") or "",
                replacement=replacement,
                row=index,
            ),
        )
