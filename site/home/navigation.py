"""What every public page reads about the site, kept in the cache.

The site for the request's host, its root page, the header's menu, the wards, the site settings,
where view restrictions are and the sections routing passes through (plus, registered by the
catalogue, the names of procedure fields, levels, agencies and online kinds): read from the database
they cost a query each on every page (the menu's children query walks the home page's descendants:
7–12 ms at 20,000 articles on PostgreSQL). They are kept in the cache, all cleared whenever a page
is published, unpublished, moved, saved or deleted, or a site, its settings or a view restriction
is saved or deleted. A cache shared between processes (Redis, REDIS_URL) is cleared for all of them
and keeps entries at most five minutes; a process-local cache cannot hear about changes made in
another process, so there entries live only LOCAL_TIMEOUT seconds (a new view restriction, for
instance, reaches every process within that time).
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move

TIMEOUT = 300
LOCAL_TIMEOUT = 5
VERSION_KEY = "home:navigation:version"
PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "live")


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # Not 1: after the cache itself is emptied the numbering must not meet values kept in _LOCAL.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet: nothing cached under a version
        cache.add(VERSION_KEY, time.time_ns(), None)


def clear(**kwargs):
    """Drop every cached navigation entry (signal receiver, also called by bulk operations).

    Again when the transaction commits: a request in another process may have cached the old rows
    between the change and the commit.
    """
    _bump()
    transaction.on_commit(_bump)


def _clear_for_instance(sender, instance=None, **kwargs):
    # Page subclasses send the signals under their own class, so filter by instance.
    from home.models import SiteSettings

    if isinstance(instance, (Page, Site, SiteSettings, PageViewRestriction)):
        clear()


def _process_local():
    return isinstance(caches["default"], LocMemCache)


def _local_timeout():
    # The test settings lengthen it: a test process is the only one using its database.
    return getattr(settings, "NAVIGATION_LOCAL_CACHE_SECONDS", LOCAL_TIMEOUT)


# With a process-local cache the values themselves stay in this dict, {name: (version, expiry, value)}:
# the local-memory backend would pickle them on every read (about a millisecond a page). Only the
# version number is read from the cache, so clear() reaches them as before. Callers must not change
# what they are given (it is shared by the requests of this process).
_LOCAL = {}


def cached(name, build):
    version = _version()
    if _process_local():
        kept = _LOCAL.get(name)
        now = time.monotonic()
        if kept is not None and kept[0] == version and kept[1] > now:
            return kept[2]
        value = build()
        _LOCAL[name] = (version, now + _local_timeout(), value)
        return value
    key = f"home:navigation:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def site_root(site):
    """The site's root page, with only the fields the menu needs."""
    return cached(
        f"root:{site.root_page_id}", lambda: Page.objects.only(*PAGE_FIELDS).get(pk=site.root_page_id)
    )


def menu_items(root):
    """Live, public children of `root` shown in menus, in tree order."""
    return cached(
        f"menu:{root.pk}",
        lambda: list(root.get_children().live().public().in_menu().only(*PAGE_FIELDS)),
    )


def ward_for_path(path):
    """The WardHomePage whose subtree holds the page at `path`, or None."""
    from home.models import WardHomePage

    wards = cached(
        "wards",
        lambda: list(WardHomePage.objects.only(*PAGE_FIELDS, "unit_kind", "unit_name").order_by("-depth")),
    )
    return next((ward for ward in wards if path.startswith(ward.path)), None)


def live_wards():
    """Live ward and commune home pages in the order lists show them (unit kind, then name)."""
    from home.models import WardHomePage

    return cached(
        "live-wards",
        lambda: list(
            WardHomePage.objects.live()
            .order_by("unit_kind", "unit_name")
            .only(*PAGE_FIELDS, "slug", "unit_kind", "unit_name")
        ),
    )


BRANCH_FIELDS = ("id", "title", "url_path", "content_type_id", "path", "depth")
MAX_BRANCHES = 5000


def branches(root):
    """The pages below `root` that have children (sections, indexes, wards; not the articles and
    procedures under them) as {url_path: narrow Page}, or None on a tree with too many of them.

    Routing finds the pages on the way to a deep page here and reads only the page itself.
    """
    fields = _branch_fields()

    def build():
        rows = (
            Page.objects.filter(path__startswith=root.path, depth__gt=root.depth, numchild__gt=0)
            .order_by()
            .values_list(*fields)[: MAX_BRANCHES + 1]
        )
        # Plain tuples: unpickling them on every request costs far less than model instances.
        found = {row[fields.index("url_path")]: row for row in rows}
        return False if len(found) > MAX_BRANCHES else found  # False, not None: cacheable

    found = cached(f"branches:{root.pk}", build)
    if found is False:
        return None
    return _BranchPages(found, fields)


@functools.cache
def _branch_fields():
    # In the model's field order, as Model.from_db expects a subset of the fields.
    return [f.attname for f in Page._meta.concrete_fields if f.attname in BRANCH_FIELDS]


class _BranchPages:
    """Looks up one url_path at a time, making a Page (its other fields deferred) only when asked."""

    def __init__(self, rows, fields):
        self.rows, self.fields = rows, fields

    def get(self, url_path):
        row = self.rows.get(url_path)
        return None if row is None else Page.from_db("default", self.fields, row)


_NO_SITE = "none"


def site_for_host(hostname, port):
    """Wagtail's own choice of site for hostname:port, with its root page already specific.

    The root page's own fields are deferred (they load on first use): routing below the root only
    needs its path, so a deep page is served without reading the root's row.
    """

    def build():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return _NO_SITE
        site.root_page = site.root_page.get_specific(deferred=True)
        return site

    site = cached(f"site:{hostname}:{port}", build)
    return None if site == _NO_SITE else site


def _restrictions():
    def build():
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        return {"restricted": tuple(sorted(set(restricted))), "aliases": tuple(sorted(set(aliases)))}

    return cached("restrictions", build)


def restriction_paths():
    """Tree paths of the pages that carry a view restriction, and of every alias page.

    A page below none of them has no restriction to check (Wagtail's check costs two queries per
    page view); aliases are listed because their restrictions are their source page's.
    """
    found = _restrictions()
    return found["restricted"] + found["aliases"]


def any_restriction():
    """Whether any page carries a view restriction (if none, every live page is public)."""
    return bool(_restrictions()["restricted"])


def clear_when_changed(*models):
    """Clear the site cache whenever a row of `models` is saved or deleted (for an app whose own
    data is cached here, e.g. the catalogue's reference names)."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(clear, sender=model, dispatch_uid=f"home.navigation.clear.{model._meta.label}.{id(signal)}")


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear, dispatch_uid=f"home.navigation.clear.{id(signal)}")
    post_save.connect(_clear_for_instance, dispatch_uid="home.navigation.clear.save")
    post_delete.connect(_clear_for_instance, dispatch_uid="home.navigation.clear.delete")
