"""Purge of the HTTP cache (Varnish) when content changes: apps' rules name the paths that show it.

Every page purges its own paths and those of its ancestors up to the site root (the listings and the
home page that show it), and the sitemap; a page at the top of a site (a site root or a page of its
menu) purges everything. Apps add rules in `<app>/frontcache.py` (`page_rule`, `model_rule`), imported
at start-up for every app, as search documents are. Paths changed in one transaction are sent
together once it commits, through Wagtail's frontend-cache backends (settings.WAGTAILFRONTENDCACHE).
The VCL gives a path two forms: "/thu-tuc/" drops that path with every query string (a catalogue and
all its filtered pages), "/rss/*" drops every path under /rss/; EVERYTHING drops the whole cache.
"""

import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.module_loading import autodiscover_modules
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

EVERYTHING = "/*"

_page_rules = []  # (model classes, rule(page) -> paths)
_before_purge = []
_receivers = []  # strong references to the receivers model_rule connects
_state = threading.local()


# --- what apps declare ------------------------------------------------------------------------


def page_rule(*models):
    """Decorator: `rule(page)` yields more paths to purge when a page of `models` changes."""

    def register(rule):
        _page_rules.append((models or (Page,), rule))
        return rule

    return register


def model_rule(*models, signals=()):
    """Decorator: `rule(instance)` yields the paths showing an instance of `models`, purged after its
    save or delete (and after `signals`, sent with `instance=`)."""

    def register(rule):
        def receiver(sender, instance=None, **kwargs):
            if instance is not None and enabled():
                purge(rule(instance))

        _receivers.append(receiver)
        uid = f"{rule.__module__}.{rule.__qualname__}"
        for model in models:
            post_save.connect(receiver, sender=model, dispatch_uid=f"frontcache.save.{uid}")
            # Before the delete: the rule may look up what still refers to the instance.
            pre_delete.connect(receiver, sender=model, dispatch_uid=f"frontcache.delete.{uid}")
        for signal in signals:
            signal.connect(receiver, dispatch_uid=f"frontcache.signal.{uid}.{id(signal)}")
        return rule

    return register


def before_purge(hook):
    """`hook()` runs just before a batch is sent (e.g. to drop site data cached by other processes)."""
    _before_purge.append(hook)
    return hook


# --- paths of pages -----------------------------------------------------------------------------


def site_paths(url_path):
    """The site-relative paths of a tree path ("/trang-chu/thu-tuc/" → ["/thu-tuc/"]), one per site."""
    found = []
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            found.append("/" + url_path[len(root.root_path):])
    return found


def _tree_ancestors(url_path):
    """Tree paths of the page's ancestors, nearest first, read from its own url_path (no query)."""
    parts = [p for p in url_path.split("/") if p]
    return ["/" + "/".join(parts[:n]) + "/" for n in range(len(parts) - 1, 0, -1)]


def page_paths(page, url_path=None):
    """What to purge when `page` changes: see the module docstring."""
    url_path = url_path or page.url_path
    own = site_paths(url_path)
    if not own:
        return set()  # not under any site: not reachable, nothing cached
    if any(path.count("/") <= 2 for path in own):
        return {EVERYTHING}  # a site root or a page of its menu: shown on every page
    specific = page.specific_deferred
    extra = [p.lstrip("/") for p in specific.get_cached_paths()]
    paths = {path + suffix for path in own for suffix in extra}
    for ancestor in _tree_ancestors(url_path):
        paths.update(site_paths(ancestor))
    paths.add("/sitemap.xml")
    for models, rule in _page_rules:
        if isinstance(specific, models):
            paths.update(rule(specific))
    return paths


def subtree(url_path):
    """Every path at or below a tree path (its subtree's pages and their query strings)."""
    return {path + "*" for path in site_paths(url_path)}


# --- collecting and sending ------------------------------------------------------------------------


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _pending():
    """Paths waiting for the current outermost transaction; those of one rolled back are dropped."""
    connection = transaction.get_connection()
    key = id(connection.atomic_blocks[0]) if connection.in_atomic_block else None
    if getattr(_state, "key", None) != key or not hasattr(_state, "paths"):
        _state.key, _state.paths = key, set()
    return _state.paths


