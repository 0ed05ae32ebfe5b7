"""Open data of the catalogue: downloads (CSV, XLSX, JSON) and a read-only JSON API, with one set of filters.

Filters take the catalogue page's parameter names, or their English aliases:
linh-vuc / field, cap / level, co-quan / agency (slugs), tinh-trang / status, dvc / online, q (code or
name, with or without diacritics). By default only procedures in force (new, amended) are listed;
`tinh-trang=tat-ca` (status=all) or a given status includes replaced and abolished ones.
"""

import hashlib
import re

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.params import MAX_ID, clean_text, to_int
from procedures.importing import export
from procedures.models import ProcedurePage

Status = ProcedurePage.Status
STATUS_LABELS = dict(Status.choices)

# (Vietnamese name, English alias) → filter key
PARAMS = {
    "field": ("linh-vuc", "field"),
    "level": ("cap", "level"),
    "agency": ("co-quan", "agency"),
    "status": ("tinh-trang", "status"),
    "online": ("dvc", "online"),
    "q": ("q", "q"),
}
STATUS_VALUES = {
    "moi": [Status.NEW], "new": [Status.NEW],
    "sua-doi": [Status.AMENDED], "amended": [Status.AMENDED],
    "thay-the": [Status.REPLACED], "replaced": [Status.REPLACED],
    "bai-bo": [Status.ABOLISHED], "abolished": [Status.ABOLISHED],
    "hieu-luc": list(ProcedurePage.IN_FORCE), "in_force": list(ProcedurePage.IN_FORCE),
    "tat-ca": None, "all": None,
}  # fmt: skip
ONLINE_ANY, ONLINE_NONE = ("co", "yes"), ("khong", "no")
PER_PAGE, MAX_PER_PAGE = 20, 100
EXPORT_CACHE_SECONDS = 3600


class BadFilter(ValueError):
    """A filter value the API refuses; the message is Vietnamese."""


def read_filters(params, *, default_status="hieu-luc"):
    """{key: value} from GET parameters (Vietnamese names win over English aliases)."""
    out = {}
    for key, names in PARAMS.items():
        for name in names:
            value = clean_text(params.get(name, ""), max_length=200)
            if value:
                out[key] = value
                break
    out.setdefault("status", default_status)
    if out["status"] not in STATUS_VALUES:
        raise BadFilter(
            f"Tình trạng «{out['status']}» không hợp lệ; dùng một trong: moi, sua-doi, thay-the, bai-bo, "
            "hieu-luc, tat-ca (hoặc new, amended, replaced, abolished, in_force, all)."
        )
    return out


def filter_procedures(filters, queryset=None):
    qs = ProcedurePage.objects.live() if queryset is None else queryset
    statuses = STATUS_VALUES[filters.get("status", "hieu-luc")]
    if statuses is not None:
        qs = qs.filter(status__in=statuses)
    if filters.get("field"):
        qs = qs.filter(field__slug=filters["field"])
    if filters.get("level"):
        qs = qs.filter(Q(level__slug=filters["level"]) | Q(other_levels__slug=filters["level"])).distinct()
    if filters.get("agency"):
        agency = filters["agency"]
        qs = qs.filter(Q(implementing_agency__slug=agency) | Q(other_agencies__slug=agency)).distinct()
    online = filters.get("online")
    # Online: a link to the online service, or a channel the record publishes as "Trực tuyến".
    if online in ONLINE_ANY:
        qs = qs.filter(~Q(online_service_url="") | Q(has_online_channel=True))
    elif online in ONLINE_NONE:
        qs = qs.filter(online_service_url="", has_online_channel=False)
    elif online:
        qs = qs.filter(online_service_kind__slug=online)
    if filters.get("q"):
        qs = _text_filter(qs, filters["q"])
    return qs


_CODE_LIKE = re.compile(r"^[\d.]+[\w.]*$")


def _text_filter(qs, text):
    """Code prefix, or every word of the name, with or without diacritics (folded in Python: the
    catalogue is a few thousand names, and the database has no Vietnamese folding)."""
    from core.text import fold
    from search.vietnamese import normalize

    text = normalize(text).strip()
    if _CODE_LIKE.match(text):
        return qs.filter(Q(code__istartswith=text) | Q(code_local__istartswith=text))
    words = fold(text).split()
    if not words:
        return qs
    matching = [
        pk for pk, name, code in qs.values_list("pk", "official_name", "code")
        if all(w in f" {fold(name)} {code} " for w in words)
    ]  # fmt: skip
    return qs.filter(pk__in=matching)


def _absolute(request, page):
    url = page.get_url(request=request)
    return request.build_absolute_uri(url) if url else None


