"""Admin for CCHC communications: topics, audio files and one-stop results (with spreadsheet import)."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.snippets import IndexView, SnippetViewSet
from news.models import AudioClip, OneStopResult, Topic
from news.models.onestop import unit_label


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Chủ đề tin"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]


class AudioClipViewSet(SnippetViewSet):
    model = AudioClip
    icon = "media"
    menu_label = "Tệp âm thanh"
    list_display = [
        "title",
        Column("format_label", label="Định dạng"),
        Column("duration_seconds", label="Thời lượng (giây)"),
        "created_at",
    ]
    search_fields = ["title"]


class OneStopResultFilterSet(WagtailFilterSet):
    class Meta:
        model = OneStopResult
        fields = ["year", "month"]


class OneStopResultIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    "Nhập từ bảng tính",
                    url=reverse(OneStopResult.snippet_viewset.get_url_name("import")),
                    icon_name="upload",
                )
            )
        return buttons


class OneStopResultViewSet(SnippetViewSet):
    model = OneStopResult
    icon = "table"
    menu_label = "Kết quả giải quyết TTHC"
    index_view_class = OneStopResultIndexView
    filterset_class = OneStopResultFilterSet
    list_display = [
        Column("unit", label="Đơn vị", accessor=lambda r: unit_label(r.unit)),
        Column("period_label", label="Tháng"),
        "received",
        "on_time",
        "late",
        "pending",
        "online",
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return OneStopResult.objects.select_related("unit")

    def get_urlpatterns(self):
        from news.views import OneStopImportView

        return super().get_urlpatterns() + [
            path("import/", OneStopImportView.as_view(), name="import"),
        ]


class CommunicationsGroup(SnippetViewSetGroup):
    menu_label = "Truyền thông CCHC"
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (TopicViewSet, AudioClipViewSet, OneStopResultViewSet)


register_snippet(CommunicationsGroup)
