"""Public views of the desk tools: a procedure's legal lineage and its printable notice-board sheets."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core import params
from procedures.desk.lineage import lineage
from procedures.desk.models import Desk
from procedures.desk.sheets import sheet_context, site_settings_for
from procedures.models import ProcedurePage


def _live_procedure(pk):
    page = ProcedurePage.objects.live().public().filter(pk=pk).first()
    if page is None:
        raise Http404("Không có thủ tục này trên cổng.")
    return page


def procedure_lineage(request, pk):
    page = _live_procedure(pk)
    return render(
        request,
        "procedure_desk/lineage.html",
        {"procedure": page, "entries": lineage(page), "replaced": list(page.replaced_procedures().live())},
    )


def notice_sheet(request, pk):
    page = _live_procedure(pk)
    desk = None
    desk_pk = params.object_id(request.GET, "bo-phan")
    if desk_pk:
        desk = Desk.objects.filter(pk=desk_pk).select_related("ward").first()
    return render(request, "procedure_desk/notice_sheet.html", {"sheets": [sheet_context(page, request, desk)]})


def desk_sheets(request, desk_pk):
    """Every sheet of a desk's board, one A4 page each; `?thu-tuc=1,2` prints only those procedures."""
    desk = get_object_or_404(Desk.objects.select_related("ward"), pk=desk_pk)
    pages = desk.procedures().public()
    wanted = params.id_list(request.GET, "thu-tuc")
    if wanted:
        pages = pages.filter(pk__in=wanted)
    settings_obj = site_settings_for(request)
    sheets = [sheet_context(page, request, desk, settings_obj) for page in pages]
    return render(request, "procedure_desk/notice_sheet.html", {"sheets": sheets, "desk": desk})
