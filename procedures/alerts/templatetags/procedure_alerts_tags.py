"""{% useful_control page %}: the "was this page useful?" control for a procedure page."""

from django import template
from django.middleware.csrf import get_token

register = template.Library()


@register.inclusion_tag("procedure_alerts/useful_control.html", takes_context=True)
def useful_control(context, page):
    request = context.get("request")
    return {
        "page": page,
        "csrf_token": get_token(request) if request else "",
        "thanked": bool(request and request.GET.get("danh-gia") == "cam-on"),
    }
