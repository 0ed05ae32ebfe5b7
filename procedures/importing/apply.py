"""Apply an import file to the catalogue: plan every change first (that plan is the dry run), then write
it in one transaction — all or nothing — as page revisions with their status-history entries.

    report = import_file(path)                      # dry run: what would change, nothing written
    report = import_file(path, dry_run=False, user=editor)

The plan compares the wanted state of each procedure with the catalogue, so importing the same file
twice changes nothing the second time (no revision, no duplicate status entry).
"""

from __future__ import annotations

import datetime
import io
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.text import folded_slug
from procedures.importing import bulk, mapping
from procedures.importing.appendix import DecisionInfo, parse_appendix
from procedures.importing.codes import match_key
from procedures.importing.grid import read_input
from procedures.importing.labels import parse_decision_line
from procedures.importing.records import parse_records
from procedures.models import (
    Agency,
    AnnouncingDecision,
    OnlineServiceKind,
    ProcedureField,
    ProcedureIndexPage,
    ProcedureLevel,
    ProcedurePage,
    StatusChange,
)
from procedures.models.pages import derive_title, procedure_slug

__all__ = ["ImportReport", "apply_plan", "import_file", "import_records", "plan_appendix", "plan_records"]

Status = ProcedurePage.Status
STATUS_LABELS = dict(Status.choices)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the admin upload; the command reads files of any size
LOG_ACTION = "procedures.import"
INDEX_TITLE, INDEX_SLUG = "Thủ tục hành chính", "thu-tuc-hanh-chinh"
# JSON keys our export adds to the open-data shape; read here, hidden from the record parser.
HISTORY_KEYS = ("status", "history")

STREAMS = ("steps", "channels", "dossier", "legal_basis", "forms")
REFS = {"field": ProcedureField, "level": ProcedureLevel, "implementing_agency": Agency}
REFS["online_service_kind"] = OnlineServiceKind
TEXT_LIMITS = {"code_local": 64, "procedure_type": 255, "ministry": 255, "source_url": 1000}
# Fields a full JSON record sets; absent keys clear them (a record is the whole published procedure).
RECORD_TEXT = {
    "code_local": "code_local", "procedure_type": "procedure_type", "ministry": "ministry",
    "deadline": "deadline", "fee": "fee", "fee_note": "fee_note", "subjects": "subjects",
    "conditions": "conditions", "url": "source_url", "source_note": "source_note", "source": "data_source",
}  # fmt: skip


def _label(name):
    if name == "other_levels":
        return "các cấp cùng thực hiện"
    return str(ProcedurePage._meta.get_field(name).verbose_name).lower()


# --- report ----------------------------------------------------------------------------------------


@dataclass
class Message:
    row: int | None  # row in the sheet, or record position in a JSON list; None for the whole file
    text: str


@dataclass
class PlannedStatus:
    kind: str
    decision: str | None
    effective_date: datetime.date | None = None
    changed_parts: str = ""
    note: str = ""
    replacement: tuple | None = None  # plan key of the replacing procedure
    row: int | None = None

    def describe(self) -> str:
        text = STATUS_LABELS[self.kind]
        if self.decision:
            text += f" theo Quyết định số {self.decision}"
        if self.replacement:
            text += f", thay bằng thủ tục {self.replacement[0]}"
        if self.changed_parts:
            text += f" ({self.changed_parts})"
        return text


@dataclass
class PlannedPage:
    key: tuple  # (code, level key)
    code: str
    rows: list[int]
    page: ProcedurePage | None  # None: to be created
    values: dict = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # field labels (Vietnamese)
    statuses: list[PlannedStatus] = field(default_factory=list)
    slug: str = ""
    saved: ProcedurePage | None = field(default=None, repr=False)  # the page once applied

    @property
    def name(self) -> str:
        return self.values.get("official_name") or (self.page.official_name if self.page else "")

    @property
    def action(self) -> str:
        if self.page is None:
            return "created"
        return "updated" if self.changed or self.statuses else "unchanged"


