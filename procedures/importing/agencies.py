"""Implementing agencies as published ("Sở A; Sở B", "VPĐKĐĐ, Chi nhánh VPĐKĐĐ.") made into one
canonical entity each, with the level it belongs to and the other province it names, if any.

Pure Python (no database): the import, the clean-up command and the tests share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import clean_text, match_key
from .provinces import provinces_named

# Longer than this, or on several lines, the text is a description, not a list of agencies: it is kept
# whole as "Cơ quan có thẩm quyền" (one real record carries 1,300 characters of instructions).
MAX_LIST_CHARS = 500
MAX_NAME_CHARS = 255

LEVEL_COMMUNE, LEVEL_DISTRICT, LEVEL_PROVINCE, LEVEL_CENTRAL = "Cấp xã", "Cấp huyện", "Cấp tỉnh", "Cấp bộ"

_ABBREVIATIONS = [
    (r"\bVăn phòng ĐKĐĐ\b", "Văn phòng đăng ký đất đai"),
    (r"\bVPĐKĐĐ\b", "Văn phòng đăng ký đất đai"),
    (r"\bĐKĐĐ\b", "đăng ký đất đai"),
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bHĐND\b", "Hội đồng nhân dân"),
    (r"\bBHXH\b", "Bảo hiểm xã hội"),
    (r"\bLĐ-TB&XH\b|\bLĐTBXH\b", "Lao động - Thương binh và Xã hội"),
    (r"\bTB&XH\b", "Thương binh và Xã hội"),
    (r"\bQLDA\b", "Quản lý dự án"),
    (r"\bTP\.?\s*HCM\b|\bTPHCM\b", "Thành phố Hồ Chí Minh"),
    (r"\bTP\.?\s+(?=[A-ZĐ])", "Thành phố "),
]
_ABBREVIATIONS = [(re.compile(pattern), text) for pattern, text in _ABBREVIATIONS]

# Written the same way whatever case or tone placement the source used (matched whole words).
_PHRASES = (
    "Ủy ban nhân dân", "Chủ tịch Ủy ban nhân dân", "Bảo hiểm xã hội", "Văn phòng đăng ký đất đai",
    "Chi nhánh Văn phòng đăng ký đất đai", "Công an", "Ban chỉ huy quân sự", "Bộ Tài chính", "Bộ Công an",
    "Bộ Quốc phòng", "Bộ Tư pháp", "Bộ Xây dựng", "Bộ Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Tài chính",
    "Phòng Tư pháp", "Phòng Thanh tra", "Phòng Kinh tế", "Cơ quan thuế", "Thuế cơ sở",
)  # fmt: skip
_PHRASE_RES = [
    (re.compile(r"(?<!\w)" + re.escape(match_key(p)).replace(r"\ ", r"\s+") + r"(?!\w)"), p) for p in _PHRASES
]

# Folded key (after the rules below) → the name the catalogue uses.
_ALIASES = {
    "phòng xuất nhập cảnh": "Phòng Quản lý xuất nhập cảnh",
    "phòng quản lý xuất nhập cảnh": "Phòng Quản lý xuất nhập cảnh",
    "văn phòng đăng ký đất đai cấp tỉnh": "Văn phòng đăng ký đất đai",
    "ủy ban nhân dân tỉnh và thành phố trực thuộc trung ương": "Ủy ban nhân dân cấp tỉnh",
    "ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương": "Ủy ban nhân dân cấp tỉnh",
}

_ROLE_RE = re.compile(r"\s*\((?P<role>cơ quan[^()]*)\)\s*$", re.IGNORECASE)
_PLURAL_START = ("các ", "những ")


@dataclass(frozen=True)
class AgencyName:
    name: str  # canonical
    level: str | None  # LEVEL_* or None when the name does not tell
    other_province: str | None  # a province the name places it in (not checked against the portal's)
    coordinating: bool = False  # published as "(cơ quan phối hợp)"


def is_agency_list(text: str | None) -> bool:
    """False for text that describes rather than names agencies (long, or on several lines)."""
    text = (text or "").strip()
    return bool(text) and "\n" not in text and len(text) <= MAX_LIST_CHARS


def split_agencies(text: str | None) -> list[str]:
    """The entities of a combined agency text, in published order, duplicates removed.

    Entities are separated by ";" or by ", " before a capital letter ("Sở A, Sở B"); a comma before a
    lower-case word belongs to the name ("Ủy ban nhân dân xã, phường, thị trấn"), and "và …", "các …"
    start a new one.
    """
    out: list[str] = []
    for part in clean_text(text).split(";"):
        pieces: list[str] = []
        for piece in part.split(","):
            piece = piece.strip()
            if not piece:
                continue
            lowered = piece.lower()
            if lowered.startswith("và "):
                piece = piece[3:].strip()
                pieces.append(piece)
            elif pieces and not piece[0].isupper() and not lowered.startswith(_PLURAL_START):
                pieces[-1] += ", " + piece
            else:
                pieces.append(piece)
        out += pieces
    seen, unique = set(), []
    for piece in out:
        piece = piece.strip(" .;,:")
        key = match_key(piece)
        if piece and key not in seen:
            seen.add(key)
            unique.append(piece)
    return unique


_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
    "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
# Only at the end of a syllable ("hoà", "thuỷ"): in "đoàn" or "hoạt" the mark is where it belongs.
_OLD_TONES_RE = re.compile("(" + "|".join(_OLD_TONES) + r")(?!\w)", re.IGNORECASE)


def _fix_tones(text: str) -> str:
    """"Uỷ ban" → "Ủy ban", "thuỷ" → "thủy": the new-style tone placement, keeping the letters' case."""

    def fix(match):
        old = match.group(1)
        new = _OLD_TONES[old.lower()]
        return "".join(n.upper() if o.isupper() else n for o, n in zip(old, new, strict=True))

    return _OLD_TONES_RE.sub(fix, text)


