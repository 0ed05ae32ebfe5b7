"""Views of the catalogue outside the page tree: short URLs by procedure code and the recent changes."""

import re
from urllib.parse import urlencode

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core import params
from procedures.checklist import P_CASE
from procedures.filters import P_WARD
from procedures.history import RECENT_PERIODS, Status, group_by_decision, recent_or_latest
from procedures.models import ProcedureIndexPage, ProcedurePage


def _best_match(pages, level_slug=None):
    def rank(p):
        return (
            not (level_slug and p.level.slug == level_slug),
            p.status not in ProcedurePage.IN_FORCE,
            p.level.sort_order,
            p.pk,
        )

    return min(pages, key=rank) if pages else None


@require_GET
def procedure_by_code(request, code):
    """/thu-tuc/<code>/ → the procedure page (302: the page's own address may change, the code stays)."""
    code = (code or "").strip()
    pages = (
        ProcedurePage.objects.live()
        .select_related("level")
        .only("id", "url_path", "path", "depth", "code", "status", "level__slug", "level__sort_order")
    )
    found = list(pages.filter(code__iexact=code))
    national = re.match(r"^\d\.\d{6}", code)
    if not found and national:
        # A province-applied code (…000.00.00.H29) or a bare national code: same base procedure.
        base = national.group(0)
        found = list(pages.filter(Q(code__iexact=base) | Q(code__istartswith=base + ".")))
    if not found and "." not in code:
        # Not a procedure code after all: it may be a page slug below a catalogue at /thu-tuc/.
        from wagtail.views import serve

        return serve(request, request.path.lstrip("/"))
    page = _best_match(found, request.GET.get("cap"))
    if page is None:
        response = render(
            request,
            "procedures/code_not_found.html",
            {"code": code, "catalogue": ProcedureIndexPage.objects.live().first()},
            status=404,
        )
        return response
    target = page.get_url(request)
    keep = {k: v for k, v in request.GET.items() if k in (P_CASE, P_WARD)}
    if keep:
        target += "?" + urlencode(keep)
    return redirect(target)


# Recently changed ----------------------------------------------------------------------------------


def _period(request):
    """(days, whether a value was given that is not one of the periods)."""
    days = params.integer(request.GET, "ngay")
    if days in RECENT_PERIODS:
        return days, False
    return RECENT_PERIODS[0], params.is_given(request.GET, "ngay")


@require_GET
def recent_view(request):
    days, unknown_period = _period(request)
    changes, quiet = recent_or_latest(days)
    totals = {}
    for change in changes:
        totals[change.kind] = totals.get(change.kind, 0) + 1
    return render(
        request,
        "procedures/recent_changes.html",
        {
            "days": days,
            "periods": RECENT_PERIODS,
            "groups": group_by_decision(changes),
            "totals": [(Status(k).label, totals[k]) for k in Status.values if k in totals],
            "total": len(changes),
            "quiet": quiet,
            "first_date": changes[-1].announced if changes else None,
            "last_date": changes[0].announced if changes else None,
            "period_note": f"Khoảng thời gian không hợp lệ; đang hiển thị {days} ngày qua."
            if unknown_period
            else "",
            "catalogue": ProcedureIndexPage.objects.live().first(),
            "today": timezone.localdate(),
        },
    )
