"""What the HTTP cache may keep of the site-wide views, and what to purge when site data changes."""

from wagtail.contrib.redirects.models import Redirect

from core import cache, frontcache, httpcache
from home.models import SiteSettings

httpcache.declare_views(httpcache.PUBLIC, "sitemap", "robots_txt")
httpcache.declare_views(httpcache.MEDIA, "media")

# A purged page is rendered again at once: the menus and settings it reads must already be fresh in
# every process (the site cache is cleared on commit too, but maybe after the purge).
frontcache.before_purge(cache.clear)


@frontcache.model_rule(SiteSettings)
def settings_paths(settings):
    """Site settings (address, hotlines, links) are in every page's header and footer."""
    yield frontcache.EVERYTHING


@frontcache.model_rule(Redirect)
def redirect_paths(redirect):
    old = redirect.old_path.rstrip("/")
    yield old or "/"
    yield old + "/"
