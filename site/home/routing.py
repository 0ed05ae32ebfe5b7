"""Routing a URL to a deep page in one or two queries instead of two per level.

Wagtail's `Page.route` walks the tree one level at a time: for /phuong-x/tin-tuc/bai-viet/ it reads
each child and then its specific row (six queries, each a wide join). Site roots use this mixin.
The pages on the way (those with children) are kept in the site cache with the menu; when the last
page's parent admits a single page type, the last page is read as that type directly: one query
(with the relations its class names in `route_select_related`, which its page view needs anyway).
Otherwise all pages whose url_path is a prefix of the request are read in one narrow query, and the
last one's specific row in a second. The shortcut only applies when every page on the way routes
the standard way; otherwise (and for any URL that is not a page, such as a missing slug) Wagtail's
own routing runs, so 404s, custom routes and all checks stay Wagtail's.

The pages on the way are kept on the request, so the breadcrumbs need no query of their own
(home.templatetags.site_tags.breadcrumb_ancestors).
"""

from wagtail.models import Page

ANCESTORS_ATTR = "_route_ancestors"


class DirectRouteMixin:
    def route(self, request, path_components):
        if not path_components and self.get_deferred_fields():
            # The cached site root has its own fields deferred (home.navigation.site_for_host):
            # serving the root itself needs them all, in one query rather than one per field.
            return type(self).objects.get(pk=self.pk).route(request, path_components)
        if len(path_components) < 2:  # one level costs the same either way
            result = super().route(request, path_components)
            if path_components:
                _remember_ancestors(request, result.page, [self])
            return result
        prefixes = [
            self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)
        ]
        found = _route_through_branches(self, request, path_components, prefixes)
        if found is not None:
            return found
        # By slug first: slugs are indexed, url_path is not (a url_path lookup is a sequential scan
        # of the page table on PostgreSQL).
        found = {
            page.url_path: page
            # No tree-path condition: a url_path names one page (it is built from the slugs on the way).
            for page in Page.objects.filter(slug__in=set(path_components), url_path__in=prefixes)
            .order_by()
            .only("id", "title", "url_path", "content_type_id", "path", "depth")
        }
        chain = [found.get(prefix) for prefix in prefixes]
        if None in chain or any(not _routes_plainly(page) for page in chain[:-1]):
            return super().route(request, path_components)
        target = _specific(chain[-1])
        _remember_ancestors(request, target, [self, *chain[:-1]])
        return target.route(request, [])


def _route_through_branches(root, request, path_components, prefixes):
    """One query: the pages on the way come from the cached branch pages (home.navigation.branches),
    and the page itself is read as its class when its parent admits only one page type (a catalogue
    holds procedures, a news index articles). None when that does not apply or finds nothing: the
    caller then routes as before, so a missing page still gets Wagtail's 404."""
    from home import navigation

    known = navigation.branches(root)
    if known is None:
        return None
    chain = [known.get(prefix) for prefix in prefixes[:-1]]
    if None in chain or any(not _routes_plainly(page) for page in chain):
        return None
    parent = chain[-1]
    allowed = parent.specific_class.allowed_subpage_models()
    if len(allowed) != 1:
        return None
    target = (
        _specific_rows(allowed[0])
        .filter(slug=path_components[-1], url_path=prefixes[-1], depth=parent.depth + 1)
        .first()
    )
    if target is None or not target.path.startswith(parent.path):
        return None
    _remember_ancestors(request, target, [root, *chain])
    return target.route(request, [])


def _specific_rows(cls):
    related = getattr(cls, "route_select_related", ())
    return cls.objects.select_related(*related) if related else cls.objects.all()


def _specific(page):
    cls = page.specific_class
    if not getattr(cls, "route_select_related", ()):
        return page.specific
    return _specific_rows(cls).get(pk=page.pk)


def _remember_ancestors(request, page, ancestors):
    if request is not None and page is not None:
        setattr(request, ANCESTORS_ATTR, (page.pk, ancestors))


def ancestors_from_route(request, page):
    """The pages from the site root down to `page`'s parent as routing read them, or None."""
    remembered = getattr(request, ANCESTORS_ATTR, None)
    if remembered and remembered[0] == page.pk:
        ancestors = remembered[1]
        if ancestors and ancestors[-1].depth == page.depth - 1:
            return ancestors
    return None


def _routes_plainly(page):
    cls = page.specific_class
    return cls is not None and cls.route in (Page.route, DirectRouteMixin.route)
