"""The Vietnamese vocabulary of appendix tables: column headers, section titles, decision line.

Matching is done on lower-cased, tone-normalised text; labels typed without diacritics are
matched on their folded form.
"""

from __future__ import annotations

import datetime
import re

from .codes import clean_text, fold, match_key, sentence_case

STATUSES = ("new", "amended", "replaced", "abolished")
STATUS_LABELS_VI = {
    "new": "mới ban hành",
    "amended": "sửa đổi, bổ sung",
    "replaced": "thay thế",
    "abolished": "bãi bỏ, hủy bỏ",
}
LEVELS = {"tỉnh": "Cấp tỉnh", "huyện": "Cấp huyện", "xã": "Cấp xã"}
_FOLDED_LEVELS = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}

# --- column headers ----------------------------------------------------------------------------

# Checked before the replaced/name rules: "Tên VBQPPL quy định nội dung thay thế" is legal basis.
_LEGAL_WORDS = (
    "can cu phap ly",
    "vbqppl",
    "van ban quy pham",
    "van ban quy dinh",
    "quy dinh noi dung",
)


def header_key(text: str) -> str | None:
    """Map a header cell to a field name of AppendixRow, or None when it is not a known header."""
    k = fold(re.sub(r"\(\d+\)|[*:]", " ", text or ""))
    k = " ".join(k.split())
    if not k:
        return None
    if k in ("stt", "tt", "so tt", "so thu tu"):
        return "stt"
    if any(w in k for w in _LEGAL_WORDS):
        return "legal_basis"
    if re.search(r"\b(bi|duoc) thay the\b", k):
        return "replaces_code" if re.match(r"(ma|so ho so)\b", k) else "replaces_name"
    if (re.match(r"ma\b", k) and "linh vuc" not in k) or "so ho so" in k:
        return "code"
    if "ten thu tuc" in k or "ten tthc" in k or k in ("thu tuc hanh chinh", "thu tuc", "tthc"):
        return "name"
    rules = (
        ("field", ("linh vuc",)),
        ("agency", ("co quan", "don vi thuc hien", "don vi giai quyet")),
        ("level", ("cap thuc hien", "cap giai quyet", "cap co tham quyen")),
        ("deadline", ("thoi han", "thoi gian giai quyet")),
        ("place", ("dia diem", "noi tiep nhan", "noi nop", "noi thuc hien")),
        ("status", ("tinh trang", "hinh thuc cong bo", "loai cong bo")),
        ("online_service", ("dich vu cong", "dvc", "muc do")),
        ("note", ("ghi chu",)),
    )
    for key, words in rules:
        if any(w in k for w in words):
            return key
    if re.search(r"\bphi\b", k):
        return "fee"
    if k == "cap":
        return "level"
    return None


# --- section titles ----------------------------------------------------------------------------

# "A." "II." "1." "1.2)" "PHẦN I." "Mục 2:" — the numbering in front of a section title.
_LABEL_RE = re.compile(
    r"^(?:(?:ph[aầ]n|m[uụ]c|ph[uụ]\s+l[uụ]c)\s+(?:[IVXLC]+|\d+|[A-Z])\b\s*[.:)/-]?\s*"
    r"|(?:[IVXLC]+|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\s*[.:)/-]\s*)",
    re.IGNORECASE,
)
_FIELD_RE = re.compile(
    r"^(?:các\s+|cac\s+)?(?:(?:thủ tục hành chính|thu tuc hanh chinh|tthc)\s+)?"
    r"(?:thuộc\s+|thuoc\s+|trong\s+)?l[iĩ]nh\s+v[uự]c\s*[:\-–]?\s*(?P<field>.+)$",
    re.IGNORECASE,
)
_COUNT_SUFFIX_RE = re.compile(
    r"\s*\((?:gồm\s+|gom\s+)?\d+\s*(?:tthc|thủ tục|thu tuc)[^)]*\)\s*$", re.IGNORECASE
)
_SECTIONISH = (
    "danh mục",
    "thủ tục hành chính",
    "tthc",
    "các thủ tục",
    "nhóm thủ tục",
    "danh muc",
    "thu tuc hanh chinh",
    "cac thu tuc",
)
# Matched on folded text: notes under the table, never procedures.
_FOOTNOTE_RE = re.compile(r"^(?:\*|ghi chu|chu thich|luu y|tong (?:cong|so)|nguon\s*:|\(\d+\))")


def split_label(text: str) -> tuple[str, str]:
    """('A', 'Danh mục …') from 'A. Danh mục …'; ('', text) when there is no numbering."""
    m = _LABEL_RE.match(text)
    if not m or m.end() >= len(text):
        return "", text
    return m.group(0).strip(" .:)/-"), text[m.end() :].strip()


