"""The project's base for snippet admin (reference lists editors maintain): Wagtail's SnippetViewSet
and its listing, with names sorted in Vietnamese order (core.collation)."""

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail.snippets.views import snippets

from core.collation import VietnameseOrderingMixin


class IndexView(VietnameseOrderingMixin, snippets.IndexView):
    """A snippet listing whose text columns sort in Vietnamese order."""


class SnippetViewSet(snippets.SnippetViewSet):
    """Every snippet viewset of the project derives from this one (tests/test_admin_wording.py)."""

    index_view_class = IndexView

    @property
    def breadcrumbs_items(self):
        # Wagtail's own list is translated once, when the URLs load, before the editor's language is
        # active: "Snippets › Bộ phận một cửa" while the menu says "Mục dữ liệu". Same items, lazily.
        items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
        if getattr(settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False) or not self.get_menu_item_is_registered():
            items.append({"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")})
        return items