def _summary(page, request):
    return {
        "code": page.code,
        "code_local": page.code_local or None,
        "name": page.official_name,
        "field": {"name": page.field.name, "slug": page.field.slug},
        "level": {"name": page.level.name, "slug": page.level.slug},
        "agency": (
            {"name": page.implementing_agency.name, "slug": page.implementing_agency.slug}
            if page.implementing_agency
            else None
        ),
        "status": page.status,
        "status_label": STATUS_LABELS.get(page.status, page.status),
        "status_date": page.status_date.isoformat() if page.status_date else None,
        "deadline": page.deadline or None,
        "fee": page.fee or None,
        "online_service": (
            {
                "url": page.online_service_url or None,
                "kind": page.online_service_kind.name if page.online_service_kind else None,
            }
            if page.online_service_url or page.online_service_kind
            else None
        ),
        "url": _absolute(request, page),
        "api_url": request.build_absolute_uri(f"/api/thu-tuc/{page.code}/"),
    }


def _error(message, status=400):
    response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    return response


def _json(data, *, max_age=300):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False}, safe=False)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"  # open data, read-only
    return response


def _int(params, names, default):
    for name in names:
        value = params.get(name)
        if value:
            number = to_int(value, low=-MAX_ID, high=MAX_ID)
            if number is None:
                raise BadFilter(f"«{name}» phải là một số nguyên.")
            return number
    return default


@require_GET
def procedure_list(request):
    try:
        filters = read_filters(request.GET)
        page_number = _int(request.GET, ("trang", "page"), 1)
        per_page = min(max(_int(request.GET, ("so-muc", "per_page"), PER_PAGE), 1), MAX_PER_PAGE)
    except BadFilter as exc:
        return _error(str(exc))
    qs = (
        filter_procedures(filters)
        .select_related("field", "level", "implementing_agency", "online_service_kind")
        .order_by("code", "pk")
    )
    paginator = Paginator(qs, per_page)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(f"Trang {page_number} không tồn tại (có {paginator.num_pages} trang).", status=404)

    def link(number):
        params = request.GET.copy()
        params.pop("page", None)
        params["trang"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "per_page": per_page,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "filters": filters,
            "results": [_summary(p, request) for p in page.object_list],
        }
    )


@require_GET
def procedure_detail(request, code):
    """Any status: an abolished procedure stays readable by its code."""
    candidates = list(
        export.export_queryset(ProcedurePage.objects.live().filter(Q(code=code) | Q(code_local=code)))
    )
    if not candidates:
        return _error(f"Không có thủ tục mã «{code}».", status=404)
    level = request.GET.get("cap") or request.GET.get("level")
    candidates.sort(key=lambda p: (p.code != code, level and p.level.slug != level, not p.is_in_force))
    page = candidates[0]
    data = export.page_record(page)
    data.update(
        {
            "status_label": STATUS_LABELS.get(page.status, page.status),
            "status_date": page.status_date.isoformat() if page.status_date else None,
            "replaced_by": page.replacement.code if page.replacement else None,
            "replaces": [p.code for p in page.replaced_procedures()],
            "submission_place": page.submission_place or None,
            "online_service_url": page.online_service_url or None,
            "online_service_kind": page.online_service_kind.name if page.online_service_kind else None,
            "url": _absolute(request, page),
        }
    )
    return _json(data)


# --- downloads ----------------------------------------------------------------------------------------


def _catalogue_stamp():
    """Changes whenever a procedure is published, unpublished, added or removed."""
    stats = ProcedurePage.objects.aggregate(
        last=Max("last_published_at"), n=Count("pk"), live=Count("pk", filter=Q(live=True))
    )
    return f"{stats['n']}:{stats['live']}:{stats['last'].isoformat() if stats['last'] else '-'}"


@require_GET
def download(request, fmt):
    if fmt not in export.FORMATS:
        raise Http404
    try:
        # A download is the whole catalogue unless a status is chosen.
        filters = read_filters(request.GET, default_status="tat-ca")
    except BadFilter as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    key_source = f"{fmt}|{sorted(filters.items())}|{_catalogue_stamp()}|{request.get_host()}"
    key = "tthc-export:" + hashlib.sha256(key_source.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        base_url = request.build_absolute_uri("/").rstrip("/")
        body = export.export_bytes(fmt, filter_procedures(filters), base_url=base_url)
        cache.set(key, body, EXPORT_CACHE_SECONDS)
    content_type, ext = export.FORMATS[fmt]
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="thu-tuc-hanh-chinh-{stamp}.{ext}"'
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
