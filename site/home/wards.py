"""The ward and commune home pages every page asks about, from the site cache (core.cache)."""

from core.cache import cached
from core.collation import vietnamese_order
from home.models import WardHomePage
from home.navigation import PAGE_FIELDS


def ward_for_path(path):
    """The WardHomePage whose subtree holds the page at `path`, or None."""
    wards = cached(
        "wards",
        lambda: list(WardHomePage.objects.only(*PAGE_FIELDS, "unit_kind", "unit_name").order_by("-depth")),
    )
    return next((ward for ward in wards if path.startswith(ward.path)), None)


def live_wards():
    """Live ward and commune home pages in the order lists show them (unit kind, then name)."""
    return cached(
        "live-wards",
        lambda: list(
            WardHomePage.objects.live()
            .order_by("unit_kind", vietnamese_order("unit_name"))
            .only(*PAGE_FIELDS, "slug", "unit_kind", "unit_name")
        ),
    )
