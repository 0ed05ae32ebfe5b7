"""Admin view: upload a spreadsheet of one-stop results; every row is checked and nothing is saved on error."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from news import onestop_import
from news.models import OneStopResult

MAX_SPREADSHEET_SIZE = 5 * 1024 * 1024


class OneStopImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp bảng tính",
        help_text=(
            f"Tệp .xlsx hoặc .csv (UTF-8), tối đa {filesizeformat(MAX_SPREADSHEET_SIZE)}. Các cột: "
            + ", ".join(onestop_import.TEMPLATE_HEADER)
            + ". Đơn vị đã có số liệu trong tháng sẽ được cập nhật."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label="Chỉ kiểm tra, chưa lưu", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SPREADSHEET_SIZE:
            raise forms.ValidationError(
                f"Tệp quá lớn ({filesizeformat(upload.size)}). Dung lượng tối đa là "
                f"{filesizeformat(MAX_SPREADSHEET_SIZE)}."
            )
        return upload


class OneStopImportView(WagtailAdminTemplateMixin, FormView):
    form_class = OneStopImportForm
    template_name = "news/admin/onestop_import.html"
    page_title = "Nhập kết quả giải quyết TTHC từ bảng tính"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_perm("news.add_onestopresult") and user.has_perm("news.change_onestopresult")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("mau") == "xlsx":
            response = HttpResponse(
                onestop_import.template_workbook(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="mau-ket-qua-giai-quyet-tthc.xlsx"'
            return response
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        viewset = OneStopResult.snippet_viewset
        return self.breadcrumbs_items + [
            {"url": reverse(viewset.get_url_name("list")), "label": "Kết quả giải quyết TTHC"},
            {"url": "", "label": "Nhập từ bảng tính"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs_items"] = self.get_breadcrumbs_items()
        context["template_url"] = self.request.path + "?mau=xlsx"
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        report = onestop_import.import_results(upload, upload.name, dry_run=dry_run)
        if report.errors:
            form.add_error(None, "Chưa lưu dòng nào: hãy sửa các lỗi dưới đây rồi tải lại cả tệp.")
            return self.render_to_response(self.get_context_data(form=form, report=report))
        if dry_run:
            messages.success(self.request, f"Tệp hợp lệ: {len(report.rows)} dòng. Chưa lưu (chế độ kiểm tra).")
            return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))
        messages.success(
            self.request,
            f"Đã nhập {len(report.rows)} dòng: thêm mới {report.created}, cập nhật {report.updated}.",
        )
        return redirect(OneStopResult.snippet_viewset.get_url_name("list"))
