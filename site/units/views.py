"""Admin views: the home-affairs report (table, chart, XLSX) and each ward's site checklist."""


from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core import params as request_params
from core.collation import vietnamese_order
from home.models import HomePage, WardHomePage
from units import reports
from units.checklist import ward_checklist
from units.models import PlanTask
from units.roles import can_view_reports, wards_for_user


def _date(value):
    day = request_params.to_date(value)
    if value and day is None:
        raise reports.PeriodError("Ngày phải theo dạng năm-tháng-ngày, ví dụ 2026-03-31.")
    return day


def _int(value, default):
    if value in (None, ""):
        return default
    number = request_params.to_int(value, low=1, high=9999)
    if number is None:
        raise reports.PeriodError("Năm và số thứ tự kỳ phải là số.")
    return number


def plan_progress(year):
    """Each plan task with what was actually published in the year, and whether it is behind."""
    tasks = list(PlanTask.objects.filter(year=year).select_related("unit"))
    if not tasks:
        return []
    period = reports.make_period("year", year)
    report = reports.build_report(period)
    home = HomePage.objects.first()
    by_unit = {row["unit"].pk: row["values"] for row in report["rows"]}
    today = timezone.localdate()
    elapsed = 1.0 if today.year > year else (0.0 if today.year < year else today.timetuple().tm_yday / 365)
    result = []
    for task in tasks:
        values = by_unit.get(task.unit_id or home.pk, {})
        if task.product == PlanTask.Product.PROCEDURES:
            parts = [values.get(k) for k in reports.PROCEDURE_KINDS]
            done = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
        else:
            key = {
                "articles": "articles",
                "radio": "radio",
                "documents": "directives",
                "feedback": "feedback_on_time",
            }[task.product]
            done = values.get(key)
        percent = None if done is None or not task.target else min(100, round(100 * done / task.target))
        behind = done is not None and done < task.target * elapsed
        result.append(
            {
                "task": task,
                "unit": task.unit.title if task.unit else "Cấp thành phố",
                "done": done,
                "percent": percent,
                "behind": behind,
            }
        )
    return result


def report_view(request):
    if not can_view_reports(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    params = request.GET
    kind = params.get("ky", "quarter")
    error = None
    try:
        period = reports.make_period(
            kind,
            _int(params.get("nam"), today.year),
            _int(params.get("so"), (today.month - 1) // 3 + 1 if kind == "quarter" else 1),
            _date(params.get("tu")),
            _date(params.get("den")),
        )
    except reports.PeriodError as exc:
        error = str(exc)
        period = reports.make_period("quarter", today.year, (today.month - 1) // 3 + 1)
    unit_param = params.get("don_vi", "")
    unit = None
    if unit_param == "thanh-pho":
        unit = HomePage.objects.first()
    elif request_params.to_id(unit_param):
        unit = WardHomePage.objects.filter(pk=request_params.to_id(unit_param)).first()
    report = reports.build_report(period, unit)
    if params.get("dinh_dang") == "xlsx" and not error:
        response = HttpResponse(
            reports.to_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="bao-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"'
        )
        return response
    header, body = reports.as_table(report)
    return render(
        request,
        "units/report.html",
        {
            "report": report,
            "header": header,
            "body": body,
            "error": error,
            "kinds": reports.PERIOD_KINDS,
            "params": params,
            "kind": kind,
            "wards": WardHomePage.objects.order_by("unit_kind", vietnamese_order("title")),
            "chart_articles": reports.bar_chart_svg(report, "articles"),
            "chart_feedback": reports.bar_chart_svg(report, "feedback_received"),
            "plan": plan_progress(period.end.year),
            "query": params.urlencode(),
        },
    )


def checklist_view(request):
    wards = list(wards_for_user(request.user).order_by("unit_kind", vietnamese_order("title")))
    if not wards:
        raise PermissionDenied
    items = [(ward, ward_checklist(ward)) for ward in wards]
    return render(request, "units/checklist.html", {"items": items})
