"""What a local-government site must publish, checked against a ward's sub-site."""

from dataclasses import dataclass

from core.installed import installed_model
from core.text import fold


@dataclass
class Item:
    key: str
    label: str
    done: bool | None  # None: the part of the portal that provides it is not installed yet
    hint: str


def _child_titled(ward, *words):
    for page in ward.get_children().live():
        folded = fold(page.title)
        if any(fold(word) in folded for word in words):
            return True
    return False


def _has_live(model, parent, descendants=True):
    if model is None:
        return None
    qs = model.objects.live()
    return (qs.descendant_of(parent) if descendants else qs.child_of(parent)).exists()


def ward_checklist(ward):
    from home.models import HomePage

    home = HomePage.objects.first()
    news_index = installed_model("news", "NewsIndexPage")
    article = installed_model("news", "ArticlePage")
    hotline_page = installed_model("hotline", "HotlinePage")
    catalogue = installed_model("procedures", "ProcedureIndexPage")
    items = [
        Item(
            "organisation",
            "Tổ chức bộ máy và lãnh đạo",
            _child_titled(ward, "tổ chức", "lãnh đạo", "bộ máy"),
            "Thêm trang nội dung “Cơ cấu tổ chức, lãnh đạo” dưới trang phường, xã.",
        ),
        Item(
            "contacts",
            "Địa chỉ, điện thoại liên hệ",
            bool(ward.address and ward.phone),
            "Điền địa chỉ trụ sở và điện thoại.",
        ),
        Item(
            "desk",
            "Bộ phận một cửa và giờ tiếp nhận",
            bool(ward.desk_address and ward.office_hours),
            "Điền địa chỉ Bộ phận một cửa và giờ tiếp nhận hồ sơ.",
        ),
        Item("hotline", "Số đường dây nóng", bool(ward.hotline), "Điền số đường dây nóng của phường, xã."),
        Item(
            "procedures",
            "Thủ tục hành chính cấp xã",
            None if catalogue is None else catalogue.objects.live().exists(),
            "Danh mục thủ tục hành chính dùng chung của thành phố phải được xuất bản.",
        ),
        Item(
            "news",
            "Tin tức cải cách hành chính",
            None if news_index is None or article is None else _has_live(article, ward),
            "Tạo chuyên mục tin tức dưới trang phường, xã và đăng ít nhất một tin.",
        ),
        Item(
            "feedback",
            "Tiếp nhận phản ánh, kiến nghị",
            None
            if hotline_page is None
            else bool(
                _has_live(hotline_page, ward)
                or (home and hotline_page.objects.live().child_of(home).exists())
            ),
            "Cần có trang đường dây nóng, phản ánh kiến nghị (của phường hoặc của thành phố).",
        ),
    ]
    return items
