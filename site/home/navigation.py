"""What every public page reads about the site tree, kept in the site cache (core.cache).

The site for the request's host, its root page, the header's menu and the sections routing passes
through: read from the database they cost a query each on every page (the menu's children query walks
the home page's descendants). The cache clears them whenever a page, a site or a restriction changes.
"""

import functools

from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from core.cache import cached

PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "live")


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


def section_pages(parent, exclude=()):
    """Live, public children of `parent` in tree order, except those of the page types in `exclude`
    (the ward sub-sites): a home page's directory of its sections, in the main menu or not."""
    return cached(
        f"sections:{parent.pk}",
        lambda: list(parent.get_children().live().public().not_type(*exclude).only(*PAGE_FIELDS)),
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
