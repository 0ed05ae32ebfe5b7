"""Admin registration of the catalogue's reference data, grouped under one menu."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.snippets import SnippetViewSet
from procedures.import_views import ProcedureImportViewSet
from procedures.importing.constants import LOG_ACTION, TIDY_LOG_ACTION
from procedures.models import (
    Agency,
    AnnouncingDecision,
    LifeEvent,
    OnlineServiceKind,
    ProcedureField,
    ProcedureLevel,
)


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "folder-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ProcedureLevelViewSet(SnippetViewSet):
    model = ProcedureLevel
    icon = "order"
    list_display = ["name", "sort_order", "is_active", "submit_at"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    list_display = ["name", "level", "other_province"]
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


class LifeEventViewSet(SnippetViewSet):
    model = LifeEvent
    icon = "user"
    menu_label = "Việc cần làm (Tôi muốn…)"
    list_display = ["title", "search_query", "sort_order", "is_active"]
    search_fields = ["title", "lead", "search_query"]


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
        LifeEventViewSet,
        ProcedureImportViewSet,
    )


register_snippet(CatalogueGroup)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class ImportLogFormatter(LogFormatter):
        label = "Nhập danh mục"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            decisions = ", ".join(f"Quyết định số {n}" for n in data.get("decisions") or [])
            verb = "Tạo" if data.get("created") else "Cập nhật"
            text = f"{verb} từ tệp nhập «{data.get('file', '')}»"
            return f"{text} theo {decisions}" if decisions else text

    @actions.register_action(TIDY_LOG_ACTION)
    class TidyLogFormatter(LogFormatter):
        label = "Chuẩn hóa danh mục"

        def format_message(self, log_entry):
            changed = ", ".join((log_entry.data or {}).get("changed") or [])
            return f"Chuẩn hóa theo quy tắc nhập hiện hành: {changed}" if changed else "Chuẩn hóa danh mục"
