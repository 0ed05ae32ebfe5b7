"""Navigation and contact helpers for the base layout."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.specific if site else None


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    root = site_root(context)
    items = root.get_children().live().public().in_menu() if root else Page.objects.none()
    current = context.get("page")
    return {
        "root": root,
        "items": list(items.only("id", "title", "url_path", "path", "depth")),
        "current_path": getattr(current, "path", ""),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def current_ward(context):
    """The WardHomePage whose subtree holds the current page, if any."""
    from home.models import WardHomePage

    page = context.get("page")
    if page is None:
        return None
    if isinstance(page, WardHomePage):
        return page
    return WardHomePage.objects.ancestor_of(page).first()


@register.filter
def tel_href(number):
    """Phone number as a tel: URI (digits and a leading +)."""
    raw = str(number or "").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    return f"tel:{'+' if raw.startswith('+') else ''}{digits}"
