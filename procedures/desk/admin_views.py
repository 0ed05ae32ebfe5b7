"""Admin views: the completeness console (with XLSX export) and the notice boards of the desks."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.params import id_list, to_id
from procedures.desk.completeness import (
    COMPONENTS,
    PROBLEMS,
    PUBLISH_WINDOW_WORKING_DAYS,
    decision_rows,
    procedure_rows,
)
from procedures.desk.models import Desk, PrintedSheet
from procedures.desk.sheets import sheet_context, site_settings_for
from procedures.models import AnnouncingDecision, ProcedureField, ProcedureLevel, ProcedurePage
from procedures.permissions import can_use_desk_tools, editable_procedures


def desks_for_user(user):
    """Catalogue editors see every desk; a ward's editors see the desks of the wards they can edit."""
    if not user.is_active:
        return Desk.objects.none()
    if user.is_superuser or editable_procedures(user).exists():
        return Desk.objects.all()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    return Desk.objects.filter(ward__in=editable.values("pk"))


class TitledMixin(WagtailAdminTemplateMixin):
    """The slim admin header shows the last breadcrumb as the page title."""

    parent_crumbs = ()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + list(self.parent_crumbs) + [{"url": "", "label": self.get_page_title()}]


class DeskToolMixin(TitledMixin):
    def dispatch(self, request, *args, **kwargs):
        if not can_use_desk_tools(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


PROCEDURE_SORTS = [
    ("-thieu", "Thiếu nhiều nhất"),
    ("thieu", "Thiếu ít nhất"),
    ("ma", "Mã thủ tục"),
    ("ten", "Tên thủ tục"),
    ("huu-ich", "Tỷ lệ hữu ích thấp nhất"),
    ("-danh-gia", "Nhiều đánh giá nhất"),
]
DECISION_SORTS = [("-ngay", "Mới nhất"), ("ngay", "Cũ nhất"), ("tre", "Chậm công khai trước")]


class CompletenessConsoleView(DeskToolMixin, TemplateView):
    page_title = "Kiểm tra đầy đủ thủ tục"
    header_icon = "tasks"
    template_name = "procedure_desk/admin/console.html"

    def filters(self):
        get = self.request.GET
        return {
            "sort": get.get("sap-xep") if get.get("sap-xep") in dict(PROCEDURE_SORTS) else "-thieu",
            "decision_sort": get.get("sap-xep-qd") if get.get("sap-xep-qd") in dict(DECISION_SORTS) else "-ngay",
            "only_incomplete": get.get("chi-thieu") == "1",
            "field": get.get("linh-vuc", ""),
            "level": get.get("cap", ""),
            "missing": get.get("thieu", ""),
        }

    def rows(self, filters):
        pages = editable_procedures(self.request.user).filter(status__in=ProcedurePage.IN_FORCE)
        if to_id(filters["field"]):
            pages = pages.filter(field_id=to_id(filters["field"]))
        if to_id(filters["level"]):
            pages = pages.filter(level_id=to_id(filters["level"]))
        rows = procedure_rows(pages, filters["sort"], filters["only_incomplete"] or bool(filters["missing"]))
        if filters["missing"]:
            rows = [r for r in rows if filters["missing"] in r.missing or filters["missing"] in r.problem_codes]
        return rows

    def decisions(self, filters):
        decisions = AnnouncingDecision.objects.order_by("-date", "number")[:200]
        rows = decision_rows(decisions)
        if filters["decision_sort"] == "ngay":
            rows.reverse()
        elif filters["decision_sort"] == "tre":
            rows.sort(key=lambda r: (r.ok, -(len(r.late) + len(r.unpublished))))
        return rows

    def get(self, request, *args, **kwargs):
        if request.GET.get("xuat") == "xlsx":
            filters = self.filters()
            return xlsx_response(self.rows(filters), self.decisions(filters))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters()
        rows = self.rows(filters)
        query = self.request.GET.copy()
        query.pop("xuat", None)
        context.update(
            filters=filters,
            rows=rows,
            incomplete=sum(1 for r in rows if r.missing),
            decisions=self.decisions(filters),
            components=COMPONENTS,
            problems=PROBLEMS,
            with_problems=sum(1 for r in rows if r.problems),
            sorts=PROCEDURE_SORTS,
            decision_sorts=DECISION_SORTS,
            fields=ProcedureField.objects.all(),
            levels=ProcedureLevel.objects.all(),
            window=PUBLISH_WINDOW_WORKING_DAYS,
            export_query=(query.urlencode() + "&" if query else "") + "xuat=xlsx",
        )
        return context


def xlsx_response(rows, decisions):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Thủ tục"
    labels = [label for _code, label in COMPONENTS]
    sheet.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Số thành phần thiếu",
                  "Thành phần thiếu", "Dữ liệu cần sửa", "Hữu ích", "Không hữu ích", "Tỷ lệ hữu ích (%)", *labels])
    for row in rows:
        page = row.page
        sheet.append([
            page.code, page.official_name, str(page.field), str(page.level), len(row.missing),
            "; ".join(row.missing_labels), "; ".join(d for _c, d in row.problems), row.useful_yes, row.useful_no,
            row.useful_share,
            *["Thiếu" if code in row.missing else "Có" for code, _label in COMPONENTS],
        ])
    decisions_sheet = book.create_sheet("Quyết định công bố")
    decisions_sheet.append(["Số quyết định", "Ngày ban hành", "Hạn công khai", "Số thủ tục", "Đúng hạn",
                            "Chậm", "Chưa đăng", "Quyết định đăng trên cổng đúng hạn"])
    for row in decisions:
        decisions_sheet.append([
            row.decision.number, row.decision.date, row.deadline, row.procedures, row.on_time, len(row.late),
            len(row.unpublished),
            {True: "Có", False: "Không", None: "Chưa ghi ngày đăng"}[row.decision_posted_on_time],
        ])
    for ws in (sheet, decisions_sheet):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for index, width in enumerate([18, 60, 24, 16, 12, 40], start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="kiem-tra-thu-tuc-{stamp}.xlsx"'
    return response


class DeskBoardMixin(TitledMixin):
    def dispatch(self, request, *args, **kwargs):
        self.desks = desks_for_user(request.user)
        if not self.desks.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeskListView(DeskBoardMixin, TemplateView):
    page_title = "Niêm yết tại bộ phận một cửa"
    header_icon = "clipboard-list"
    template_name = "procedure_desk/admin/desks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        desks = list(self.desks.select_related("ward"))
        for desk in desks:
            posted = list(desk.sheets.posted().select_related("page"))
            desk.posted_count = len(posted)
            desk.stale = [(s, r) for s in posted if (r := s.stale_reason())]
        context["desks"] = desks
        return context


class DeskPrintView(View):
    """Every sheet of a desk's board, one A4 page each; `?thu-tuc=1,2` prints only those procedures."""

    def get(self, request, desk_pk):
        desk = get_object_or_404(desks_for_user(request.user).select_related("ward"), pk=desk_pk)
        pages = desk.procedures().public()
        wanted = id_list(request.GET, "thu-tuc")
        if wanted:
            pages = pages.filter(pk__in=wanted)
        settings_obj = site_settings_for(request)
        sheets = [sheet_context(page, request, desk, settings_obj) for page in pages]
        return render(request, "procedure_desk/notice_sheet.html", {"sheets": sheets, "desk": desk})


class DeskBoardView(DeskBoardMixin, TemplateView):
    """One desk's board: which procedures are posted, which sheets are stale, which are missing."""

    header_icon = "clipboard-list"
    template_name = "procedure_desk/admin/board.html"

    def get_page_title(self):
        return f"Bảng niêm yết: {self.desk.name}"

    @property
    def parent_crumbs(self):
        return [{"url": reverse("procedure_desk_admin:desks"), "label": DeskListView.page_title}]

    def dispatch(self, request, *args, **kwargs):
        self.desk = get_object_or_404(desks_for_user(request.user), pk=kwargs["desk_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = list(self.desk.procedures().select_related("field"))
        posted = {s.page_id: s for s in self.desk.sheets.posted().select_related("page")}
        rows = []
        for page in pages:
            sheet = posted.pop(page.pk, None)
            reason = sheet.stale_reason(page) if sheet else None
            rows.append({"page": page, "sheet": sheet, "stale": reason})
        # Posted sheets of procedures no longer on this board (abolished, unpublished, moved).
        withdrawn = [(s, s.stale_reason() or "Không còn thuộc bảng niêm yết này") for s in posted.values()]
        context.update(
            desk=self.desk,
            rows=rows,
            stale=[r for r in rows if r["stale"]],
            missing=[r for r in rows if not r["sheet"]],
            withdrawn=withdrawn,
            stale_total=len(withdrawn) + sum(1 for r in rows if r["stale"]),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Record the printing of the chosen sheets, then open them for printing."""
        ids = id_list(request.POST, "thu_tuc")
        action = request.POST.get("hanh_dong")
        pages = list(self.desk.procedures())
        if action == "go":
            now = timezone.now()
            done = PrintedSheet.objects.posted().filter(desk=self.desk, page_id__in=ids).update(withdrawn_at=now)
            messages.success(request, f"Đã ghi nhận gỡ {done} tờ niêm yết.")
            return redirect("procedure_desk_admin:board", desk_pk=self.desk.pk)
        if action == "in-cu":
            stale = {s.page_id for s in self.desk.sheets.posted().select_related("page") if s.stale_reason()}
            ids = [p.pk for p in pages if p.pk in stale]
        elif action == "in-tat-ca":
            ids = [p.pk for p in pages]
        chosen = [p for p in pages if p.pk in set(ids)]
        if not chosen:
            messages.error(request, "Chưa chọn thủ tục nào để in.")
            return redirect("procedure_desk_admin:board", desk_pk=self.desk.pk)
        for page in chosen:
            PrintedSheet.record(self.desk, page, request.user)
        messages.success(request, f"Đã ghi nhận in {len(chosen)} tờ niêm yết.")
        url = reverse("procedure_desk_admin:print", args=[self.desk.pk])
        return redirect(f"{url}?thu-tuc={','.join(str(p.pk) for p in chosen)}")
