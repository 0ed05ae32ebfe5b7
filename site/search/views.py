"""The search page (/tim-kiem/), its JSON API and the autocomplete endpoint."""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.params import text as text_param
from search import engine, service
from search.results import FACETS, SearchParams, SearchResult

logger = logging.getLogger(__name__)

NOTICE_DEGRADED = (
    "Kết quả tìm kiếm đang bị giới hạn do máy chủ tìm kiếm tạm thời gián đoạn. "
    "Bạn vẫn tìm được thủ tục, nhưng thứ tự kết quả có thể chưa chính xác."
)
# Shown on the empty search page: links, so they work without JavaScript.
POPULAR = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Cấp lại thẻ căn cước",
    "Đăng ký thường trú",
    "Giấy phép xây dựng",
    "Chứng thực bản sao",
    "Đăng ký hộ kinh doanh",
    "Xác nhận tình trạng hôn nhân",
]
NOTICE_FAILED = "Không thể tìm kiếm lúc này. Vui lòng thử lại sau ít phút hoặc gọi đường dây nóng."


def _run(params, facets=True):
    try:
        return service.search(params, facets=facets), None
    except Exception:  # even the fallback failed: say so, never a 500
        logger.exception("Search failed on both the engine and the database")
        return SearchResult(engine="database", params=params, degraded=True), NOTICE_FAILED


def _query_string(params, **changes):
    """Query string for a link: the current search with some parameters changed."""
    data = [("q", params.q)] if params.q else []
    filters = {k: list(v) for k, v in params.filters.items()}
    for key, value in changes.items():
        if key == "page":
            continue
        filters[key] = value
    for param, _, _ in FACETS:
        data += [(param, v) for v in filters.get(param, [])]
    page = changes.get("page")
    if page and page > 1:
        data.append(("page", page))
    return "?" + urlencode(data)


def _toggle_links(result):
    """Links that remove one selected filter (the "active filters" list); the facet form itself
    needs no links."""
    params = result.params
    for facet in result.facets:
        current = params.filters.get(facet.param, [])
        for value in facet.values:
            if value.selected:
                value.url = _query_string(params, **{facet.param: [v for v in current if v != value.value]})


def _pages(result):
    current, last = result.params.page, result.num_pages
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    items, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            items.append({"gap": True})
        items.append(
            {"number": number, "url": _query_string(result.params, page=number), "current": number == current}
        )
        previous = number
    return items


@require_GET
def search_page(request):
    params = SearchParams.from_querydict(request.GET)
    result, failure = _run(params)
    notice = failure
    # Citizens hear only that results are limited (an engine that is configured but not answering);
    # a site run without an engine on purpose is not a fault of theirs to read about.
    if not notice and result.engine == "database" and (result.degraded or engine.is_configured()):
        notice = NOTICE_DEGRADED
    _toggle_links(result)
    show_all_statuses = None
    # Offered when results are few: that is when the abolished procedure may be the one sought.
    if result.hidden_count and result.total < params.per_page:
        statuses = next((f for f in result.facets if f.param == "status"), None)
        if statuses:
            show_all_statuses = _query_string(params, status=[v.value for v in statuses.values])
    context = {
        "params": params,
        "result": result,
        "notice": notice,
        "notice_is_outage": bool(failure) or result.degraded,
        "pages": _pages(result) if result.total > params.per_page else [],
        "previous_url": _query_string(params, page=params.page - 1) if params.page > 1 else None,
        "next_url": _query_string(params, page=params.page + 1) if params.page < result.num_pages else None,
        "show_all_statuses": show_all_statuses,
        "suggestion_url": _query_string(SearchParams(q=result.suggestion, filters=params.filters))
        if result.suggestion
        else None,
        "first_number": params.offset + 1,
        "popular": POPULAR,
        "active_filters": [
            {"label": v.label, "url": v.url, "facet": f.label}
            for f in result.facets
            for v in f.values
            if v.selected
        ],
    }
    status = 503 if failure else 200
    return render(request, "search/search_page.html", context, status=status)


@require_GET
def search_api(request):
    params = SearchParams.from_querydict(request.GET)
    result, failure = _run(params)
    response = JsonResponse(
        result.as_json(), status=503 if failure else 200, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def autocomplete(request):
    text = text_param(request.GET, "q", max_length=100)
    try:
        suggestions, used = service.autocomplete(text)
    except Exception:
        logger.exception("Autocomplete failed")
        suggestions, used = [], "database"
    return JsonResponse(
        {"q": text, "engine": used, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )
