"""The home app's own sections of the city and ward home pages, after those of the domain apps: the
directory of sections, then (city) the wards. Registered in home.apps; kept as HTML like every section
(home.sections)."""

from core.collation import vietnamese_order
from home import navigation
from home.models import WardHomePage
from home.restrictions import public


def directory_context(page, request):
    """The sections below a city or ward home page (not the wards), as a directory."""
    pages = navigation.section_pages(page, exclude=(WardHomePage,))
    return {"pages": pages} if pages else None


def wards_context(page, request):
    """The city's wards and communes, each a link to its sub-site."""
    wards = public(WardHomePage.objects.child_of(page).live()).order_by("unit_kind", vietnamese_order("title"))
    return {"wards": list(wards)}
