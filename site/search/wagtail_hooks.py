"""Admin: editors maintain search synonyms as snippets (effective on the next search)."""

from wagtail.snippets.models import register_snippet

from core.snippets import SnippetViewSet
from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Từ đồng nghĩa tìm kiếm"
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["__str__", "note", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["phrases", "note"]


register_snippet(SearchSynonymViewSet)