@dataclass
class ImportReport:
    filename: str
    kind: str  # "json" | "appendix"
    decision: DecisionInfo | None = None
    pages: list[PlannedPage] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    new_references: dict[str, list[str]] = field(default_factory=dict)
    dry_run: bool = True
    applied: bool = False
    seconds: float = 0.0
    refs: object = field(default=None, repr=False)  # the planner's reference rows, used on apply

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for planned in self.pages:
            counts[planned.action] += 1
        counts["status_changes"] = sum(len(p.statuses) for p in self.pages)
        return counts

    def summary_vi(self) -> str:
        c = self.counts()
        verb = "Sẽ" if self.dry_run else "Đã"
        return (
            f"{verb} tạo {c['created']} thủ tục, cập nhật {c['updated']}, giữ nguyên {c['unchanged']}; "
            f"{c['status_changes']} lần công bố được ghi vào lịch sử."
        )

    def changes(self) -> list[PlannedPage]:
        return [p for p in self.pages if p.action != "unchanged"]


class ImportFailed(Exception):
    """Raised inside the transaction to roll everything back."""


# --- reference rows ----------------------------------------------------------------------------------


class _References:
    """Reference snippets by name (compared case- and tone-placement-insensitively), created on apply."""

    LABELS = {
        "field": "lĩnh vực",
        "level": "cấp thực hiện",
        "implementing_agency": "cơ quan thực hiện",
        "online_service_kind": "mức độ dịch vụ công trực tuyến",
    }

    def __init__(self):
        self.known = {
            kind: {match_key(o.name): o for o in model.objects.all()} for kind, model in REFS.items()
        }
        self.pending: dict[str, dict[str, str]] = defaultdict(dict)
        self.decisions = {d.number: d for d in AnnouncingDecision.objects.all()}
        self.pending_decisions: dict[str, dict] = {}

    def want(self, kind, name):
        if not name:
            return None
        key = match_key(name)
        if key not in self.known[kind]:
            self.pending[kind].setdefault(key, name)
        return key

    def name_of(self, kind, key):
        obj = self.known[kind].get(key)
        return obj.name if obj else self.pending[kind].get(key)

    def want_decision(self, number, date=None, issuer=None):
        number = " ".join((number or "").split())
        if not number:
            return None
        existing = self.decisions.get(number)
        wanted = self.pending_decisions.setdefault(number, {"date": None, "issuer": ""})
        if date and not (existing and existing.date):
            wanted["date"] = date
        if issuer and not (existing and existing.issuer):
            wanted["issuer"] = issuer[:255]
        return number

    def decision_date(self, number):
        if not number:
            return None
        existing = self.decisions.get(number)
        return (existing.date if existing else None) or self.pending_decisions.get(number, {}).get("date")

    def new_names(self) -> dict[str, list[str]]:
        out = {self.LABELS[k]: sorted(v.values()) for k, v in self.pending.items() if v}
        new_decisions = sorted(n for n in self.pending_decisions if n not in self.decisions)
        if new_decisions:
            out["quyết định công bố"] = new_decisions
        return out

    def create_pending(self) -> list:
        """Write the new reference rows, one INSERT per kind (a first import brings hundreds), and
        return them: Wagtail's admin search index, which their post_save would update one by one,
        follows after the commit with the pages'. No other listener cares about a new row: nothing
        refers to it yet."""
        created = []
        for kind, names in self.pending.items():
            model = REFS[kind]
            objs = [model(name=name[:255]) for name in names.values()]
            for obj in objs:
                if kind == "level":
                    obj.sort_order = 60
            _give_slugs(model, objs)
            model.objects.bulk_create(objs)
            self.known[kind].update(zip(names, objs, strict=True))
            created += objs
        self.pending.clear()
        new = []
        for number, wanted in self.pending_decisions.items():
            decision = self.decisions.get(number)
            if decision is None:
                decision = AnnouncingDecision(number=number, date=wanted["date"], issuer=wanted["issuer"])
                self.decisions[number] = decision
                new.append(decision)
            elif (wanted["date"] and not decision.date) or (wanted["issuer"] and not decision.issuer):
                decision.date = decision.date or wanted["date"]
                decision.issuer = decision.issuer or wanted["issuer"]
                decision.save(update_fields=["date", "issuer"])
        AnnouncingDecision.objects.bulk_create(new)
        self.pending_decisions.clear()
        return created + new

    def get(self, kind, key):
        return self.known[kind].get(key) if key else None


