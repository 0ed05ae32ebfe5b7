"""Admin registration: the feedback queue, its reference snippets, log actions, file downloads."""

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from core.snippets import SnippetViewSet
from hotline.admin_views import FeedbackViewSet, attachment_download, feedback_policy
from hotline.models import FeedbackSubmission, FeedbackTopic
from hotline.permissions import scope_queryset


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet()


class FeedbackTopicViewSet(SnippetViewSet):
    model = FeedbackTopic
    icon = "tag"
    menu_label = "Lĩnh vực phản ánh"
    list_display = ["name", "slug", "sort_order", "is_active"]


register_snippet(FeedbackTopicViewSet)


@hooks.register("register_admin_urls")
def register_attachment_urls():
    return [path("phan-anh-tep/<id:pk>/", attachment_download, name="hotline_attachment")]


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action("hotline.submit", "Tiếp nhận phản ánh", "Tiếp nhận phản ánh, kiến nghị")

    @actions.register_action("hotline.status")
    class StatusFormatter(LogFormatter):
        label = "Đổi trạng thái phản ánh"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"Đổi trạng thái: {data.get('from_label', '?')} → {data.get('to_label', '?')}"

    @actions.register_action("hotline.assign")
    class AssignFormatter(LogFormatter):
        label = "Giao xử lý phản ánh"

        def format_message(self, log_entry):
            return f"Giao xử lý: {(log_entry.data or {}).get('to', '')}"

    @actions.register_action("hotline.download")
    class DownloadFormatter(LogFormatter):
        label = "Tải tệp đính kèm phản ánh"

        def format_message(self, log_entry):
            return f"Tải tệp đính kèm «{(log_entry.data or {}).get('file', '')}»"


@hooks.register("register_page_header_buttons")
def procedure_feedback_button(page, user, view_name, next_url=None):
    """On a procedure page in the admin: its petitions, so catalogue editors see them per procedure."""
    from procedures.models import ProcedurePage

    if not isinstance(page.specific_deferred, ProcedurePage):
        return []
    policy = feedback_policy()
    if not policy.user_has_any_permission(user, ["change", "view"]):
        return []
    count = scope_queryset(FeedbackSubmission.objects.filter(procedure_id=page.pk), user).count()
    url = reverse("phan-anh:index") + f"?procedure={page.pk}"
    return [MenuItem(f"Phản ánh, kiến nghị về thủ tục ({count})", url, icon_name="mail", priority=80)]


class FeedbackQueuePanel(Component):
    name = "hotline_queue"
    order = 150

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        queryset = scope_queryset(FeedbackSubmission.objects.all(), self.request.user)
        open_count = queryset.open().count()
        overdue = queryset.overdue().count()
        at_risk = queryset.forward_at_risk().count()
        index = reverse("phan-anh:index")
        return format_html(
            '<section class="panel summary nice-padding"><h2>Phản ánh, kiến nghị</h2><ul>'
            '<li><a href="{}?clock=open">Đang chờ xử lý: {}</a></li>'
            '<li><a href="{}?clock=overdue">Quá hạn xử lý: {}</a></li>'
            '<li><a href="{}?clock=forward_risk">Sắp hết hoặc quá hạn chuyển, phân loại: {}</a></li>'
            "</ul></section>",
            index, open_count, index, overdue, index, at_risk,
        )


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    policy = feedback_policy()
    if policy.user_has_any_permission(request.user, ["change", "view"]):
        panels.append(FeedbackQueuePanel(request))
