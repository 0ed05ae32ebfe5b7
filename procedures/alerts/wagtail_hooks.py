"""Admin: the state of the alert mail queue and subscription counts (addresses are shown masked)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from procedures.alerts.models import OutgoingMessage, Subscription
from procedures.permissions import can_use_desk_tools


def mask(email):
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


def can_see_queue(user):
    return can_use_desk_tools(user)


class AlertQueueView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Thông báo thay đổi thủ tục"
    header_icon = "mail"
    template_name = "procedure_alerts/admin/queue.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subs = Subscription.objects.aggregate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            waiting=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        by_target = (
            Subscription.objects.filter(confirmed_at__isnull=False).values("target").annotate(n=Count("pk"))
        )
        labels = dict(Subscription.Target.choices)
        pending = OutgoingMessage.objects.filter(sent_at__isnull=True)
        failing = list(pending.filter(attempts__gt=0).order_by("next_try")[:50])
        for message in failing:
            message.masked_to = mask(message.to)
        context.update(
            subscriptions=subs,
            by_target=[(labels.get(row["target"], row["target"]), row["n"]) for row in by_target],
            pending=pending.count(),
            failing=failing,
            given_up=pending.filter(attempts__gte=OutgoingMessage.MAX_ATTEMPTS).count(),
            sent=OutgoingMessage.objects.filter(sent_at__isnull=False).count(),
        )
        return context


@hooks.register("register_admin_urls")
def register_alert_admin_urls():
    return [path("thong-bao-thu-tuc/", AlertQueueView.as_view(), name="procedure_alerts_queue")]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_queue(request.user)


@hooks.register("register_admin_menu_item")
def queue_menu_item():
    return QueueMenuItem("Thư thông báo", reverse("procedure_alerts_queue"), icon_name="mail", order=262)
