"""View restrictions checked only where some exist.

Wagtail checks a page's view restrictions on every view with two queries (the ancestors, then their
restrictions). Almost no public page is restricted, so pages skip the check when neither they nor
an ancestor carry a restriction or are an alias (restriction_paths(), kept in the site cache and
cleared on every change); anywhere else Wagtail's own check runs unchanged.
"""

from wagtail.models import Page, PageViewRestriction

from core.cache import cached


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


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        path = self.path
        if any(path.startswith(restricted) for restricted in restriction_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def public(queryset):
    """`queryset.public()` without its query for the list of restrictions when there is none."""
    return queryset.public() if any_restriction() else queryset
