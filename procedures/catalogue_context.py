"""What the catalogue page shows: filtered, counted, sorted and paginated procedures and their facets."""

from urllib.parse import urlencode

from django.urls import reverse

from procedures.filters import P_PAGE, P_SORT, P_STATUS, P_WARD, SORTS, STATUS_IN_FORCE, CatalogueQuery
from procedures.ward_desk import desk_for, ward_from_request


def catalogue_context(index_page, request):
    """Filtered, counted, sorted and paginated procedures for the catalogue page."""
    query = CatalogueQuery(index_page, request.GET, per_page=index_page.per_page)
    facets = query.facets()
    page_obj, total = query.results(request.GET.get(P_PAGE))
    ward = ward_from_request(request)
    base = index_page.get_url(request) or index_page.url_path
    suffix = f"?{urlencode({P_WARD: ward.slug})}" if ward else ""
    for item in page_obj.object_list:
        item.list_url = f"{base}{item.slug}/{suffix}"

    active = []
    for facet in facets:
        option = facet.selected_value
        if option is None or (facet.param == P_STATUS and option.value == STATUS_IN_FORCE):
            continue
        active.append(
            {"label": facet.label, "value": option.label, "remove_url": query.state(**{facet.param: None})}
        )

    pages = []
    if page_obj.paginator.num_pages > 1:
        for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
            url = query.state(**{P_PAGE: number}) if isinstance(number, int) else None
            pages.append({"number": number, "url": url, "current": number == page_obj.number})
    return {
        "facets": facets,
        "procedures": page_obj.object_list,
        "page_obj": page_obj,
        "total": total,
        "pages": pages,
        "prev_url": query.state(**{P_PAGE: page_obj.previous_page_number()})
        if page_obj.has_previous()
        else None,
        "next_url": query.state(**{P_PAGE: page_obj.next_page_number()}) if page_obj.has_next() else None,
        "sorts": [{"value": k, "label": v, "selected": k == query.sort} for k, v in SORTS.items()],
        "sort_param": P_SORT,
        "active_filters": active,
        "clear_url": "?" + (urlencode({P_WARD: ward.slug}) if ward else ""),
        "showing_all_statuses": query.status != STATUS_IN_FORCE,
        "filter_notes": query.notes,
        "ward": ward,
        "desk": desk_for(request, ward) if ward else None,
        "recent_url": "/thu-tuc/moi-cap-nhat/",
        "downloads": _downloads(query),
    }


DOWNLOAD_FORMATS = (("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON"))


def _downloads(query):
    """The open-data files of the list shown (same filters and status; every page, any order)."""
    state = query.state(**{P_STATUS: query.status, P_SORT: None, P_WARD: None})
    return [
        {"label": label, "url": reverse("procedures_data:download", args=[fmt]) + state}
        for fmt, label in DOWNLOAD_FORMATS
    ]
