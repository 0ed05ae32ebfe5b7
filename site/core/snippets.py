"""The project's base for snippet admin (reference lists editors maintain): Wagtail's SnippetViewSet
and its listing, with names sorted in Vietnamese order (core.collation)."""

from wagtail.snippets.views import snippets

from core.collation import VietnameseOrderingMixin


class IndexView(VietnameseOrderingMixin, snippets.IndexView):
    """A snippet listing whose text columns sort in Vietnamese order."""


class SnippetViewSet(snippets.SnippetViewSet):
    """Every snippet viewset of the project derives from this one (tests/test_vietnamese_order.py)."""

    index_view_class = IndexView