def statuses_in(text: str) -> frozenset[str]:
    """Every status a title names (a section may name two: "sửa đổi, bổ sung, thay thế")."""
    k = match_key(text)
    found = set()
    if k.isascii():
        k = fold(k)  # 'moi' alone is ambiguous without diacritics (môi trường)
        pats = {
            "abolished": r"bai bo|huy bo",
            "replaced": r"thay the",
            "amended": r"sua doi|bo sung",
            "new": r"ban hanh moi|moi ban hanh|moi cong bo",
        }
    else:
        pats = {
            "abolished": r"bãi bỏ|hủy bỏ|bị hủy",
            "replaced": r"thay thế",
            "amended": r"sửa đổi|bổ sung",
            "new": r"\bmới\b",
        }
    for status, pattern in pats.items():
        if re.search(pattern, k):
            found.add(status)
    return frozenset(found)


def level_in(text: str) -> str | None:
    """'Cấp xã' when a title names exactly one level ("… của UBND cấp xã")."""
    k = match_key(text)
    found = {m.group(1) for m in re.finditer(r"\bcấp\s+(tỉnh|huyện|xã)\b", k)}
    if k.isascii():
        found = {
            _FOLDED_LEVELS[m.group(1)] for m in re.finditer(r"\bcap\s+(tinh|huyen|xa)\b", fold(k))
        }
    return LEVELS[found.pop()] if len(found) == 1 else None


def canonical_level(text: str) -> str:
    """'cấp xã' / 'Xã' / 'CẤP XÃ' → 'Cấp xã'; other wording is kept as written."""
    k = match_key(text).removeprefix("cấp ").strip()
    return LEVELS.get(k, text)


def field_in_title(text: str) -> str | None:
    m = re.search(
        r"\btrong\s+lĩnh\s+vực\s+(.+?)(?=\s+(?:thuộc|được|áp dụng|trên địa bàn|của|"
        r"tại)\b|[(,;]|$)",
        clean_text(text),
        re.IGNORECASE,
    )
    return sentence_case(m.group(1).strip()) if m else None


def classify_section(label: str, text: str) -> tuple[str, object] | None:
    """('field', 'Hộ tịch') | ('level', 'Cấp xã') | ('status', (statuses, level)) | None."""
    own_label, body = split_label(text)
    label = label or own_label
    m = _FIELD_RE.match(body)
    if m:
        name = _COUNT_SUFFIX_RE.sub("", m.group("field")).strip(" .:")
        return ("field", sentence_case(name)) if name else None
    k = match_key(body)
    sectionish = any(w in k for w in _SECTIONISH)
    lettered = bool(re.fullmatch(r"[A-Za-z]|(?:phần|phan|mục|muc)\s+\S+", match_key(label)))
    statuses = statuses_in(body)
    if statuses and (sectionish or lettered):
        return "status", (statuses, level_in(body))
    level = level_in(body)
    if level and (label or sectionish or k.startswith(("cấp", "cap", "thuộc thẩm quyền"))):
        return "level", level
    return None


def is_footnote(text: str) -> bool:
    return bool(_FOOTNOTE_RE.match(fold(text)))


# --- decision line -----------------------------------------------------------------------------

_DECISION_RE = re.compile(
    r"quy[eế]t\s+[đd][iị]nh\s+(?:s[oố]\s*)?:?\s*(?P<number>\d+[\w./-]*\w)", re.IGNORECASE
)
_DATE_RE = re.compile(
    r"ng[aà]y\s+(?P<d>\d{1,2})\s*(?:th[aá]ng\s*(?P<m>\d{1,2})\s*n[aă]m\s*(?P<y>\d{4})"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_ISSUER_RE = re.compile(r"\bc[uủ]a\s+(?P<issuer>.+?)[\s).]*$", re.IGNORECASE)


def parse_decision_line(text: str) -> tuple[str, datetime.date | None, str | None, str] | None:
    """(number, date, issuer, problem) from "(Kèm theo Quyết định số … ngày … của …)".

    `problem` is a Vietnamese note about an impossible date, else ''.
    """
    text = clean_text(text)
    m = _DECISION_RE.search(text)
    if not m:
        return None
    rest = text[m.end() :]
    date, problem = None, ""
    dm = _DATE_RE.search(rest)
    if dm:
        day, month = int(dm.group("d")), int(dm.group("m") or dm.group("m2"))
        year = int(dm.group("y") or dm.group("y2"))
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            problem = f"ngày ban hành «{day}/{month}/{year}» của quyết định không hợp lệ"
        rest = rest[dm.end() :]
    im = _ISSUER_RE.search(rest)
    issuer = im.group("issuer").strip() if im else None
    return m.group("number"), date, issuer or None, problem
