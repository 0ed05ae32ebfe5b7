"""Site-wide views outside the page tree: robots.txt, health check and error pages."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap

from core import params


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
    """The sitemap lists every page: the costliest public answer (half a second at 600 procedures) and
    the same for everyone, so it comes from the site cache, renewed on any publish (home.navigation).
    Any other query string (a new rendering per variant) is sent to the canonical address."""
    from home import navigation

    number = params.integer(request.GET, "p", low=2)
    canonical = f"p={number}" if number else ""
    if request.META.get("QUERY_STRING", "") != canonical:
        return redirect(request.path + ("?" + canonical if canonical else ""), permanent=True)

    def render_sitemap():
        response = sitemap(request)
        response.render()
        return response.status_code, dict(response.items()), response.content

    status, headers, body = navigation.cached(f"sitemap:{request.get_host()}:{number or 1}", render_sitemap)
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    response["Cache-Control"] = "public, max-age=300"
    return response


@never_cache
def health(request):
    """Liveness for load balancers: the database must answer; search may be degraded."""
    from search import engine

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # report, never raise: this endpoint exists to say what is broken
        database = "error"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "search": engine.status_label()}, status=status)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
