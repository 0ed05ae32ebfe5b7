"""Synonym groups editors maintain in the admin (SearchSynonym), read from the site cache.

Groups sharing a phrase are merged (sổ đỏ ↔ giấy chứng nhận… and sổ hồng ↔ sổ đỏ make one group), so
expansion does not depend on how editors split their entries.

Every search needs the groups; reading them was one query per search. They are kept, merged, in the
cache of site-wide data (core.cache.cached): cleared when a group is saved or deleted (and again
after the commit), shared by all processes with Redis, a few seconds old at most in a per-process cache.
"""

from core import cache as site_cache
from search.vietnamese import fold


def merge_groups(groups):
    """Union of groups that share a phrase (compared folded), order of first appearance kept."""
    merged = []  # list of (keys set, phrases list)
    for group in groups:
        keys = {fold(p) for p in group}
        phrases = list(group)
        for other in [m for m in merged if m[0] & keys]:
            merged.remove(other)
            keys |= other[0]
            phrases = other[1] + [p for p in phrases if fold(p) not in {fold(q) for q in other[1]}]
        merged.append((keys, phrases))
    return [phrases for _, phrases in merged]


def changed(**kwargs):
    """Groups were written without signals (bulk writes): drop the cached ones."""
    site_cache.clear()


def load_groups():
    """Active groups, merged."""
    from search.models import SearchSynonym, parse_phrases

    def build():
        rows = SearchSynonym.objects.filter(is_active=True).order_by("pk").values_list("phrases", flat=True)
        return merge_groups([phrases for text in rows if len(phrases := parse_phrases(text)) >= 2])

    return [list(group) for group in site_cache.cached("search-synonyms", build)]
