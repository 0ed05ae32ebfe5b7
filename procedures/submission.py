"""Where and how a citizen submits a procedure: the desk or agency that receives it, derived from the
procedure's level and its implementing agency, and whether it can be submitted online."""

import re
from dataclasses import dataclass

from procedures.models import ProcedureLevel
from procedures.references import level_by_id
from procedures.ward_desk import Desk, desk_for

SubmitAt = ProcedureLevel.SubmitAt
ONLINE_METHOD = "truc_tuyen"
# Where a procedure published with an online channel but no link of its own is submitted online.
NATIONAL_PORTAL_URL = "https://dichvucong.gov.vn/"

# Agencies that receive their own dossiers rather than through a people's committee's one-stop desk
# (police, military command, social insurance, tax, notaries…), matched on the start of the name.
_OWN_RECEPTION = re.compile(
    r"^(?:công an|phòng quản lý xuất nhập cảnh|phòng cảnh sát|cục cảnh sát|ban chỉ huy quân sự|"
    r"bảo hiểm xã hội|thuế|cơ quan thuế|cục thuế|chi cục thuế|hải quan|cảng vụ|"
    r"tổ chức hành nghề|trung tâm trợ giúp pháp lý|hiệu trưởng|nhà trường|đơn vị quản lý vận hành)",
    re.IGNORECASE,
)
COMMUNE_SLUG, PROVINCE_SLUG = "cap-xa", "cap-tinh"


def receives_itself(agency_name):
    return bool(_OWN_RECEPTION.match(agency_name or ""))


def _place_of(name, settings):
    """"Công an cấp tỉnh" → "Công an tỉnh Hải Dương" with the portal's province (its parent unit)."""
    province = (settings.parent_unit_name or "").strip()
    if not province:
        return name
    province = province[0].lower() + province[1:]
    if re.search(r"\bcấp tỉnh\b", name):
        return re.sub(r"\bcấp tỉnh\b", province, name, count=1)
    return f"{name} {province}"


def where_to_submit(page, request, ward, settings):
    """The Desk a citizen goes to for this procedure (with a note saying why when it is not the
    city's or the ward's one-stop desk)."""
    level = page.level
    submit_at = getattr(level, "submit_at", None) or SubmitAt.AGENCY
    agency = page.implementing_agency
    agency_level = level_by_id(agency.level_id) if agency is not None and agency.level_id else None
    agency_level_slug = agency_level.slug if agency_level else None

    if agency is not None and agency.other_province:
        return Desk(
            name=f"Cơ quan {level.name.lower()} có thẩm quyền",
            kind="unknown",
            note=(
                f"Văn bản công bố nêu cơ quan thực hiện của {agency.other_province}; cổng đang kiểm tra lại. "
                "Hãy hỏi Bộ phận một cửa hoặc đường dây nóng trước khi nộp hồ sơ."
            ),
        )
    if agency is not None and receives_itself(agency.name):
        name = agency.name
        if agency_level_slug == COMMUNE_SLUG and ward is not None:
            place = ward.full_name[:1].lower() + ward.full_name[1:]
            name = re.sub(r"\bcấp xã\b", place, name, count=1)
        elif agency_level_slug == PROVINCE_SLUG:
            name = _place_of(name, settings)
        return Desk(
            name=name,
            kind="agency",
            note=f"Hồ sơ nộp tại {name}, không qua Bộ phận một cửa của Ủy ban nhân dân.",
        )
    if submit_at == SubmitAt.WARD:
        if ward is not None:
            return desk_for(request, ward)
        return Desk(
            name="Bộ phận một cửa của UBND phường, xã nơi bạn cư trú",
            kind="any-ward",
            note="Thủ tục cấp xã: chọn phường, xã để xem địa chỉ, giờ tiếp nhận và số điện thoại.",
        )
    if submit_at == SubmitAt.OWN:
        return desk_for(request, None)
    if agency is not None:
        name = _place_of(agency.name, settings) if agency_level_slug == PROVINCE_SLUG else agency.name
    else:
        name = f"Cơ quan {level.name.lower()} có thẩm quyền"
    return Desk(
        name=name,
        kind="agency",
        note=(
            f"Thủ tục {level.name.lower()}: không nộp tại Bộ phận một cửa của {settings.unit_name}. "
            f"Nộp tại nơi tiếp nhận hồ sơ của {name} (hoặc Trung tâm Phục vụ hành chính công của tỉnh), "
            "hoặc nộp trực tuyến nếu thủ tục có cách thức trực tuyến."
        ),
    )


@dataclass
class OnlineStatus:
    """Whether a procedure can be submitted online and where."""

    url: str = ""  # the procedure's own online-service link (in force only)
    kind: str = ""  # toàn trình / một phần, when known
    by_channel: bool = False  # the record publishes an online channel but no link
    other_channels: str = ""  # "trực tiếp hoặc qua bưu chính", for the no-online sentence

    @property
    def available(self):
        return bool(self.url or self.by_channel)

    @property
    def portal_url(self):
        return NATIONAL_PORTAL_URL


def online_status(page, channels):
    """From the page's link and kind, and the channels it publishes (procedure_context's rows)."""
    methods = {c["method"] for c in channels}
    url = page.online_service_url if page.is_in_force else ""
    others = [label for method, label in (("truc_tiep", "trực tiếp"), ("buu_chinh", "qua bưu chính"))
              if method in methods] or ["trực tiếp"]  # fmt: skip
    return OnlineStatus(
        url=url,
        kind=page.online_service_kind.name if page.online_service_kind_id else "",
        by_channel=page.is_in_force and not url and ONLINE_METHOD in methods,
        other_channels=" hoặc ".join(others),
    )
