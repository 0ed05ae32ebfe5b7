"""Site-wide views outside the page tree: robots.txt, liveness and readiness checks, error pages."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap

from core import params
from home.health import readiness


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_xml(request):
    """The sitemap lists every page: a costly public answer and the same for everyone, so it comes from
    the site cache, renewed on any publish (core.cache).
    Any other query string (a new rendering per variant) is sent to the canonical address."""
    from core.cache import cached

    number = params.integer(request.GET, "p", low=2)
    canonical = f"p={number}" if number else ""
    if request.META.get("QUERY_STRING", "") != canonical:
        return redirect(request.path + ("?" + canonical if canonical else ""), permanent=True)

    def render_sitemap():
        response = sitemap(request)
        response.render()
        return response.status_code, dict(response.items()), response.content

    status, headers, body = cached(f"sitemap:{request.get_host()}:{number or 1}", render_sitemap)
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    return response  # Cache-Control from the HTTP cache policy (home/frontcache.py declares it public)


@never_cache
@require_GET
def health(request):
    """Readiness (load balancers, monitoring): database, cache, search index, task queues, as JSON.
    503 only when this server cannot serve (database or cache down); see docs/operations.md."""
    status, body = readiness()
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def liveness(request):
    """Liveness: the process answers. Touches nothing else, so a restart is never caused by a database."""
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
