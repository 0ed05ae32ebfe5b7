"""The names of Vietnam's provinces and centrally-run cities (before and after the 2025 mergers), to
tell when an agency belongs to another province than the portal's."""

from __future__ import annotations

import re

from .codes import fold

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng",
    "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
    "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa",
    "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Huế", "Tiền Giang", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip

# A province is named after "tỉnh" / "thành phố" (or as "TP HCM"): a bare "Nam" or "Huế" inside another
# name is not a place.
_MARKER = r"(?:tinh|thanh pho|tp\.?)\s+"
_BY_FOLD = {fold(name).replace(" - ", " "): name for name in PROVINCES}
_NAMED_RE = re.compile(
    _MARKER + "(" + "|".join(sorted((re.escape(k) for k in _BY_FOLD), key=len, reverse=True)) + r")\b"
)


def _folded(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").replace("–", " ").split())


def provinces_named(text: str | None) -> list[str]:
    """The provinces a text names ("Sở Tư pháp Thành phố Hà Nội" → ["Hà Nội"]), in order."""
    found = []
    for match in _NAMED_RE.finditer(_folded(text or "")):
        name = _BY_FOLD[match.group(1)]
        if name not in found:
            found.append(name)
    return found


def home_province(*texts: str | None) -> str | None:
    """The portal's own province from its unit names ("Tỉnh Hải Dương", "UBND thành phố Đà Nẵng")."""
    for text in texts:
        folded = _folded(text or "")
        for key, name in sorted(_BY_FOLD.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?:^|\b{_MARKER}){re.escape(key)}\b", folded):
                return name
    return None
