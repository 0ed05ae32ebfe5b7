"""Planning an import: the wanted state of each procedure compared with the catalogue, field by field,
so a second import of the same file changes nothing."""

from __future__ import annotations

import json
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from procedures.importing import mapping
from procedures.importing.agencies import normalise_agencies
from procedures.importing.codes import match_key
from procedures.importing.constants import REFS, STREAMS, TEXT_LIMITS, field_label
from procedures.importing.labels import parse_decision_line
from procedures.importing.records import bare_durations
from procedures.importing.reference_rows import ReferenceRows
from procedures.importing.report import ImportReport, Message, PlannedPage, PlannedStatus
from procedures.models import (
    ProcedureIndexPage,
    ProcedurePage,
)
from procedures.models.pages import procedure_slug


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


class Planner:
    def __init__(self, report: ImportReport, codes: set[str], names: set[str] = frozenset()):
        self.report = report
        self.refs = ReferenceRows()
        self.planned: dict[tuple, PlannedPage] = {}
        self.planned_by_code: dict[str, list[PlannedPage]] = defaultdict(list)
        self.by_code: dict[str, list[ProcedurePage]] = defaultdict(list)
        self.by_name: dict[str, list[ProcedurePage]] = defaultdict(list)
        pages = (
            ProcedurePage.objects.filter(code__in=codes)
            .select_related("field", "level", "implementing_agency", "online_service_kind")
            .prefetch_related("other_levels", "other_agencies", "status_changes__decision", "status_changes__replacement")
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
                self.error(row, where, f"«{field_label(name)}» dài quá {limit} ký tự")
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
                changed.append(field_label(name))
        planned.changed = changed

    def current_value(self, page, name):
        if name in STREAMS:
            return _stored_stream(page, name)
        if name in REFS:
            obj = getattr(page, name)
            return match_key(obj.name) if obj else None
        if name == "other_levels":
            return sorted(match_key(level.name) for level in page.other_levels.all())
        if name == "other_agencies":
            return sorted(match_key(agency.name) for agency in page.other_agencies.all())
        return getattr(page, name) or ""

    def agency_values(self, text, row, where):
        """The implementing agency, the others it names and those it names as coordinating, from a
        published agency text ("Sở A; Sở B", "A, B."): one canonical entity each. Text that describes
        rather than names agencies is kept whole as the competent agency."""
        names = normalise_agencies(text)
        if not names:
            values = {"implementing_agency": None, "other_agencies": []}
            if text:
                values["competent_agency"] = text
            return values
        main = [a for a in names if not a.coordinating] or names
        keys = [self.refs.want_agency(a) for a in main]
        values = {"implementing_agency": keys[0], "other_agencies": sorted(set(keys[1:]) - {keys[0]})}
        coordinating = [a.name for a in names if a not in main]
        if coordinating:
            values["coordinating_agency"] = "; ".join(coordinating)
        for agency in main:
            other = self.refs.outside_province(agency)
            if other:
                self.warn(
                    row,
                    where,
                    f"cơ quan thực hiện «{agency.name}» thuộc {other}, không phải địa phương của cổng; "
                    "đã đánh dấu trong trang Kiểm tra thủ tục để sửa",
                )
        return values

    def check_deadlines(self, values, row, where):
        """A deadline published as a bare number ("1") is kept as published and reported: the page and
        the completeness console say the unit is missing instead of showing the number alone."""
        texts = [values.get("deadline") or ""]
        texts += [(b["value"].get("deadline") or "") for b in values.get("channels") or []]
        bare = list(dict.fromkeys(v for text in texts for v in bare_durations(text)))
        if bare:
            shown = ", ".join(f"«{v}»" for v in bare)
            self.warn(
                row,
                where,
                f"thời hạn giải quyết {shown} không ghi đơn vị (ngày, ngày làm việc…); đã nhập như văn bản "
                "công bố, trang thủ tục ghi rõ là chưa rõ đơn vị và trang Kiểm tra thủ tục đánh dấu để bổ sung",
            )

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
            if name in planned.values and (planned.page is None or field_label(name) in planned.changed):
                problems = mapping.block_problems(planned.values[name])
                if problems:
                    shown = "; ".join(problems[:3]) + ("…" if len(problems) > 3 else "")
                    self.error(row, where, f"phần «{field_label(name)}» không hợp lệ: {shown}")

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


def decision_arg(text, report):
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
