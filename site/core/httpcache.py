"""How long the HTTP cache (Varnish) and browsers may keep each response, decided by the application.

Every response leaves with Cache-Control, and shared-cache lifetimes go in Surrogate-Control, which
the VCL (deploy/varnish/portal.vcl) reads and strips. Wagtail pages are public; other views are
private unless an app declares them (`declare_views`, from its `frontcache.py`). Whatever a view
declared, a response is private when the request is not GET/HEAD, carries a session, sets a cookie,
embeds a CSRF token, or is a server error: one visitor's page never reaches another.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_vary_headers

PUBLIC = "public"  # pages and what lists them: long in the shared cache, purged on change (core.frontcache)
SHORT = "short"  # not purged precisely (search results): a few minutes
MEDIA = "media"  # uploaded images and audio: a day
PRIVATE = "private"

PRIVATE_VALUE = "private, no-store"
CACHEABLE_STATUS = {200, 203, 204, 300, 301, 302, 307, 308, 404, 410}
_NOT_FOUND_SECONDS = 60

_views = {}


def declare_views(policy, *view_names):
    """`declare_views(PUBLIC, "news:feed", "sitemap")`: URL names whose responses may be cached."""
    if policy not in (PUBLIC, SHORT, MEDIA, PRIVATE):
        raise ValueError(f"unknown cache policy {policy!r}")
    for name in view_names:
        _views[name] = policy


def declared(view_name):
    return _views.get(view_name)


def lifetimes(policy):
    """(browser seconds, shared-cache seconds) of a policy."""
    browser = settings.HTTP_CACHE_BROWSER_SECONDS
    if policy == PUBLIC:
        return browser, settings.HTTP_CACHE_SECONDS
    if policy == SHORT:
        return browser, settings.HTTP_CACHE_SHORT_SECONDS
    if policy == MEDIA:
        return settings.HTTP_CACHE_MEDIA_SECONDS, settings.HTTP_CACHE_MEDIA_SECONDS
    raise ValueError(policy)


def _policy_for_view(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return PRIVATE
    if match.url_name == "wagtail_serve":
        return PUBLIC
    return _views.get(match.view_name, PRIVATE)


def _personal(request, response):
    if request.method not in ("GET", "HEAD"):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True  # an editor (or a citizen right after a form): the page may show who they are
    if response.cookies:
        return True
    # A template called get_token(): the page embeds this visitor's CSRF token.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _drop_vary(response, names):
    if not response.has_header("Vary"):
        return
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() not in names]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def apply_policy(request, response, policy):
    if policy == PRIVATE or response.status_code not in CACHEABLE_STATUS:
        response["Cache-Control"] = PRIVATE_VALUE
        return response
    browser, shared = lifetimes(policy)
    if response.status_code in (404, 410):
        browser, shared = min(browser, _NOT_FOUND_SECONDS), min(shared, _NOT_FOUND_SECONDS)
    response["Cache-Control"] = f"public, max-age={browser}"
    response["Surrogate-Control"] = f"max-age={shared}"
    # The page was made for a request without a session and sets no cookie: it is the same whatever
    # cookies come along, and the site has one language.
    _drop_vary(response, {"cookie", "accept-language"})
    return response


class CacheHeadersMiddleware:
    """Sets Cache-Control / Surrogate-Control on every response (see the module docstring).

    Place it before SessionMiddleware and CsrfViewMiddleware, so it sees the cookies they set.
    A view that set Cache-Control itself (never_cache, WhiteNoise) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500:
            response["Cache-Control"] = PRIVATE_VALUE
            return response
        if _personal(request, response):
            response["Cache-Control"] = PRIVATE_VALUE
            response.headers.pop("Surrogate-Control", None)
            patch_vary_headers(response, ("Cookie",))
            return response
        if response.has_header("Cache-Control"):
            return response
        return apply_policy(request, response, _policy_for_view(request))