def _give_slugs(model, objs):
    """The slugs `SluggedName.save()` gives new rows (the folded name, then -2, -3… while taken),
    with one read of the slugs in use instead of one query per row and try."""
    taken = set(model.objects.values_list("slug", flat=True))
    for obj in objs:
        base = folded_slug(obj.name)
        slug, n = base, 2
        while slug in taken:
            suffix = f"-{n}"  # the slug column holds 80 characters
            slug, n = base[: 80 - len(suffix)] + suffix, n + 1
        obj.slug = slug
        taken.add(slug)


# --- planning ----------------------------------------------------------------------------------------


def _strip_ids(data):
    if isinstance(data, dict):
        return {k: _strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_strip_ids(v) for v in data]
    return data


def _stored_stream(page, name):
    value = getattr(page, name)
    raw = getattr(value, "raw_data", None)
    data = list(raw) if raw is not None else value.get_prep_value()
    return mapping.canonical(_strip_ids(json.loads(json.dumps(data, default=str))))


class _Planner:
    def __init__(self, report: ImportReport, codes: set[str], names: set[str] = frozenset()):
        self.report = report
        self.refs = _References()
        self.planned: dict[tuple, PlannedPage] = {}
        self.planned_by_code: dict[str, list[PlannedPage]] = defaultdict(list)
        self.by_code: dict[str, list[ProcedurePage]] = defaultdict(list)
        self.by_name: dict[str, list[ProcedurePage]] = defaultdict(list)
        pages = (
            ProcedurePage.objects.filter(code__in=codes)
            .select_related("field", "level", "implementing_agency", "online_service_kind")
            .prefetch_related("other_levels", "status_changes__decision", "status_changes__replacement")
        )
        if names:
            pages = pages | ProcedurePage.objects.filter(official_name__in=names)
        for page in pages.distinct():
            self.by_code[page.code].append(page)
            self.by_name[page.official_name].append(page)
        index = ProcedureIndexPage.objects.first()
        self.slugs = set(index.get_children().values_list("slug", flat=True)) if index else set()
        self.url_validator = URLValidator()

    # -- messages
    def error(self, row, where, text):
        self.report.errors.append(Message(row, f"{where}: {text}."))

    def warn(self, row, where, text):
        self.report.warnings.append(Message(row, f"{where}: {text}."))

    # -- pages
    def find(self, code, level_key, strict_level=False):
        """The planned or existing procedure with this code (at this level when the code is not enough)."""
        same = self.planned_by_code.get(code, [])
        for planned in same:
            if planned.key[1] == level_key:
                return planned
        if len(same) == 1 and not strict_level:
            return same[0]
        taken = {id(p.page) for p in same}
        candidates = [p for p in self.by_code.get(code, []) if id(p) not in taken]
        chosen = [p for p in candidates if match_key(p.level.name) == level_key]
        if not chosen and candidates and not strict_level:
            chosen = candidates
        if not chosen:
            return None
        page = chosen[0]
        return self._add(PlannedPage(key=(code, match_key(page.level.name)), code=code, rows=[], page=page))

    def _add(self, planned):
        self.planned[planned.key] = planned
        self.planned_by_code[planned.code].append(planned)
        return planned

    def find_by_name(self, name):
        for planned in self.planned.values():
            if planned.name == name:
                return planned
        pages = self.by_name.get(name, [])
        if len(pages) != 1:
            return None
        return self.find(pages[0].code, match_key(pages[0].level.name), strict_level=True)

    def new_page(self, code, level_key, row):
        return self._add(PlannedPage(key=(code, level_key), code=code, rows=[], page=None))

    def set_values(self, planned, values, row, where):
        """Merge wanted values into the plan; record which fields differ from the catalogue."""
        if row not in planned.rows:
            planned.rows.append(row)
        for name, wanted in values.items():
            if name in STREAMS:
                wanted = mapping.canonical(wanted)
            limit = TEXT_LIMITS.get(name)
            if limit and isinstance(wanted, str) and len(wanted) > limit:
                self.error(row, where, f"«{_label(name)}» dài quá {limit} ký tự")
                continue
            if name == "source_url" and wanted:
                try:
                    self.url_validator(wanted)
                except ValidationError:
                    self.warn(row, where, f"đường dẫn nguồn «{wanted[:80]}» không hợp lệ; đã bỏ qua")
                    continue
            planned.values[name] = wanted
        if planned.page is None:
            planned.changed = []
            return
        changed = []
        for name, wanted in planned.values.items():
            if self.current_value(planned.page, name) != wanted:
                changed.append(_label(name))
        planned.changed = changed

    def current_value(self, page, name):
        if name in STREAMS:
            return _stored_stream(page, name)
        if name in REFS:
            obj = getattr(page, name)
            return match_key(obj.name) if obj else None
        if name == "other_levels":
            return sorted(match_key(level.name) for level in page.other_levels.all())
        return getattr(page, name) or ""

    def add_status(self, planned, status: PlannedStatus):
        existing = set()
        if planned.page is not None:
            for change in planned.page.status_changes.all():
                existing.add((change.decision.number if change.decision else None, change.kind))
        planned_keys = {(s.decision, s.kind) for s in planned.statuses}
        key = (status.decision, status.kind)
        if key in existing or key in planned_keys:
            return False
        planned.statuses.append(status)
        return True

    def check_new(self, planned, row, where):
        """A procedure to be created needs a field and a level; its streams must validate."""
        values = planned.values
        if not values.get("official_name"):
            self.error(row, where, "thiếu tên thủ tục, không thể tạo thủ tục mới")
        if not values.get("field"):
            self.error(row, where, "thiếu lĩnh vực, không thể tạo thủ tục mới")
        if not values.get("level"):
            self.error(row, where, "thiếu cấp thực hiện, không thể tạo thủ tục mới")
        if not planned.code:
            self.error(
                row,
                where,
                "thủ tục chưa có mã nên chưa thể tạo trang thủ tục; hãy bổ sung mã (mã quốc gia hoặc mã "
                "tạm của địa phương) rồi nhập lại",
            )

    def check_streams(self, planned, row, where):
        for name in STREAMS:
            if name in planned.values and (planned.page is None or _label(name) in planned.changed):
                problems = mapping.block_problems(planned.values[name])
                if problems:
                    shown = "; ".join(problems[:3]) + ("…" if len(problems) > 3 else "")
                    self.error(row, where, f"phần «{_label(name)}» không hợp lệ: {shown}")

    def finish(self):
        for planned in self.planned.values():
            if planned.page is None:
                base = procedure_slug(planned.code, planned.values.get("official_name", ""))
                slug, n = base, 2
                while slug in self.slugs:
                    slug, n = f"{base}-{n}", n + 1
                self.slugs.add(slug)
                planned.slug = slug
        self.report.pages = list(self.planned.values())
        self.report.new_references = self.refs.new_names()
        self.report.refs = self.refs


