"""The header's menu and the current ward, read from the cache.

Both are on every public page. Read from the tree they cost a query each (the menu's children
query walks the home page's descendants: 7–12 ms at 20,000 articles on PostgreSQL), so they are
kept in the cache, cleared whenever a page is published, unpublished, moved, saved or deleted,
and at most five minutes old in any case (a cache shared between processes is cleared the same
way; a process-local cache only lags by that timeout for changes made elsewhere).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

TIMEOUT = 300
VERSION_KEY = "home:navigation:version"
PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "live")


def _key(name):
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return f"home:navigation:{version}:{name}"


def clear(**kwargs):
    """Drop every cached navigation entry (signal receiver, also called by bulk operations)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet: nothing cached under a version
        cache.add(VERSION_KEY, 1, None)


def _clear_for_page(sender, instance=None, **kwargs):
    # Page subclasses send the signals under their own class, so filter by instance.
    if isinstance(instance, Page):
        clear()


def _cached(name, build):
    key = _key(name)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def site_root(site):
    """The site's root page, with only the fields the menu needs."""
    return _cached(
        f"root:{site.root_page_id}", lambda: Page.objects.only(*PAGE_FIELDS).get(pk=site.root_page_id)
    )


def menu_items(root):
    """Live, public children of `root` shown in menus, in tree order."""
    return _cached(
        f"menu:{root.pk}",
        lambda: list(root.get_children().live().public().in_menu().only(*PAGE_FIELDS)),
    )


def ward_for_path(path):
    """The WardHomePage whose subtree holds the page at `path`, or None."""
    from home.models import WardHomePage

    wards = _cached(
        "wards",
        lambda: list(WardHomePage.objects.only(*PAGE_FIELDS, "unit_kind", "unit_name").order_by("-depth")),
    )
    return next((ward for ward in wards if path.startswith(ward.path)), None)


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear, dispatch_uid=f"home.navigation.clear.{id(signal)}")
    post_save.connect(_clear_for_page, dispatch_uid="home.navigation.clear.save")
    post_delete.connect(_clear_for_page, dispatch_uid="home.navigation.clear.delete")
