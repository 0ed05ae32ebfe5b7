"""Refuses, as a plain 404, a path no page or route can have: control characters (a NUL makes
PostgreSQL refuse every lookup of it, the redirect table's included) or an overlong segment."""

from django.http import Http404

from core.params import safe_segment

MAX_PATH = 2000


class HostilePathMiddleware:
    """Before the page tree and the redirects read the path; after the site is known (the 404 page
    shows the site's menu)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if len(path) > MAX_PATH or any(safe_segment(part, max_length=255) is None for part in path.split("/")):
            raise Http404("Không có trang này.")
        return self.get_response(request)
