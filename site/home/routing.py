"""Routing a URL to a deep page in two queries instead of two per level.

Wagtail's `Page.route` walks the tree one level at a time: for /phuong-x/tin-tuc/bai-viet/ it reads
each child and then its specific row (six queries, each a wide join). Site roots use this mixin: all
pages whose url_path is a prefix of the request are read in one narrow query, and the last one's
specific row in a second. The shortcut only applies when every page on the way routes the standard
way; otherwise (and for any URL that is not a page, such as a missing slug) Wagtail's own routing
runs, so 404s, custom routes and all checks stay Wagtail's.
"""

from wagtail.models import Page


class DirectRouteMixin:
    def route(self, request, path_components):
        if len(path_components) < 2:  # one level costs the same either way
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).only(
                "id", "url_path", "content_type_id", "path", "depth"
            )
        }
        chain = [found.get(prefix) for prefix in prefixes]
        if None in chain or any(not _routes_plainly(page) for page in chain[:-1]):
            return super().route(request, path_components)
        return chain[-1].specific.route(request, [])


def _routes_plainly(page):
    cls = page.specific_class
    return cls is not None and cls.route in (Page.route, DirectRouteMixin.route)
