"""Admin: editors maintain the search's words, synonyms and everyday vocabulary, as snippets (effective on
the next search)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.snippets import SnippetViewSet
from search.models import EverydayTerm, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Từ đồng nghĩa tìm kiếm"
    list_display = ["__str__", "note", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["phrases", "note"]


class EverydayTermViewSet(SnippetViewSet):
    model = EverydayTerm
    icon = "comment"
    menu_label = "Cách nói đời thường"
    list_display = ["__str__", "kind", "origin", "is_active", "updated_at"]
    list_filter = ["kind", "origin", "is_active"]
    search_fields = ["phrases", "means", "note"]


class SearchWordsGroup(SnippetViewSetGroup):
    menu_label = "Từ ngữ tìm kiếm"
    menu_icon = "search"
    menu_order = 900
    items = (SearchSynonymViewSet, EverydayTermViewSet)


register_snippet(SearchWordsGroup)