def _record_where(index, code):
    return f"Bản ghi {index}" + (f" (mã {code})" if code else "")


def _record_values(record, refs: _References, planned: PlannedPage):
    agency = record.get("agency") or ""
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
    if agency and len(agency) <= 255 and "\n" not in agency:
        values["implementing_agency"] = refs.want("implementing_agency", agency)
    else:
        values["implementing_agency"] = None
        if agency:  # too long for the agency list: kept as text
            values["competent_agency"] = agency
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
        items = json.loads(data.decode("utf-8-sig"))
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
    fallback = _decision_arg(decision, report)
    codes = {r["code"] for r in parsed.records}
    for extra in extras.values():
        for entry in extra.get("history") or []:
            if isinstance(entry, dict) and entry.get("replacement"):
                codes.add(str(entry["replacement"]))
    planner = _Planner(report, codes)
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
        values = _record_values(record, planner.refs, planned)
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
        items = json.loads(data.decode("utf-8-sig"))
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


def _plan_history(planner: _Planner, planned: PlannedPage, history, index, where):
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


def _decision_arg(text, report):
    """(number, date, issuer) from --decision "1234/QĐ-UBND ngày 15/3/2025", or None."""
    if not text:
        return None
    text = " ".join(text.split())
    parsed = parse_decision_line(text if "quyết định" in match_key(text) else f"Quyết định số {text}")
    if not parsed:
        report.errors.append(
            Message(None, f"Số quyết định «{text}» không hợp lệ (ví dụ đúng: 1234/QĐ-UBND).")
        )
        return None
    number, date, issuer, _problem = parsed
    return number, date, issuer


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
    given = _decision_arg(decision, report)
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
    planner = _Planner(report, codes, names)
    info = report.decision
    number = planner.refs.want_decision(info.number, info.date, info.issuer)
    effective = info.date
    for row in parsed.rows:
        _plan_row(planner, row, number, effective)
    planner.finish()
    return report