def purge(paths):
    """Purge `paths` once the current transaction commits (at once outside a transaction)."""
    if not enabled():
        return
    paths = {p for p in paths if p}
    if not paths:
        return
    _pending().update(paths)
    # One callback per call; the first to run sends everything pending, the others find nothing.
    transaction.on_commit(flush)


def _compact(paths):
    limit = settings.FRONTEND_CACHE_MAX_PATHS
    if EVERYTHING in paths or len(paths) > limit:
        return [EVERYTHING]
    prefixes = [p[:-1] for p in paths if p.endswith("*")]
    return sorted(p for p in paths if p.endswith("*") or not any(p.startswith(x) for x in prefixes))


def flush():
    paths = getattr(_state, "paths", None)
    if not paths:
        return
    batch = _compact(paths)
    paths.clear()
    for hook in _before_purge:
        hook()
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    logger.info("Purging %d path(s) from the HTTP cache", len(batch))
    # Wagtail's own task, run here: after the commit, before the editor's next request.
    purge_urls_from_cache_task.call([base + path for path in batch])


# --- the Varnish backend ------------------------------------------------------------------------


class VarnishBackend(BaseBackend):
    """Sends PURGE requests to one Varnish node, a batch on one connection, with a time limit so a
    stuck node never holds up an editor's publish (Wagtail's HTTPBackend waits without one).

    WAGTAILFRONTENDCACHE = {"varnish-1": {"BACKEND": "core.frontcache.VarnishBackend",
                                          "LOCATION": "http://127.0.0.1:6081"}}
    """

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.host = location.hostname
        self.port = location.port or 80
        self.timeout = params.get("TIMEOUT", 2.0)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            for url in urls:
                parts = urlsplit(url)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                connection.request("PURGE", path, headers={"Host": parts.netloc or "localhost"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    logger.error("Varnish refused to purge %s: %s %s", path, response.status, response.reason)
        except OSError as exc:
            logger.error("Could not purge the HTTP cache at %s:%s: %s", self.host, self.port, exc)
        finally:
            connection.close()


# --- Wagtail's events --------------------------------------------------------------------------------


def _on_page_changed(sender, instance, **kwargs):
    if not enabled():  # no cache to purge (development, tests): no lookups either
        return
    purge(page_paths(instance))


def _on_page_deleted(sender, instance, **kwargs):
    if not enabled():
        return
    purge(page_paths(instance) | subtree(instance.url_path))


def _on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if not enabled():
        return
    paths = subtree(url_path_before) | subtree(url_path_after)
    for url_path in (url_path_before, url_path_after):
        paths |= page_paths(instance, url_path)
    purge(paths)


def _on_slug_changed(sender, instance, instance_before=None, **kwargs):
    if not enabled():
        return
    if instance_before is not None:
        purge(subtree(instance_before.url_path) | page_paths(instance))


def _on_restriction_changed(sender, instance, **kwargs):
    if not enabled():
        return
    page = Page.objects.filter(pk=instance.page_id).only("url_path").first()
    if page is not None:
        purge(subtree(page.url_path))


def _on_site_changed(sender, instance, **kwargs):
    purge([EVERYTHING])


def connect():
    autodiscover_modules("frontcache")  # each app's rules and cacheable views
    page_published.connect(_on_page_changed, dispatch_uid="frontcache.published")
    page_unpublished.connect(_on_page_changed, dispatch_uid="frontcache.unpublished")
    post_page_move.connect(_on_page_moved, dispatch_uid="frontcache.moved")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="frontcache.slug")
    pre_delete.connect(_on_page_deleted, sender=Page, dispatch_uid="frontcache.deleted")
    for signal in (post_save, post_delete):
        signal.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"frontcache.vr.{id(signal)}")
        signal.connect(_on_site_changed, sender=Site, dispatch_uid=f"frontcache.site.{id(signal)}")
