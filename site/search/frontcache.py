"""The search pages may be cached a few minutes (results follow the index, not one page's purge)."""

from core import frontcache, httpcache
from search.models import SearchSynonym

httpcache.declare_views(httpcache.SHORT, "search", "search_api", "search_autocomplete")


@frontcache.model_rule(SearchSynonym)
def synonym_paths(synonym):
    yield "/tim-kiem/*"
