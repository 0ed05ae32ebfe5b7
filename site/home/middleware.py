"""The request's Wagtail site from the cache (see home.navigation.site_for_host)."""

from django.http.request import split_domain_port

from home import navigation


class CachedSiteMiddleware:
    """Sets `request._wagtail_site`, which `Site.find_for_request` returns when present.

    Same choice as Wagtail's (its own lookup builds the cached value), without its query per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # _get_raw_host, as Wagtail does: the site is chosen before ALLOWED_HOSTS is checked.
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = navigation.site_for_host(hostname, request.get_port())
        return self.get_response(request)