def _plan_row(planner: _Planner, row, number, effective):
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


def _row_values(planner: _Planner, row, level_key, n, where):
    refs = planner.refs
    values = {}
    if row.name:
        values["official_name"] = " ".join(row.name.split())
    if row.field:
        values["field"] = refs.want("field", row.field)
    if level_key:
        values["level"] = level_key
    if row.agency:
        if len(row.agency) <= 255:
            values["implementing_agency"] = refs.want("implementing_agency", row.agency)
        else:
            values["competent_agency"] = row.agency
    for attr, value in (("deadline", row.deadline), ("fee", row.fee), ("submission_place", row.place)):
        if value:
            values[attr] = value
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


def _online_kind(refs: _References, text):
    key = match_key(text)
    for known_key in refs.known["online_service_kind"]:
        if known_key == key or known_key in key:
            return known_key
    return None


# --- applying ----------------------------------------------------------------------------------------


def ensure_index_page():
    """The single catalogue page, created under the city home page when missing."""
    index = ProcedureIndexPage.objects.first()
    if index is not None:
        return index
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        raise ImportFailed("Chưa có trang chủ thành phố để đặt trang danh mục thủ tục hành chính.")
    index = ProcedureIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _assign(page, planned: PlannedPage, refs: _References):
    for name, value in planned.values.items():
        if name in REFS:
            setattr(page, name, refs.get(name, value))
        elif name == "other_levels":
            page.other_levels = [refs.get("level", key) for key in value]
        elif name in STREAMS:
            setattr(page, name, _assignable(value))
        else:
            setattr(page, name, value)
    if "official_name" in planned.values:
        page.title = derive_title(page.official_name)
        page.draft_title = page.title


def _assignable(blocks):
    """Canonical stream data with fresh block ids, in the shape Wagtail stores (list items included)."""
    out = []
    for block in blocks:
        value = dict(block["value"])
        if "items" in value:
            value["items"] = [dict(item, id=str(uuid.uuid4())) for item in value["items"]]
        out.append({"type": block["type"], "value": value, "id": str(uuid.uuid4())})
    return out


def _status_change(planned_status: PlannedStatus, refs: _References, pages_by_key, sort_order):
    replacement = pages_by_key[planned_status.replacement] if planned_status.replacement else None
    return StatusChange(
        decision=refs.decisions.get(planned_status.decision) if planned_status.decision else None,
        kind=planned_status.kind,
        effective_date=planned_status.effective_date,
        changed_parts=planned_status.changed_parts,
        note=planned_status.note,
        replacement=replacement,
        sort_order=sort_order,
    )


def _add_statuses(page, statuses, refs, pages_by_key):
    position = len(page.status_changes.all())
    for offset, status in enumerate(statuses):
        page.status_changes.add(_status_change(status, refs, pages_by_key, position + offset))


def _log_data(report, planned, statuses):
    return {
        "file": report.filename,
        "created": planned.page is None,
        "decisions": sorted({s.decision for s in statuses if s.decision}),
        "changed": planned.changed if planned.page is not None else [],
        "statuses": [s.kind for s in statuses],
    }


def _publish(page, planned, report, user, statuses):
    """An update: one revision, published at once (the import checked the editor may publish)."""
    revision = page.save_revision(user=user, clean=False)
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        revision=revision,
        content_changed=True,
        data=_log_data(report, planned, statuses),
    )
    revision.publish(user=user, skip_permission_checks=True)


