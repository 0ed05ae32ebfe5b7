"""One-click anonymous forms on cached pages: checked by the browser's Origin, not a per-visitor token.

A page kept in the shared cache cannot carry one visitor's CSRF token. Its small forms (the "was this
useful?" buttons) therefore post without one, to views wrapped in `same_origin_post`: the browser's
Origin header (or, from an old browser, the Referer) must be this site or one of
CSRF_TRUSTED_ORIGINS, which a page on another site cannot forge. Such a view records nothing personal,
is rate-limited per client address, and must do nothing an attacker could gain from.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

REFUSED = "Yêu cầu không đến từ trang của cổng thông tin nên không được ghi nhận. Vui lòng mở lại trang và thử lại."


def _origin_of(url):
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_origin(request):
    claimed = request.META.get("HTTP_ORIGIN")
    if not claimed or claimed == "null":
        claimed = _origin_of(request.META.get("HTTP_REFERER", "")) or ""
    claimed = claimed.lower()
    if not claimed:
        return False
    own = f"{request.scheme}://{request.get_host()}".lower()
    trusted = {origin.lower().rstrip("/") for origin in settings.CSRF_TRUSTED_ORIGINS}
    return claimed == own or claimed in trusted


def same_origin_post(view):
    """Exempt `view` from the CSRF token and refuse a POST whose Origin is not this site."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return HttpResponseForbidden(REFUSED, content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
