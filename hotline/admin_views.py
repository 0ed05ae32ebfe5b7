"""The handling queue in the Wagtail admin: scoped to the user's wards, with clocks, filters and audit log."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from core.collation import vietnamese_order
from core.workdays import add_working_days
from hotline import signals
from hotline.forms import FeedbackAdminForm
from hotline.models import FeedbackAttachment, FeedbackSettings, FeedbackSubmission, FeedbackTopic
from hotline.permissions import can_handle, scope_queryset

Status = FeedbackSubmission.Status


def feedback_policy():
    return policy_registry.get_by_type(FeedbackSubmission)


# Clocks shown in the queue ---------------------------------------------------------------------


def deadline_label(submission, today=None):
    if not submission.is_open:
        if submission.answered_on_time is False:
            return "Trả lời trễ hạn"
        return ""
    left = submission.days_left(today)
    if left is None:
        return ""
    if submission.is_overdue(today):
        return f"Quá hạn {-left} ngày làm việc" if left < 0 else "Quá hạn"
    if left == 0:
        return "Hết hạn hôm nay"
    return f"Còn {left} ngày làm việc"


def forward_label(submission, today=None):
    left = submission.forward_days_left(today)
    if left is None:
        return ""
    if left < 0 or (left == 0 and submission.forward_due_date < (today or timezone.localdate())):
        return "Quá hạn chuyển, phân loại"
    if submission.forward_at_risk(today):
        return f"Sắp hết hạn chuyển: còn {left} ngày làm việc" if left else "Hết hạn chuyển hôm nay"
    return ""


class DeadlineColumn(StatusTagColumn):
    def get_value(self, instance):
        return deadline_label(instance)

    def get_primary(self, instance):
        return instance.is_overdue()


class ForwardColumn(StatusTagColumn):
    def get_value(self, instance):
        return forward_label(instance)

    def get_primary(self, instance):
        return True


# Filters ---------------------------------------------------------------------------------------

CLOCK_CHOICES = [
    ("overdue", "Quá hạn xử lý"),
    ("due_soon", "Sắp đến hạn xử lý"),
    ("forward_risk", "Sắp hết hoặc quá hạn chuyển, phân loại"),
    ("open", "Đang chờ xử lý"),
]


def _procedures_with_feedback():
    from procedures.models import ProcedurePage

    return ProcedurePage.objects.filter(feedback_submissions__isnull=False).distinct().order_by(vietnamese_order("title"))


def _wards():
    from home.models import WardHomePage

    return WardHomePage.objects.order_by("unit_kind", vietnamese_order("title"))


class FeedbackFilterSet(WagtailFilterSet):
    clock = django_filters.ChoiceFilter(label="Thời hạn", choices=CLOCK_CHOICES, method="filter_clock")
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=Status.choices)
    classification = django_filters.ChoiceFilter(
        label="Phân loại", choices=FeedbackSubmission.Classification.choices
    )
    topic = django_filters.ModelChoiceFilter(label="Lĩnh vực", queryset=FeedbackTopic.objects.all())
    ward = django_filters.ModelChoiceFilter(label="Phường, xã", queryset=lambda request: _wards())
    procedure = django_filters.ModelChoiceFilter(
        label="Thủ tục liên quan", queryset=lambda request: _procedures_with_feedback()
    )
    created_at = django_filters.DateFromToRangeFilter(label="Ngày tiếp nhận", widget=DateRangePickerWidget)

    class Meta:
        model = FeedbackSubmission
        fields = []

    def filter_clock(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(today)
        if value == "due_soon":
            warn = FeedbackSettings.load().warning_working_days
            return queryset.open().filter(due_date__gte=today, due_date__lte=add_working_days(today, warn))
        if value == "forward_risk":
            return queryset.forward_at_risk(today)
        if value == "open":
            return queryset.open()
        return queryset


# Panels ----------------------------------------------------------------------------------------


class SubmissionSummaryPanel(Panel):
    """What the citizen sent, read-only (escaped by the template), with links to the private files."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "hotline/admin/submission_summary.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["submission"] = self.instance
            context["attachments"] = list(self.instance.attachments.all()) if self.instance.pk else []
            context["deadline"] = deadline_label(self.instance) if self.instance.pk else ""
            context["forward"] = forward_label(self.instance) if self.instance.pk else ""
            return context


EDIT_HANDLER = ObjectList(
    [
        SubmissionSummaryPanel(heading="Nội dung người dân gửi"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("classification"),
                FieldPanel("ward"),
                FieldPanel("assigned_unit"),
                FieldPanel("procedure"),
                FieldPanel("out_of_scope"),
                FieldPanel("forwarded_to"),
                FieldPanel("reject_reason"),
                FieldPanel("internal_note"),
            ],
            heading="Phân loại và xử lý",
        ),
        MultiFieldPanel([FieldPanel("answer_text"), FieldPanel("answering_unit")], heading="Trả lời"),
        MultiFieldPanel(
            [FieldPanel("public_title"), FieldPanel("public_question")],
            heading="Công khai trên cổng (không có thông tin cá nhân)",
        ),
    ],
    base_form_class=FeedbackAdminForm,
)


# Views -----------------------------------------------------------------------------------------


class ScopedObjectMixin:
    def check_scope(self, obj):
        if not can_handle(self.request.user, obj):
            raise PermissionDenied
        return obj


class FeedbackIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("topic", "ward")
        return scope_queryset(queryset, self.request.user)


class FeedbackEditView(ScopedObjectMixin, generic.EditView):
    def get_object(self, queryset=None):
        return self.check_scope(super().get_object(queryset))

    def save_instance(self):
        instance = self.form.instance
        before = FeedbackSubmission.objects.get(pk=instance.pk)
        instance.stamp_status_change(before.status)
        instance = super().save_instance()
        user = self.request.user
        if before.status != instance.status:
            log(instance, "hotline.status", user=user, data={
                "from": before.status, "to": instance.status,
                "from_label": Status(before.status).label, "to_label": Status(instance.status).label,
            })
            if instance.status == Status.PUBLISHED:
                transaction.on_commit(lambda: signals.feedback_published.send(FeedbackSubmission, instance=instance))
            elif before.status == Status.PUBLISHED:
                transaction.on_commit(
                    lambda: signals.feedback_unpublished.send(FeedbackSubmission, instance=instance)
                )
        elif instance.status == Status.PUBLISHED:
            transaction.on_commit(lambda: signals.feedback_published.send(FeedbackSubmission, instance=instance))
        if before.ward_id != instance.ward_id or before.assigned_unit != instance.assigned_unit:
            target = ", ".join(x for x in [instance.ward.title if instance.ward else "", instance.assigned_unit] if x)
            log(instance, "hotline.assign", user=user, data={"to": target or "UBND thành phố"})
        return instance


class FeedbackInspectView(ScopedObjectMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return self.check_scope(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attachments"] = list(self.object.attachments.all())
        return context


class FeedbackHistoryView(ScopedObjectMixin, history.HistoryView):
    def get_object(self):
        return self.check_scope(super().get_object())


class FeedbackDeleteView(ScopedObjectMixin, generic.DeleteView):
    def get_object(self, queryset=None):
        return self.check_scope(super().get_object(queryset))

    def delete_action(self):
        signals.feedback_unpublished.send(FeedbackSubmission, instance=self.object)
        return super().delete_action()


class FeedbackViewSet(ModelViewSet):
    model = FeedbackSubmission
    icon = "mail"
    menu_label = "Phản ánh, kiến nghị"
    menu_order = 260
    add_to_admin_menu = True
    name = "phan-anh"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    inspect_view_class = FeedbackInspectView
    history_view_class = FeedbackHistoryView
    delete_view_class = FeedbackDeleteView
    filterset_class = FeedbackFilterSet
    search_fields = ["tracking_code", "name", "phone", "content", "public_title"]
    list_per_page = 30
    list_display = [
        "tracking_code",
        Column("created_at", label="Tiếp nhận", sort_key="created_at",
               accessor=lambda s: timezone.localtime(s.created_at).strftime("%d/%m/%Y %H:%M")),
        "topic",
        Column("ward", label="Đơn vị", accessor=lambda s: s.ward.title if s.ward else "UBND thành phố"),
        "status",
        "classification",
        Column("due_date", label="Hạn xử lý", sort_key="due_date",
               accessor=lambda s: s.due_date.strftime("%d/%m/%Y") if s.due_date else ""),
        DeadlineColumn("deadline", label="Cảnh báo hạn"),
        ForwardColumn("forward", label="Hạn chuyển (5 ngày)"),
    ]
    # Reporting export for the home-affairs office: no name, phone, email, address or content.
    list_export = [
        "tracking_code", "created_at", "channel", "topic", "classification", "status", "ward",
        "assigned_unit", "due_date", "answered_at", "answered_on_time", "published_at", "procedure",
    ]
    export_headings = {
        "tracking_code": "Mã tra cứu", "created_at": "Thời điểm tiếp nhận", "channel": "Kênh",
        "topic": "Lĩnh vực", "classification": "Phân loại", "status": "Trạng thái", "ward": "Phường, xã",
        "assigned_unit": "Đơn vị được giao", "due_date": "Hạn xử lý", "answered_at": "Thời điểm trả lời",
        "answered_on_time": "Đúng hạn", "published_at": "Thời điểm công khai", "procedure": "Thủ tục liên quan",
    }
    export_filename = "phan-anh-kien-nghi"
    inspect_view_fields = [
        "tracking_code", "created_at", "channel", "name", "phone", "email", "address", "topic", "procedure",
        "ward", "content", "consent_at", "status", "classification", "assigned_unit", "due_date",
        "forward_due_date", "out_of_scope", "forwarded_to", "reject_reason", "answer_text", "answering_unit",
        "answered_at", "public_title", "public_question", "published_at", "internal_note",
    ]
    edit_handler = EDIT_HANDLER


def attachment_download(request, pk):
    """Serve a private attachment to staff who may handle its submission; every download is logged."""
    attachment = get_object_or_404(FeedbackAttachment.objects.select_related("submission"), pk=pk)
    policy = feedback_policy()
    if not policy.user_has_any_permission_for_instance(request.user, ["change", "view"], attachment.submission):
        raise PermissionDenied
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(attachment.content_type)
    if extension is None:
        raise PermissionDenied
    stem = attachment.original_name.rsplit(".", 1)[0] or "tep-dinh-kem"
    log(attachment.submission, "hotline.download", user=request.user, data={"file": attachment.original_name})
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=stem + extension,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
