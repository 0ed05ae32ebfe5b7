"""Where a citizen goes: the ward they came from (?phuong-xa=<slug>) and its one-stop desk, or the city's."""

import re
from dataclasses import dataclass
from typing import NamedTuple

from procedures.filters import P_WARD


@dataclass
class Desk:
    """The one-stop desk ("Bộ phận một cửa") a citizen goes to: the city's, or a ward's."""

    name: str
    address: str = ""
    hours: str = ""
    phone: str = ""
    hotline: str = ""
    map_url: str = ""
    ward: object = None
    kind: str = "desk"  # "desk" (a one-stop desk), "any-ward", "agency", "unknown": procedures.submission
    note: str = ""  # why this place, when it is not a one-stop desk


def site_settings(request):
    from home.models import SiteSettings

    return SiteSettings.for_request(request)


def ward_from_request(request):
    """The ward whose context the visitor came from (?phuong-xa=<slug>), or None; unknown slugs are ignored."""
    from home.models import WardHomePage

    slug = (request.GET.get(P_WARD) or "").strip()
    if not slug or not re.fullmatch(r"[-a-z0-9]{1,80}", slug):
        return None
    return (
        WardHomePage.objects.live()
        .filter(slug=slug)
        .only(*WARD_FIELDS)
        .order_by("path")
        .first()
    )


WARD_FIELDS = (
    "id", "path", "depth", "url_path", "slug", "title", "live", "unit_kind", "unit_name", "address",
    "desk_address", "office_hours", "phone", "hotline", "map_url",
)  # fmt: skip


def desk_for(request, ward=None):
    settings = site_settings(request)
    hotline = next((b.value["number"] for b in settings.hotline_numbers), "")
    if ward is not None:
        return Desk(
            name=f"Bộ phận một cửa – UBND {ward.get_unit_kind_display().lower()} {ward.unit_name}",
            address=ward.desk_address or ward.address,
            hours=ward.office_hours,
            phone=ward.phone,
            hotline=ward.hotline or hotline,
            map_url=ward.map_url,
            ward=ward,
        )
    return Desk(
        name=f"Bộ phận một cửa – {settings.unit_name}",
        address=settings.address,
        hours=settings.office_hours,
        phone=settings.phone,
        hotline=hotline,
    )


class Hotline(NamedTuple):
    label: str  # what the page shows before the number
    number: str
    unit: str  # whose number it is (the printed sheet names it after the number)


def hotlines(settings, ward=None, *, phone_fallback=False):
    """The hotlines a citizen may call about a procedure: the ward's own first, then the site's; with
    `phone_fallback`, the site's phone when it lists no hotline."""
    found = []
    if ward is not None and ward.hotline:
        found.append(Hotline(f"Đường dây nóng {ward.full_name}", ward.hotline, ward.full_name))
    if settings is not None:
        found += [Hotline(b.value["label"], b.value["number"], b.value["label"]) for b in settings.hotline_numbers]
        if phone_fallback and not found and settings.phone:
            found.append(Hotline(settings.unit_name, settings.phone, settings.unit_name))
    return found
