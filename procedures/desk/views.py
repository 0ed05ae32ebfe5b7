"""Public views of the desk tools: a procedure's legal lineage and its printable notice-board sheet."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from core import params
from procedures.desk.lineage import lineage
from procedures.desk.models import Desk
from procedures.desk.sheets import sheet_context
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
    """A whole board is a print job of hundreds of A4 sheets for the desk's staff: it moved behind the
    admin sign-in (procedure_desk_admin:print); old links lead there. Citizens print one sheet."""
    target = reverse("procedure_desk_admin:print", args=[desk_pk])
    wanted = params.id_list(request.GET, "thu-tuc")
    if wanted:
        target += "?" + urlencode({"thu-tuc": ",".join(map(str, wanted))})
    return redirect(target)
