"""Navigation and contact helpers for the base layout."""

from django import template
from django.urls import reverse
from wagtail.models import Site

from home import navigation, wards
from home.routing import ancestors_from_route

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return navigation.site_root(site) if site else None


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    root = site_root(context)
    current_path = getattr(context.get("page"), "path", "")
    request = context.get("request")
    items = []
    for item in navigation.menu_items(root) if root else []:
        # aria-current: "page" on the page itself, "true" on the section a deeper page belongs to.
        if current_path == item.path:
            current = "page"
        elif current_path.startswith(item.path):
            current = "true"
        else:
            current = ""
        items.append({"page": item, "current": current})
    return {
        "root": root,
        "root_current": bool(root) and current_path == root.path,
        "items": items,
        "search_current": bool(request) and request.path == reverse("search"),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def current_ward(context):
    """The WardHomePage whose subtree holds the current page, if any."""
    page = context.get("page")
    path = getattr(page, "path", None)
    return wards.ward_for_path(path) if path else None


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The page's ancestors below the tree root: as routing read them, else from the tree."""
    ancestors = ancestors_from_route(context.get("request"), page)
    if ancestors and ancestors[0].depth == 2:
        return ancestors
    return list(page.get_ancestors())[1:]


@register.filter
def tel_href(number):
    """Phone number as a tel: URI (digits and a leading +)."""
    raw = str(number or "").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    return f"tel:{'+' if raw.startswith('+') else ''}{digits}"
