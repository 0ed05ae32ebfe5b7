"""Who an article is written for: officials, businesses, citizens (the plan's three audiences)."""

from typing import NamedTuple

from core import params

AUDIENCE_PARAM = "doi-tuong"


class Audience(NamedTuple):
    slug: str  # the value of ?doi-tuong= on news listings
    label: str
    field: str  # the article's boolean field


AUDIENCES = (
    Audience("can-bo-cong-chuc", "Cán bộ, công chức", "for_officials"),
    Audience("doanh-nghiep", "Doanh nghiệp", "for_businesses"),
    Audience("nguoi-dan", "Người dân", "for_citizens"),
)
_BY_SLUG = {a.slug: a for a in AUDIENCES}
UNKNOWN_AUDIENCE_NOTE = "Không có nhóm bạn đọc đã chọn; đang hiển thị tin dành cho mọi đối tượng."


def chosen_audience(query):
    """(Audience or None, note): an unknown or hostile value is dropped with a Vietnamese note."""
    if not params.is_given(query, AUDIENCE_PARAM):
        return None, ""
    slug = params.choice(query, AUDIENCE_PARAM, _BY_SLUG)
    if slug is None:
        return None, UNKNOWN_AUDIENCE_NOTE
    return _BY_SLUG[slug], ""


def audiences_of(article):
    return [a for a in AUDIENCES if getattr(article, a.field, False)]
