"""Admin entries of the desk tools: completeness console, notice boards, desks as snippets."""

from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from core.snippets import SnippetViewSet
from procedures.desk import admin_views
from procedures.desk.models import Desk, stale_sheets


@hooks.register("register_admin_urls")
def register_desk_admin_urls():
    urls = [
        path("", admin_views.CompletenessConsoleView.as_view(), name="console"),
        path("niem-yet/", admin_views.DeskListView.as_view(), name="desks"),
        path("niem-yet/<id:desk_pk>/", admin_views.DeskBoardView.as_view(), name="board"),
        path("niem-yet/<id:desk_pk>/in/", admin_views.DeskPrintView.as_view(), name="print"),
    ]
    return [path("kiem-tra-thu-tuc/", include((urls, "procedure_desk_admin")))]


class DeskMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register("register_admin_menu_item")
def console_menu_item():
    return DeskMenuItem(
        "Kiểm tra thủ tục",
        reverse("procedure_desk_admin:console"),
        icon_name="tasks",
        order=260,
        check=admin_views.can_use_desk_tools,
    )


@hooks.register("register_admin_menu_item")
def boards_menu_item():
    return DeskMenuItem(
        "Niêm yết một cửa",
        reverse("procedure_desk_admin:desks"),
        icon_name="clipboard-list",
        order=261,
        check=lambda user: admin_views.desks_for_user(user).exists(),
    )


class StaleSheetsPanel(Component):
    """On the admin dashboard: posted sheets that no longer match their procedure."""

    name = "stale_notice_sheets"
    order = 90

    def __init__(self, stale):
        self.stale = stale

    def render_html(self, parent_context=None):
        url = reverse("procedure_desk_admin:desks")
        return format_html(
            '<section class="panel summary nice-padding"><h2>Tờ niêm yết cần in lại</h2>'
            '<p>{} tờ niêm yết đang dán tại bộ phận một cửa đã cũ so với thủ tục trên cổng. '
            '<a href="{}">Xem và in lại</a></p></section>',
            len(self.stale),
            url,
        )


@hooks.register("construct_homepage_panels")
def add_stale_sheets_panel(request, panels):
    desks = admin_views.desks_for_user(request.user)
    if not desks.exists():
        return
    stale = stale_sheets(desks)
    if stale:
        panels.append(StaleSheetsPanel(stale))


class DeskViewSet(SnippetViewSet):
    model = Desk
    icon = "home"
    menu_label = "Bộ phận một cửa"
    list_display = ["name", "ward", "address"]
    add_to_admin_menu = False


register_snippet(DeskViewSet)
