"""{% useful_control page %}: the "was this page useful?" control for a procedure page."""

from django import template

register = template.Library()


@register.inclusion_tag("procedure_alerts/useful_control.html", takes_context=True)
def useful_control(context, page):
    # No CSRF token: the page is cached for every visitor; the vote checks the Origin (core/origin.py).
    request = context.get("request")
    return {"page": page, "thanked": bool(request and request.GET.get("danh-gia") == "cam-on")}
