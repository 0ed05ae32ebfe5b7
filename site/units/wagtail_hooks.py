from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core.snippets import SnippetViewSet
from units import views
from units.models import PlanTask
from units.roles import can_view_reports, wards_for_user


@hooks.register("register_admin_urls")
def register_units_urls():
    return [
        path("bao-cao/", views.report_view, name="units_report"),
        path("trang-don-vi/", views.checklist_view, name="units_checklist"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


class ChecklistMenuItem(MenuItem):
    def is_shown(self, request):
        return wards_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return ReportMenuItem("Báo cáo đơn vị", reverse("units_report"), icon_name="table", order=900)


@hooks.register("register_admin_menu_item")
def checklist_menu_item():
    return ChecklistMenuItem(
        "Kiểm tra trang đơn vị", reverse("units_checklist"), icon_name="tasks", order=910
    )


class PlanTaskViewSet(SnippetViewSet):
    model = PlanTask
    icon = "date"
    menu_label = "Kế hoạch tuyên truyền"
    list_display = ["year", "title", "unit", "product", "target"]
    list_filter = ["year", "product"]


register_snippet(PlanTaskViewSet)
