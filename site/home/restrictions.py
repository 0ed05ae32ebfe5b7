"""View restrictions checked only where some exist.

Wagtail checks a page's view restrictions on every view with two queries (the ancestors, then their
restrictions). Almost no public page is restricted, so pages skip the check when neither they nor
an ancestor carry a restriction or are an alias (home.navigation.restriction_paths, cached and
cleared on every change); anywhere else Wagtail's own check runs unchanged.
"""

from wagtail.models import PageViewRestriction

from home import navigation


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        path = self.path
        if any(path.startswith(restricted) for restricted in navigation.restriction_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def public(queryset):
    """`queryset.public()` without its query for the list of restrictions when there is none."""
    return queryset.public() if navigation.any_restriction() else queryset
