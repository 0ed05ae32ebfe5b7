"""Read full procedure records from JSON (the shape of shared/data/procedures.json).

Each record is validated on its own; values are kept verbatim apart from Unicode NFC and outer
whitespace, and a few derived keys are added (per-channel deadline/fee, submission channel).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.filelimits import DEFAULT as LIMITS
from core.filelimits import JSONTooComplex, load_json

from .codes import check_code, match_key

__all__ = [
    "ParsedRecords",
    "RecordError",
    "bare_durations",
    "merge_channel_text",
    "parse_duration",
    "parse_records",
    "split_channels",
]

STRING_KEYS = ("code", "code_local", "name", "field", "level", "ministry", "agency", "deadline",
               "fee", "fee_note", "subjects", "conditions", "decision", "procedure_type", "url",
               "source", "source_note")  # fmt: skip
LIST_KEYS = ("levels", "documents", "forms", "steps", "legal_basis", "result")
SUBMISSION_KEYS = ("method", "time", "fee")
REQUIRED_KEYS = ("code", "name")

KEY_LABELS_VI = {
    "code": "mã thủ tục", "code_local": "mã thủ tục áp dụng tại địa phương",
    "name": "tên thủ tục", "field": "lĩnh vực", "level": "cấp thực hiện",
    "levels": "các cấp thực hiện", "ministry": "bộ, ngành", "agency": "cơ quan thực hiện",
    "deadline": "thời hạn giải quyết", "fee": "phí, lệ phí", "fee_note": "ghi chú về phí, lệ phí",
    "submission": "cách thức thực hiện", "documents": "thành phần hồ sơ",
    "forms": "mẫu đơn, tờ khai", "steps": "trình tự thực hiện", "legal_basis": "căn cứ pháp lý",
    "result": "kết quả thực hiện", "subjects": "đối tượng thực hiện",
    "conditions": "yêu cầu, điều kiện", "decision": "quyết định công bố",
    "procedure_type": "loại thủ tục", "url": "đường dẫn", "source": "nguồn",
    "source_note": "ghi chú về nguồn",
}  # fmt: skip

# Channel labels as the national portal prints them, to the codes the catalogue stores.
CHANNEL_LABELS = {"in_person": "Trực tiếp", "online": "Trực tuyến", "post": "Dịch vụ bưu chính"}
_CHANNEL_RE = re.compile(
    r"(?:^|;\s*)(?P<label>trực tiếp|trực tuyến|(?:qua\s+)?dịch vụ bưu chính(?: công ích)?"
    r"|bưu chính(?: công ích)?)\s*:\s*",
    re.IGNORECASE,
)
_DURATION_RE = re.compile(
    r"(?P<amount>[0-9]{1,9}(?:[.,][0-9]{1,6})?)\s*(?P<unit>ngày làm việc|ngày|giờ làm việc|giờ|tháng|năm|phút)?"
    r"\.?",
    re.IGNORECASE,
)
_JSON_MESSAGES_VI = {
    "Expecting ',' delimiter": "thiếu dấu phẩy giữa hai phần tử",
    "Expecting ':' delimiter": "thiếu dấu hai chấm sau tên khóa",
    "Expecting value": "thiếu giá trị hoặc giá trị không hợp lệ",
    "Expecting property name enclosed in double quotes": "tên khóa phải đặt trong dấu ngoặc kép",
    "Unterminated string starting at": "chuỗi chưa được đóng dấu ngoặc kép",
    "Invalid control character at": "chuỗi chứa ký tự điều khiển (ví dụ xuống dòng) chưa mã hóa",
    "Extra data": "có dữ liệu thừa sau phần tử cuối cùng",
    "Invalid \\escape": "ký tự thoát (\\) không hợp lệ",
}


@dataclass
class RecordError:
    index: int | None  # 1-based position in the file; None for a problem with the whole file
    message_vi: str
    code: str | None = None


@dataclass
class ParsedRecords:
    records: list[dict]  # only records without errors
    errors: list[RecordError]
    warnings: list[RecordError]

    @property
    def ok(self) -> bool:
        return not self.errors


def channel_code(label: str | None) -> str | None:
    k = match_key(label)
    for code, word in (("in_person", "trực tiếp"), ("online", "trực tuyến"), ("post", "bưu chính")):
        if word in k:
            return code
    return None


def parse_duration(text: str | None) -> dict | None:
    """{'amount': 3, 'unit': 'ngày làm việc'} from '3 Ngày làm việc'; unit None for a bare '1'."""
    m = _DURATION_RE.fullmatch((text or "").strip())
    if not m:
        return None
    raw = m.group("amount").replace(",", ".")
    amount = float(raw) if "." in raw else int(raw)
    unit = m.group("unit")
    return {"amount": amount, "unit": unit.lower() if unit else None}


def split_channels(text: str | None, *, durations: bool = False) -> list[dict] | None:
    """Split "Trực tiếp: …; Trực tuyến: …" into [{channel, label, text}], in the published order.

    None when the text does not start with a channel label (a single value for all channels).
    A channel may repeat (the portal lists one value per case). Text between labels that does
    not start a new channel (a '; ' inside a value) stays with the value before it.
    """
    if not text:
        return None
    matches = list(_CHANNEL_RE.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    out = []
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        value = text[m.end() : nxt.start() if nxt else len(text)].strip().rstrip(";").strip()
        code = channel_code(m.group("label"))
        entry = {"channel": code, "label": CHANNEL_LABELS[code], "text": value}
        if durations:
            entry.update(parse_duration(value) or {})
        out.append(entry)
    return out


_CASES_NOTE = " (tùy trường hợp)"


def bare_durations(text: str | None) -> list[str]:
    """The values of a deadline that are a number without a unit ("1", or "Trực tiếp: 5; …")."""
    if not text:
        return []
    parts = split_channels(text)
    values = [part["text"] for part in parts] if parts else [text]
    values = [v for value in values for v in value.removesuffix(_CASES_NOTE).split(" hoặc ")]
    return [value for value in values if (found := parse_duration(value)) and found["unit"] is None]


def join_alternatives(values: list[str]) -> str:
    """Several values published for one channel (one per case the portal does not name), said once each."""
    values = list(dict.fromkeys(v for v in values if v))
    if len(values) < 2:
        return values[0] if values else ""
    return " hoặc ".join(values) + _CASES_NOTE


def merge_channel_text(text: str | None) -> str | None:
    """"Trực tiếp: 1 ngày; Trực tiếp: 1 ngày; Trực tuyến: 2 ngày; Trực tuyến: 1 ngày" said once per
    channel: "Trực tiếp: 1 ngày; Trực tuyến: 2 ngày hoặc 1 ngày (tùy trường hợp)". Other text as is."""
    parts = split_channels(text)
    if not parts or len({p["channel"] for p in parts}) == len(parts):
        return text
    by_channel: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for part in parts:
        by_channel.setdefault(part["channel"], []).append(part["text"])
        labels.setdefault(part["channel"], part["label"])
    return "; ".join(f"{labels[c]}: {join_alternatives(v)}" for c, v in by_channel.items())


def _type_vi(value) -> str:
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, (int, float)):
        return "số"
    return {str: "chuỗi", list: "danh sách", dict: "đối tượng"}.get(type(value), "giá trị khác")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _load_json(path_or_fileobj) -> tuple[object, str | None]:
    """(decoded JSON, None) or (None, Vietnamese file-level error)."""
    if isinstance(path_or_fileobj, (str, os.PathLike)):
        data = Path(path_or_fileobj).read_bytes()
    else:
        data = path_or_fileobj.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return (
                None,
                f"Tệp JSON phải dùng bảng mã UTF-8 (byte không hợp lệ ở vị trí {exc.start}).",
            )
    try:
        items = load_json(data)
    except JSONTooComplex as exc:
        return None, f"Tệp JSON không nhập được: {exc.message_vi}."
    except json.JSONDecodeError as exc:
        vi = next((vi for en, vi in _JSON_MESSAGES_VI.items() if exc.msg.startswith(en)), exc.msg)
        return None, f"Tệp JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {vi}."
    if not isinstance(items, list):
        kind = _type_vi(items)
        return None, f"Tệp JSON phải là một danh sách (mảng) các bản ghi, nhưng lại là {kind}."
    if len(items) > LIMITS.rows:
        return None, (
            f"Tệp JSON có {len(items):,} bản ghi, vượt giới hạn {LIMITS.rows:,} bản ghi mỗi lần nhập; "
            "hãy tách thành nhiều tệp."
        ).replace(",", ".")
    return items, None


def parse_records(path_or_fileobj) -> ParsedRecords:
    """Parse a JSON list of procedure records; malformed JSON gives one file-level error."""
    result = ParsedRecords(records=[], errors=[], warnings=[])
    items, problem = _load_json(path_or_fileobj)
    if problem:
        result.errors.append(RecordError(None, problem))
        return result
    if not items:
        result.warnings.append(RecordError(None, "Tệp JSON không có bản ghi nào."))
    seen: dict[tuple, int] = {}
    for index, item in enumerate(items, start=1):
        record = _RecordReader(index, item, result).read()
        if record is None:
            continue
        code, key = record["code"], (record["code"], record.get("level"))
        if key in seen:
            message = (
                f"Bản ghi {index} (mã {code}): trùng mã và cấp thực hiện với bản ghi {seen[key]}."
            )
            result.errors.append(RecordError(index, message, code))
            continue
        seen[key] = index
        result.records.append(record)
    return result


class _RecordReader:
    def __init__(self, index: int, item, result: ParsedRecords):
        self.index, self.item, self.result = index, item, result
        code = item.get("code") if isinstance(item, dict) else None
        self.code = _nfc(code) if isinstance(code, str) and code.strip() else None
        self.failed = False
        self.bad_keys: set[str] = set()

    def _say(self, message: str, *, error: bool) -> None:
        where = f"Bản ghi {self.index}" + (f" (mã {self.code})" if self.code else "")
        target = self.result.errors if error else self.result.warnings
        target.append(RecordError(self.index, f"{where}: {message}.", self.code))
        self.failed |= error

    def _bad_type(self, key: str, expected: str, value) -> None:
        self.bad_keys.add(key)
        self._say(
            f"trường «{key}» ({KEY_LABELS_VI[key]}) phải là {expected}, nhưng lại là "
            f"{_type_vi(value)}",
            error=True,
        )

    def read(self) -> dict | None:
        if not isinstance(self.item, dict):
            self._say(f"phải là một đối tượng JSON, nhưng lại là {_type_vi(self.item)}", error=True)
            return None
        out: dict = {}
        for key, value in self.item.items():
            if value is None:  # same as an omitted key
                continue
            if key in STRING_KEYS:
                if isinstance(value, str):
                    out[key] = _nfc(value)
                else:
                    self._bad_type(key, "chuỗi văn bản", value)
            elif key in LIST_KEYS:
                if isinstance(value, list) and all(isinstance(x, str) for x in value):
                    out[key] = [x for x in map(_nfc, value) if x]
                elif isinstance(value, list):
                    position, item = next((n, x) for n, x in enumerate(value, 1) if not isinstance(x, str))
                    self.bad_keys.add(key)
                    self._say(
                        f"trường «{key}» ({KEY_LABELS_VI[key]}) phải là danh sách các chuỗi văn bản, nhưng "
                        f"phần tử thứ {position} là {_type_vi(item)}",
                        error=True,
                    )
                else:
                    self._bad_type(key, "danh sách các chuỗi văn bản", value)
            elif key == "submission":
                submission = self._submission(value)
                if submission is not None:
                    out[key] = submission
            else:
                self._say(f"khóa không xác định «{key}»; đã bỏ qua", error=False)
        for key in REQUIRED_KEYS:
            if not out.get(key) and key not in self.bad_keys:
                self._say(f"thiếu {KEY_LABELS_VI[key]} («{key}»)", error=True)
        for key in ("code", "code_local"):
            if out.get(key):
                out[key], problem, severity = check_code(out[key])
                if severity:
                    if key == "code_local":
                        problem = problem.replace("mã thủ tục", KEY_LABELS_VI[key], 1)
                    self._say(problem, error=severity == "error")
        url = out.get("url")
        if url and not re.match(r"https?://", url):
            self._say(f"đường dẫn «{url}» không bắt đầu bằng http:// hoặc https://", error=False)
        if self.failed:
            return None
        for key, durations in (("deadline", True), ("fee", False)):
            channels = split_channels(out.get(key), durations=durations)
            if channels:
                out[f"{key}_channels"] = channels
        return out

    def _submission(self, value) -> list[dict] | None:
        if not isinstance(value, list):
            self._bad_type("submission", "danh sách các cách thức nộp hồ sơ", value)
            return None
        items = []
        for pos, entry in enumerate(value, start=1):
            where = f"cách thức thứ {pos} trong «submission»"
            if not isinstance(entry, dict):
                self._say(
                    f"{where} phải là một đối tượng, nhưng lại là {_type_vi(entry)}", error=True
                )
                continue
            item: dict = {}
            for key, sub in entry.items():
                if key not in SUBMISSION_KEYS:
                    self._say(f"{where} có khóa không xác định «{key}»; đã bỏ qua", error=False)
                elif sub is None:
                    item[key] = None
                elif isinstance(sub, str):
                    item[key] = _nfc(sub)
                else:
                    self._say(
                        f"{where}: «{key}» phải là chuỗi văn bản, nhưng lại là {_type_vi(sub)}",
                        error=True,
                    )
            if not item.get("method"):
                self._say(f"{where} thiếu hình thức nộp («method»)", error=True)
                continue
            item.setdefault("time", None)
            item.setdefault("fee", None)
            item["channel"] = channel_code(item["method"])
            items.append(item)
        return items
