"""URL map: admin, domain apps' own routes, then Wagtail's page tree."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("quan-tri/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap_xml, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("suc-khoe/", home_views.health, name="health"),
    path("suc-khoe/song/", home_views.liveness, name="liveness"),
    # Each app owns distinct path prefixes ahead of the page tree (see each app's urls.py).
    path("", include("accounts.urls")),
    path("", include("units.urls")),
    path("", include("search.urls")),
    path("", include("procedures.urls")),
    path("", include("news.urls")),
    path("", include("hotline.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/") and not settings.DEBUG:
    from django.urls import re_path

    from core import media

    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", media.serve, name="media"))
elif settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
