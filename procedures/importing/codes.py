"""Procedure-code formats and the small text helpers shared by the import parsers.

Pure Python: no Django, no database, so the parsers can be tested and run anywhere.
"""

from __future__ import annotations

import re
import unicodedata

# National catalogue code, e.g. 1.001193.
NATIONAL_RE = re.compile(r"\d\.\d{6}")
# Province-applied code as shown by provincial portals, e.g. 1.000494.000.00.00.H29.
PROVINCE_RE = re.compile(r"\d\.\d{6}\.\d{3}\.\d{2}\.\d{2}\.H\d{2}")
# Province variant published in a provincial decision, e.g. 1.012753.H19.
VARIANT_RE = re.compile(r"\d\.\d{6}\.H\d{2}")
# Anything starting like "1.0…" is meant to be a catalogue code; a broken one is a typo, not a
# local scheme, so it is an error rather than a warning.
_LOOKS_STANDARD_RE = re.compile(r"\d\s*[.,]\s*\d")

CODE_EXAMPLES = "1.001193 hoặc 1.000494.000.00.00.H29"

# Spaces that Word/Excel users paste in: NBSP, narrow NBSP, figure space, ideographic space.
_SPACE_CHARS = "\u00a0\u2007\u202f\u3000\u2002\u2003\u2009"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACE_TABLE = {ord(c): " " for c in _SPACE_CHARS + "\t\v\f"} | _ZERO_WIDTH

# Old-style tone placement ("hoà", "huỷ") mapped to the new style, for matching only.
_TONE_FIX = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_FIX_RE = re.compile("|".join(_TONE_FIX))


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """NFC, odd spaces to plain spaces, collapsed runs; keep line breaks only if `multiline`."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_SPACE_TABLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    return ("\n" if multiline else " ").join(lines)


def match_key(value: str | None) -> str:
    """Lower-cased, tone-placement-normalised single-line text used to compare labels."""
    text = clean_text(value).lower()
    return _TONE_FIX_RE.sub(lambda m: _TONE_FIX[m.group(0)], text)


def fold(value: str | None) -> str:
    """Diacritics removed (đ→d): lets a label typed without accents still be recognised."""
    text = unicodedata.normalize("NFD", match_key(value)).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def sentence_case(text: str) -> str:
    """'HỘ TỊCH' → 'Hộ tịch': section titles are often typed in capitals."""
    if text and text.upper() == text and any(ch.isalpha() for ch in text):
        return text[0] + text[1:].lower()
    return text


def normalize_code(value: str | None) -> str:
    """Strip every kind of whitespace inside a code and upper-case the province letter."""
    text = clean_text(value)
    text = "".join(text.split()).rstrip(".")
    return re.sub(r"\.h(\d{2})", lambda m: ".H" + m.group(1), text)


def code_kind(code: str | None) -> str | None:
    """'national', 'province' or 'variant' for a well-formed code, else None."""
    if not code:
        return None
    if NATIONAL_RE.fullmatch(code):
        return "national"
    if PROVINCE_RE.fullmatch(code):
        return "province"
    if VARIANT_RE.fullmatch(code):
        return "variant"
    return None


def is_valid_code(code: str | None) -> bool:
    return code_kind(code) is not None


def looks_standard(code: str | None) -> bool:
    """True when the text was clearly meant to be a catalogue code (starts like '1.0…')."""
    return bool(code and _LOOKS_STANDARD_RE.match(code))


def national_code(code: str | None) -> str | None:
    """The national part of any well-formed code: 1.000494.000.00.00.H29 → 1.000494."""
    if not is_valid_code(code):
        return None
    return code[:8]


def check_code(code: str) -> tuple[str, str | None, str | None]:
    """Classify a non-empty normalised code.

    Returns (code, problem, severity): severity is None when the code is fine, 'warning' for a
    free-form code (accepted, e.g. a province's own numbering) and 'error' for a code that was
    meant to be a catalogue code but is malformed. A decimal comma (Vietnamese Excel locale) is
    fixed with a warning.
    """
    if is_valid_code(code):
        return code, None, None
    if "," in code:
        fixed = code.replace(",", ".")
        if is_valid_code(fixed):
            return fixed, f"mã thủ tục «{code}» dùng dấu phẩy; đã hiểu là {fixed}", "warning"
    if looks_standard(code):
        return (
            code,
            f"mã thủ tục «{code}» không đúng định dạng (ví dụ đúng: {CODE_EXAMPLES})",
            "error",
        )
    return (
        code,
        f"mã thủ tục «{code}» không theo định dạng của Cơ sở dữ liệu quốc gia về TTHC; "
        "vẫn được nhận, cần kiểm tra lại",
        "warning",
    )
