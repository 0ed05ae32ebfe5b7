"""Admin registration of the ground floor's editable data: the holiday calendar."""

from wagtail.snippets.models import register_snippet

from core.models import PublicHoliday
from core.snippets import SnippetViewSet


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = "Ngày nghỉ lễ, làm bù"
    list_display = ["date", "name", "kind", "note"]
    list_filter = ["kind"]
    ordering = ["-date"]


register_snippet(PublicHolidayViewSet)
