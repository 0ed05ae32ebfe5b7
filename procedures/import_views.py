"""Admin upload of an import file: upload → dry-run preview with per-row errors → confirm to apply.

The uploaded file waits between preview and confirm in a private folder (settings.IMPORT_UPLOAD_ROOT,
outside the public media, shared by the app servers) under an unguessable name, at most
PREVIEW_SECONDS; the session remembers which upload belongs to the editor.
"""

import time
import uuid
from pathlib import Path

from django import forms
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from procedures.importing.apply import import_file
from procedures.importing.constants import MAX_UPLOAD_BYTES
from procedures.importing.tasks import schedule_upload_deletion
from procedures.importing.uploads import (
    PREVIEW_SECONDS,
    UPLOAD_DIR,
    purge_stale_uploads,
    upload_storage,
)
from procedures.models import ProcedureIndexPage

REQUIRED_PERMISSIONS = ("procedures.add_procedurepage", "procedures.change_procedurepage")
EXTENSIONS = (".xlsx", ".csv", ".json")
SESSION_KEY = "procedure_imports"
PREVIEW_LIMIT = 500
# Sample appendices editors can download from the import page: name in the URL → file shipped with the code.
SAMPLES_DIR = Path(__file__).resolve().parent / "importing" / "samples"
SAMPLES = {"phu-luc-mau.xlsx": "appendix_sample.xlsx", "phu-luc-mau.csv": "appendix_sample.csv"}
WARNING_LIMIT = 200


def can_import(user):
    """The catalogue permission, and publishing rights on the catalogue: an import publishes at once,
    so an editor whose changes go through approval cannot use it to bypass the workflow."""
    if not (user.is_active and user.has_perms(REQUIRED_PERMISSIONS)):
        return False
    index = ProcedureIndexPage.objects.first()
    return index is None or user.is_superuser or index.permissions_for_user(user).can_publish()


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp nhập",
        help_text=(
            "Phụ lục quyết định công bố (.xlsx hoặc .csv) hoặc bản ghi đầy đủ (.json, cùng dạng dữ liệu mở "
            "của cổng). Tối đa 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    decision = forms.CharField(
        label="Quyết định công bố (nếu cần)",
        required=False,
        max_length=200,
        help_text=(
            "Ví dụ: 1234/QĐ-UBND ngày 15/3/2025. Để trống nếu tiêu đề phụ lục đã ghi số quyết định; với tệp "
            "JSON, dùng cho các bản ghi chưa có quyết định."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        ext = Path(upload.name).suffix.lower()
        if ext == ".xls":
            raise forms.ValidationError(
                "Tệp .xls (Excel 97–2003) chưa được hỗ trợ; hãy lưu lại dưới dạng .xlsx hoặc .csv."
            )
        if ext not in EXTENSIONS:
            raise forms.ValidationError("Chỉ nhận tệp .xlsx, .csv hoặc .json.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Tệp lớn hơn 10 MB; hãy tách thành nhiều tệp nhỏ hơn.")
        return upload


class ImportView(WagtailAdminTemplateMixin, FormView):
    """One URL: GET shows the form, POST with a file previews it, POST with a token applies it."""

    template_name = "procedures/admin/import.html"
    page_title = "Nhập thủ tục hành chính"
    header_icon = "upload"
    form_class = UploadForm

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        purge_stale_uploads()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("token"):
            return self.apply(request.POST["token"])
        return super().post(request, *args, **kwargs)

    # preview ----------------------------------------------------------------------------------------

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        decision = form.cleaned_data["decision"] or None
        data = upload.read()
        token = uuid.uuid4().hex
        purge_stale_uploads()
        stored = upload_storage().save(
            f"{UPLOAD_DIR}/{token}{Path(upload.name).suffix.lower()}", ContentFile(data)
        )
        self._remember(token, stored, upload.name, decision)
        try:
            report = import_file(stored_file(stored), upload.name, dry_run=True, decision=decision)
        except BaseException:
            self._forget(token)
            raise
        if report.errors:
            self._forget(token)
        else:
            schedule_upload_deletion(stored, PREVIEW_SECONDS)
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(), report=report, token=None if report.errors else token
            )
        )

    # apply ------------------------------------------------------------------------------------------

    def apply(self, token):
        pending = self.request.session.get(SESSION_KEY, {}).get(token)
        if pending and time.time() - pending.get("at", 0) > PREVIEW_SECONDS:
            self._forget(token)
            pending = None
        if not pending:
            messages.error(self.request, "Phiên nhập đã hết hạn hoặc đã được áp dụng; hãy tải tệp lên lại.")
            return redirect(self.request.path)
        try:
            report = import_file(
                stored_file(pending["path"]),
                pending["name"],
                dry_run=False,
                decision=pending["decision"],
                user=self.request.user,
            )
        finally:
            self._forget(token)
        if report.applied:
            messages.success(self.request, f"Đã nhập tệp «{pending['name']}». {report.summary_vi()}")
        return self.render_to_response(
            self.get_context_data(form=self.form_class(), report=report, token=None, applied=report.applied)
        )

    # helpers ----------------------------------------------------------------------------------------

    def _remember(self, token, stored, name, decision):
        pending = self.request.session.get(SESSION_KEY, {})
        for old_token in list(pending)[:-4]:  # keep the last few previews only
            self._delete(pending.pop(old_token)["path"])
        pending[token] = {"path": stored, "name": name, "decision": decision, "at": time.time()}
        self.request.session[SESSION_KEY] = pending

    def _forget(self, token):
        pending = self.request.session.get(SESSION_KEY, {})
        entry = pending.pop(token, None)
        self.request.session[SESSION_KEY] = pending
        if entry:
            self._delete(entry["path"])

    @staticmethod
    def _delete(stored):
        storage = upload_storage()
        if storage.exists(stored):
            storage.delete(stored)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report")
        if report is not None:
            changes = report.changes()
            context.update(
                counts=report.counts(),
                changes=changes[:PREVIEW_LIMIT],
                hidden_changes=max(0, len(changes) - PREVIEW_LIMIT),
                warnings=report.warnings[:WARNING_LIMIT],
                hidden_warnings=max(0, len(report.warnings) - WARNING_LIMIT),
            )
        context["catalogue"] = ProcedureIndexPage.objects.first()
        return context


def sample_view(request, name):
    """A sample appendix, downloaded under a Vietnamese name."""
    if not can_import(request.user):
        return permission_denied(request)
    if name not in SAMPLES:
        raise Http404
    return FileResponse((SAMPLES_DIR / SAMPLES[name]).open("rb"), as_attachment=True, filename=name)


class stored_file:
    """A waiting upload, read as (name, bytes) by the importer."""

    def __init__(self, stored):
        self.name = stored

    def read(self, size=-1):
        with upload_storage().open(self.name, "rb") as handle:
            return handle.read(size)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


class ProcedureImportViewSet(ViewSet):
    name = "nhap-thu-tuc"
    icon = "upload"
    menu_label = "Nhập thủ tục"
    menu_order = 5

    def get_urlpatterns(self):
        return [
            path("", ImportView.as_view(), name="index"),
            path("mau/<segment:name>/", sample_view, name="sample"),
        ]

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    @cached_property
    def menu_item_class(self):
        return ImportMenuItem
