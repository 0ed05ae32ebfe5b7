"""Parse the appendix of an announcing decision ("quyết định công bố") from .xlsx or .csv.

Appendices are laid out for people: title rows, a one- or two-row header, section rows (status
A/B/C, level I/II/III, field 1/2/3) that give context to the rows below, merged cells, footnotes.
This module reads that layout into flat rows; it never touches the database. See
samples/README.md for the accepted layout.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .codes import check_code, clean_text, code_kind, normalize_code
from .grid import FileProblem, Sheet, load_sheets, read_input
from .header import Header, find_header, is_numbering_row
from .labels import (
    STATUS_LABELS_VI,
    STATUSES,
    canonical_level,
    classify_section,
    field_in_title,
    header_key,
    is_footnote,
    level_in,
    parse_decision_line,
    statuses_in,
)

__all__ = [
    "STATUSES",
    "AppendixRow",
    "DecisionInfo",
    "ParsedAppendix",
    "RowError",
    "parse_appendix",
]

SUPPORTED_EXTENSIONS = (".xlsx", ".xlsm", ".csv")
NO_HEADER_VI = (
    "Không tìm thấy dòng tiêu đề cột của bảng danh mục (cần có cột «Tên thủ tục hành chính» "
    "cùng cột «STT» hoặc «Mã TTHC»)."
)
# Columns whose line breaks are only wrapping; the others keep them (lists of documents, etc.).
_SINGLE_LINE = {
    "stt",
    "code",
    "name",
    "field",
    "agency",
    "level",
    "replaces_code",
    "replaces_name",
    "status",
    "online_service",
}


@dataclass
class DecisionInfo:
    number: str | None
    date: datetime.date | None
    issuer: str | None
    raw: str


@dataclass
class RowError:
    row_number: int | None  # 1-based sheet row; None for a problem with the whole file
    message_vi: str
    sheet: str | None = None


@dataclass
class AppendixRow:
    row_number: int  # 1-based sheet row
    code: str | None
    name: str
    status: str  # one of STATUSES
    level: str | None = None
    field: str | None = None
    agency: str | None = None
    deadline: str | None = None
    fee: str | None = None
    place: str | None = None
    legal_basis: str | None = None
    note: str | None = None
    replaces_code: str | None = None
    replaces_name: str | None = None
    stt: str | None = None
    online_service: str | None = None
    code_kind: str | None = None  # 'national' | 'province' | 'variant' | None (free-form/none)
    sheet: str | None = None
    extra: dict[str, str] = dataclasses.field(default_factory=dict)  # unknown columns


@dataclass
class ParsedAppendix:
    decision: DecisionInfo | None
    rows: list[AppendixRow]
    errors: list[RowError]
    warnings: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_appendix(path_or_fileobj, filename: str | None = None) -> ParsedAppendix:
    """Parse an appendix file; the file is never trusted to be well-formed.

    Raises ValueError (Vietnamese message) only for an unsupported file type; every problem in
    the content ends up in `errors` / `warnings`.
    """
    name, data = read_input(path_or_fileobj, filename)
    ext = Path(name).suffix.lower()
    if ext == ".xls":
        raise ValueError(
            "Tệp .xls (Excel 97–2003) chưa được hỗ trợ; hãy mở bằng Excel và lưu "
            "lại dưới dạng .xlsx hoặc .csv."
        )
    if ext not in SUPPORTED_EXTENSIONS:
        raise ValueError(
            f"Không hỗ trợ định dạng tệp «{ext or name}»; chỉ nhận tệp .xlsx hoặc .csv."
        )
    result = ParsedAppendix(decision=None, rows=[], errors=[], warnings=[])
    try:
        sheets = load_sheets(data, ext, name)
    except FileProblem as problem:
        result.errors.append(RowError(None, problem.message_vi))
        return result
    for sheet in sheets:
        result.warnings.extend(RowError(None, w) for w in sheet.warnings)
    found = [(sheet, find_header(sheet.rows)) for sheet in sheets]
    usable = [(sheet, header) for sheet, header in found if header]
    if not usable:
        result.errors.append(RowError(None, NO_HEADER_VI))
        return result
    for sheet, header in found:
        if not header and any(any(row) for row in sheet.rows):
            message = f"Trang «{sheet.name}» không có bảng danh mục thủ tục; đã bỏ qua."
            result.warnings.append(RowError(None, message, sheet.name))
    for sheet, header in usable:
        _SheetParser(sheet, header, len(usable) > 1, result).run()
    if not result.rows and not result.errors:
        result.errors.append(RowError(None, "Phụ lục không có dòng thủ tục nào."))
    return result


def _looks_like_code(text: str) -> bool:
    return len(text) <= 40 and not re.search(r"\s", text) and bool(re.search(r"\d", text))


def _short(text: str, limit: int = 60) -> str:
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _resolve_status(statuses: frozenset[str], has_replaces: bool) -> str | None:
    if len(statuses) == 1:
        return next(iter(statuses))
    if statuses == {"amended", "replaced"}:  # "B. … được sửa đổi, bổ sung, thay thế"
        return "replaced" if has_replaces else "amended"
    return None


# --- rows --------------------------------------------------------------------------------------


class _SheetParser:
    def __init__(self, sheet: Sheet, header: Header, name_sheet: bool, result: ParsedAppendix):
        self.sheet, self.header, self.result = sheet, header, result
        self.name_sheet = name_sheet
        self.stt_col, self.name_col = header.col("stt"), header.col("name")
        self.statuses: frozenset[str] = frozenset()
        self.level: str | None = None
        self.field: str | None = None
        self.carry_field: str | None = None
        self.seen: dict[tuple, int] = {}
        self.default_statuses: frozenset[str] = frozenset()
        self.default_level = self.default_field = None

    def where(self, n: int) -> str:
        return f"Trang «{self.sheet.name}», dòng {n}" if self.name_sheet else f"Dòng {n}"

    def error(self, n: int, message: str) -> None:
        self.result.errors.append(RowError(n, f"{self.where(n)}: {message}", self.sheet.name))

    def warn(self, n: int | None, message: str) -> None:
        text = f"{self.where(n)}: {message}" if n else message[0].upper() + message[1:]
        self.result.warnings.append(RowError(n, text, self.sheet.name))

    def run(self) -> None:
        rows = self.sheet.rows
        self._read_title(rows[: self.header.row_index])
        for i in range(self.header.start, len(rows)):
            self._row(i, rows[i])

    def _read_title(self, rows: list[list[str]]) -> None:
        texts = [clean_text(" ".join(dict.fromkeys(v for v in row if v))) for row in rows]
        texts = [t for t in texts if t]
        for text in texts:
            parsed = self.result.decision is None and parse_decision_line(text)
            if parsed:
                number, date, issuer, problem = parsed
                self.result.decision = DecisionInfo(number, date, issuer, text)
                if problem:
                    self.warn(None, problem)
        joined = " ".join(texts)
        self.default_statuses = statuses_in(joined)
        if not self.default_statuses and self.sheet.merges_resolved:  # xlsx sheet "Bãi bỏ"
            self.default_statuses = statuses_in(self.sheet.name)
        self.default_level = level_in(joined)
        self.default_field = field_in_title(joined)

    def _values(self, row: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        parts: dict[str, list[tuple[str, str]]] = {}
        extra: dict[str, str] = {}
        for col in self.header.columns:
            value = row[col.index] if col.index < len(row) else ""
            if not value:
                continue
            if col.key == "extra":
                extra[col.label] = value
                continue
            if col.key in _SINGLE_LINE:
                value = clean_text(value)
            if all(v != value for _, v in parts.get(col.key, [])):
                parts.setdefault(col.key, []).append((col.sublabel, value))
        values = {
            key: "; ".join(f"{s}: {v}" if s else v for s, v in items)
            if len(items) > 1
            else items[0][1]
            for key, items in parts.items()
        }
        return values, extra

    def _is_repeated_header(self, row: list[str]) -> bool:
        same = sum(
            1
            for c in self.header.columns
            if c.index < len(row) and row[c.index] and header_key(row[c.index]) == c.key
        )
        return same >= 2 and self.name_col is not None and header_key(row[self.name_col]) == "name"

    def _row(self, i: int, row: list[str]) -> None:
        n = i + 1
        if not any(row) or is_numbering_row(row) or self._is_repeated_header(row):
            return
        values, extra = self._values(row)
        stt = values.get("stt", "")
        distinct = list(dict.fromkeys(v for c, v in enumerate(row) if v and c != self.stt_col))
        if len(distinct) <= 1:
            text = distinct[0] if distinct else stt
            if not _looks_like_code(text):
                label = stt if distinct and stt != text else ""
                section = classify_section(label, clean_text(text))
                if section:
                    self._section(n, text, *section)
                    return
                if is_footnote(text):
                    return
                cols = [c for c, v in enumerate(row) if v == text]
                if not distinct or cols != [self.name_col]:
                    self.warn(n, f"không nhận dạng được dòng «{_short(text)}»; đã bỏ qua")
                    return
        self._procedure(i, values, extra)

    def _section(self, n: int, text: str, kind: str, value) -> None:
        self.carry_field = None
        if kind == "status":
            statuses, level = value
            self.statuses, self.level, self.field = statuses, level, None
            if _resolve_status(statuses, False) is None:
                self.warn(
                    n,
                    f"mục «{_short(text)}» nêu nhiều tình trạng công bố cùng lúc; "
                    "không xác định được tình trạng cho các dòng bên dưới",
                )
        elif kind == "level":
            self.level, self.field = value, None
        else:
            self.field = value

    def _code(self, i: int, raw: str, key: str) -> str | None:
        """The normalised code; problems are reported on row i + 1."""
        n, code = i + 1, normalize_code(raw)
        if not code:
            return None
        col = self.header.col(key)
        if (i, col) in self.sheet.numeric and re.fullmatch(r"\d\.\d{1,5}", code):
            fixed = code.ljust(8, "0")  # Excel stored 1.001190 as the number 1.00119
            self.warn(
                n,
                f"mã «{code}» bị Excel lưu dạng số và mất số 0 ở cuối; đã hiểu là "
                f"{fixed}. Hãy định dạng cột mã là Văn bản (Text)",
            )
            code = fixed
        code, problem, severity = check_code(code)
        if key == "replaces_code" and problem:
            problem = problem.replace("mã thủ tục", "mã thủ tục bị thay thế", 1)
        if severity == "error":
            self.error(n, problem)
        elif severity == "warning":
            self.warn(n, problem)
        return code

    def _procedure(self, i: int, values: dict[str, str], extra: dict[str, str]) -> None:
        n, errors_before = i + 1, len(self.result.errors)
        name = values.get("name", "")
        replaces_name = values.get("replaces_name") or None
        has_replaces = bool(values.get("replaces_code") or replaces_name)
        statuses = self.statuses or self.default_statuses
        if values.get("status"):
            statuses = statuses_in(values["status"])
            if not statuses:
                self.error(
                    n,
                    f"tình trạng «{_short(values['status'])}» không hợp lệ (dùng: mới "
                    "ban hành, sửa đổi, bổ sung, thay thế, bãi bỏ)",
                )
        status = _resolve_status(statuses, has_replaces) if statuses else None
        if not name:
            self.error(n, "thiếu tên thủ tục")
        if status is None and statuses:
            self.error(
                n,
                "không xác định được tình trạng công bố: tiêu đề hoặc mục phía trên dòng này "
                "nêu nhiều tình trạng cùng lúc (hãy tách thành các mục A, B, C… riêng)",
            )
        elif status is None and not values.get("status"):
            self.error(
                n,
                "không xác định được tình trạng công bố (mới ban hành, sửa đổi, bổ "
                "sung, thay thế hay bãi bỏ): dòng nằm trước các mục A, B, C… và tiêu đề "
                "phụ lục không nêu tình trạng",
            )
        code = self._code(i, values.get("code", ""), "code")
        replaces_code = self._code(i, values.get("replaces_code", ""), "replaces_code")
        if not code and status in ("new", "replaced"):
            self.warn(n, "thủ tục chưa có mã; sẽ được nhập không có mã, cần bổ sung mã sau")
        elif not code and status:
            self.error(
                n,
                f"thiếu mã thủ tục (bắt buộc với thủ tục {STATUS_LABELS_VI[status]} "
                "để đối chiếu với danh mục hiện có)",
            )
        if status == "replaced" and not replaces_code:
            if replaces_name:
                self.warn(
                    n, "chỉ có tên thủ tục bị thay thế, không có mã; bước áp dụng sẽ tìm theo tên"
                )
            elif not has_replaces:
                self.error(n, "thủ tục thay thế chưa nêu mã thủ tục bị thay thế")
        level_text = values.get("level")
        level = canonical_level(level_text) if level_text else self.level or self.default_level
        field = values.get("field")
        if field:
            self.carry_field = field
        elif not self.sheet.merges_resolved and self.carry_field:
            field = self.carry_field  # CSV export of a field cell merged down
        field = field or self.field or self.default_field
        if code and status:
            key = (code, status, level)
            if key in self.seen:
                self.error(
                    n,
                    f"mã thủ tục «{code}» trùng với dòng {self.seen[key]} (cùng tình "
                    "trạng và cấp thực hiện)",
                )
            self.seen.setdefault(key, n)
        if len(self.result.errors) > errors_before:
            return  # rows with errors are reported, never returned for import
        self.result.rows.append(
            AppendixRow(
                row_number=n,
                code=code,
                name=name,
                status=status,
                level=level,
                field=field,
                agency=values.get("agency"),
                deadline=values.get("deadline"),
                fee=values.get("fee"),
                place=values.get("place"),
                legal_basis=values.get("legal_basis"),
                note=values.get("note"),
                replaces_code=replaces_code,
                replaces_name=replaces_name,
                stt=values.get("stt"),
                online_service=values.get("online_service"),
                code_kind=code_kind(code),
                sheet=self.sheet.name,
                extra=extra,
            )
        )
