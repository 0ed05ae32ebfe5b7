"""Template helpers other apps use: the right hotline for a page, feedback links for a procedure."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def hotline_for(context, page=None):
    """The HotlinePage of the page's ward, else of the city (the current site's root)."""
    from hotline.handlers import hotline_page_for

    page = page or context.get("page")
    if page is None:
        from wagtail.models import Site

        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        page = site.root_page if site else None
    return hotline_page_for(page)


@register.inclusion_tag("hotline/components/feedback_links.html", takes_context=True)
def feedback_links(context, page=None):
    """{% feedback_links page %} on a procedure page: hotline number and "send feedback about this"."""
    from home.models import WardHomePage

    page = page or context.get("page")
    query = {}
    code = getattr(page, "code", "")
    if code:
        query["thu-tuc"] = code
    ward = WardHomePage.objects.ancestor_of(page).first() if page is not None else None
    if ward:
        query["don-vi"] = ward.slug
    url = reverse("hotline:feedback_form") + (f"?{urlencode(query)}" if query else "")
    return {"hotline": hotline_for(context, page), "form_url": url, "request": context.get("request")}


@register.filter
def unit_label(ward):
    """The handling unit in a sentence: "UBND phường Sao Đỏ", or "UBND thành phố" without a ward."""
    if not ward:
        return "UBND thành phố"
    return f"UBND {ward.get_unit_kind_display().lower()} {ward.unit_name}"
