"""Admin registration of the catalogue's reference data, grouped under one menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from procedures.models import Agency, AnnouncingDecision, OnlineServiceKind, ProcedureField, ProcedureLevel


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "folder-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ProcedureLevelViewSet(SnippetViewSet):
    model = ProcedureLevel
    icon = "order"
    list_display = ["name", "sort_order", "is_active"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    list_display = ["name", "short_name"]
    search_fields = ["name"]


class OnlineServiceKindViewSet(SnippetViewSet):
    model = OnlineServiceKind
    icon = "globe"
    list_display = ["name", "is_full_online", "sort_order"]


class AnnouncingDecisionViewSet(SnippetViewSet):
    model = AnnouncingDecision
    icon = "doc-full"
    list_display = ["number", "date", "issuer"]
    list_filter = ["issuer"]
    search_fields = ["number", "summary"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = "Danh mục TTHC"
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        AnnouncingDecisionViewSet,
        ProcedureFieldViewSet,
        ProcedureLevelViewSet,
        AgencyViewSet,
        OnlineServiceKindViewSet,
    )


register_snippet(CatalogueGroup)