def _hyphens(text: str) -> str:
    """"Khu chế xuất- Khu công nghiệp", "Lao động-Thương binh" → one spacing around a dash between names."""
    text = re.sub(r"\s+[-–]\s*|\s*[-–]\s+", " - ", text)
    return re.sub(r"(?<=[^\W\d_])-(?=[A-ZĐ])", " - ", text)


def _levels(text: str) -> str:
    text = re.sub(r"\s+(?:cấp\s+)?xã,\s*phường,\s*thị\s+trấn$", " cấp xã", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+các\s+tỉnh,\s*thành\s+phố$", "", text, flags=re.IGNORECASE)
    text = re.sub(
        r"\bcấp\s+(xã|tỉnh|huyện)\b", lambda m: "cấp " + m.group(1).lower(), text, flags=re.IGNORECASE
    )
    # "Công an tỉnh", "Bảo hiểm xã hội Tỉnh": a level named without "cấp" at the end of the name.
    return re.sub(
        r"(?<!cấp)\s+(tỉnh|huyện|xã)$", lambda m: " cấp " + m.group(1).lower(), text, flags=re.IGNORECASE
    )


def canonical_name(text: str) -> str:
    """One spelling per entity: abbreviations written out, level words in one form, known names in
    their usual case, new-style tone marks, no trailing punctuation."""
    name = clean_text(text).strip(" .;,:")
    name = re.sub(r"^Bộ phận (?:một cửa|Một cửa)\s+(?=[A-ZĐ])", "", name)
    for pattern, replacement in _ABBREVIATIONS:
        name = pattern.sub(replacement, name)
    name = _hyphens(_fix_tones(name))
    name = _levels(name)
    key = match_key(name)
    for pattern, phrase in _PHRASE_RES:
        for match in reversed(list(pattern.finditer(key))):
            name = name[: match.start()] + phrase + name[match.end() :]
        key = match_key(name)
    name = _ALIASES.get(match_key(name), name)
    if name and name[0].islower():
        name = name[0].upper() + name[1:]
    return name[:MAX_NAME_CHARS]


def agency_level(name: str) -> str | None:
    """The level an agency belongs to, when its name says it."""
    key = match_key(name)
    if re.search(r"\bcấp (xã|phường)\b", key):
        return LEVEL_COMMUNE
    if re.search(r"\bcấp huyện\b", key) or re.match(r"phòng (tư pháp|kinh tế|thanh tra|nội vụ|văn hóa)", key):
        return LEVEL_DISTRICT
    central = ("bộ ", "cục ", "tổng cục ", "chính phủ", "thủ tướng", "ban thi đua - khen thưởng trung ương")
    if key.startswith(central) or key.endswith(" việt nam") or " - bộ " in key:
        return LEVEL_CENTRAL
    provincial = (
        "sở ", "văn phòng đăng ký đất đai", "chi nhánh văn phòng đăng ký đất đai", "phòng quản lý xuất nhập",
        "phòng cảnh sát", "thuế tỉnh", "ban quản lý các khu công nghiệp", "ban quản lý khu",
        "trung tâm trợ giúp pháp lý nhà nước", "giám đốc sở ",
    )  # fmt: skip
    if re.search(r"\bcấp tỉnh\b", key) or key.startswith(provincial):
        return LEVEL_PROVINCE
    return None


def normalise_agencies(text: str | None) -> list[AgencyName]:
    """Every entity a published agency text names, canonical, with its level and the province it
    names (if any); an empty list for text that is not a list of agencies."""
    if not is_agency_list(text):
        return []
    out, seen = [], set()
    for piece in split_agencies(text):
        coordinating = False
        role = _ROLE_RE.search(piece)
        if role:
            coordinating = "phối hợp" in match_key(role.group("role"))
            piece = piece[: role.start()]
        name = canonical_name(piece)
        key = match_key(name)
        if not name or key in seen:
            continue
        seen.add(key)
        named = provinces_named(name)
        out.append(AgencyName(name, agency_level(name), named[0] if named else None, coordinating))
    return out