def apply_plan(report: ImportReport, *, user=None, progress: Callable | None = None) -> ImportReport:
    """Write a plan without errors in one transaction; any failure rolls the whole file back."""
    if report.errors:
        return report
    pages = report.changes()
    total, done = len(pages), 0
    refs = report.refs
    try:
        with transaction.atomic(), _index_after_commit() as after:
            after.snippets = refs.create_pending()
            index = ensure_index_page() if pages else None
            pages_by_key = {p.key: p.page for p in report.pages if p.page is not None}
            deferred, items, log_data = [], [], {}
            for planned in pages:
                if planned.page is not None:
                    continue
                page = ProcedurePage(slug=planned.slug, code=planned.code)
                _assign(page, planned, refs)
                now = [s for s in planned.statuses if not s.replacement or s.replacement in pages_by_key]
                changes = [_status_change(s, refs, pages_by_key, i) for i, s in enumerate(now)]
                items.append((page, changes))
                log_data[id(page)] = _log_data(report, planned, now)
                planned.saved = page
                if len(now) < len(planned.statuses):
                    deferred.append((planned, page, [s for s in planned.statuses if s not in now]))

            def created(page, count):
                after.pages.add(page.pk)
                if progress:
                    progress(count, total, None)

            if items:
                bulk.create_pages(
                    items, index, user=user, log_data=lambda page: log_data[id(page)], progress=created
                )
            done = len(items)
            for planned in pages:
                if planned.page is None:
                    pages_by_key[planned.key] = planned.saved
            for planned in pages:
                if planned.page is None:
                    continue
                page = planned.saved = planned.page
                _assign(page, planned, refs)
                _add_statuses(page, planned.statuses, refs, pages_by_key)
                _publish(page, planned, report, user, planned.statuses)
                after.pages.add(page.pk)
                done += 1
                if progress:
                    progress(done, total, planned)
            for planned, page, statuses in deferred:
                page = ProcedurePage.objects.get(pk=page.pk)
                _add_statuses(page, statuses, refs, pages_by_key)
                _publish(page, planned, report, user, statuses)
    except ImportFailed as exc:
        report.errors.append(Message(None, str(exc)))
        return report
    except ValidationError as exc:
        detail = "; ".join(exc.messages[:3])
        report.errors.append(Message(None, f"Dữ liệu không hợp lệ, không có thay đổi nào được ghi: {detail}"))
        return report
    report.applied = True
    report.dry_run = False
    return report


class _index_after_commit:
    """Wagtail's admin search index and reference index follow once the transaction has committed, in
    one background task for all the pages (`pages`: ids) and new reference rows (`snippets`: objects)
    instead of one update per save (three per published page). The portal's search queue and other
    publish listeners still hear every page_published signal."""

    def __enter__(self):
        from wagtail.signal_handlers import disable_reference_index_auto_update

        self.pages, self.snippets = set(), []
        self.references = disable_reference_index_auto_update()  # thread-local
        self.references.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.references.__exit__(exc_type, exc, tb)
        if exc_type is None and (self.pages or self.snippets):
            from procedures.importing.tasks import index_imported_pages

            page_ids = sorted(self.pages)
            snippets = defaultdict(list)  # JSON for a task queue: {"procedures.agency": [ids]}
            for obj in self.snippets:
                snippets[obj._meta.label_lower].append(obj.pk)
            snippets = dict(snippets)
            transaction.on_commit(lambda: index_imported_pages.enqueue(page_ids, snippets))
        return False


# --- entry points ------------------------------------------------------------------------------------


def plan_file(src, filename: str | None = None, *, decision: str | None = None) -> ImportReport:
    name, data = read_input(src, filename)
    ext = Path(name).suffix.lower()
    if ext == ".json":
        report = plan_records(data, name, decision=decision)
    else:
        report = plan_appendix(data, name, decision=decision)
    return report


def import_file(
    src,
    filename: str | None = None,
    *,
    dry_run: bool = True,
    decision: str | None = None,
    user=None,
    progress: Callable | None = None,
) -> ImportReport:
    """Plan, and unless `dry_run`, apply an import file (.json, .xlsx or .csv)."""
    started = timezone.now()
    with transaction.atomic():
        report = plan_file(src, filename, decision=decision)
        if not dry_run:
            apply_plan(report, user=user, progress=progress)
    report.seconds = (timezone.now() - started).total_seconds()
    return report


def import_records(
    records: list[dict], *, dry_run=False, decision=None, user=None, progress=None, filename="records.json"
):
    """Import records given as Python dicts (the demo loader and benchmarks use this)."""
    data = json.dumps(records, ensure_ascii=False).encode("utf-8")
    return import_file(
        io.BytesIO(data), filename, dry_run=dry_run, decision=decision, user=user, progress=progress
    )
