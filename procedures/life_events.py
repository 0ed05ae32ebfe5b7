"""Life events ("Tôi muốn…"): their public pages, the list the catalogue and the home page show, and
the demo's six (sinh con, kết hôn, xây nhà, mua bán đất, mở hộ kinh doanh, khi có người mất)."""

from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core import cache as site_cache
from procedures.models import LifeEvent, LifeEventProcedure, ProcedureIndexPage, ProcedurePage

MORE_RESULTS = 5  # search results shown under the curated list


def active_events():
    """[{title, lead, url}] of the events shown to citizens, from the site cache."""

    def build():
        return [
            {"title": e.title, "lead": e.lead, "url": e.get_url()}
            for e in LifeEvent.objects.filter(is_active=True).order_by("sort_order", "title")
        ]

    return site_cache.cached("procedures-life-events", build)


def section_context(page, request):
    """The home page's "Tôi muốn…" section (home.sections)."""
    events = active_events()
    return {"events": events} if events else None


def _search_more(event, curated):
    from search import service
    from search.results import SearchParams

    params = SearchParams(
        q=event.search_query, filters={"type": ["procedure"]}, per_page=MORE_RESULTS + len(curated)
    )
    try:
        result = service.search(params, facets=False)
    except Exception:  # the curated list stands on its own; never a 500 for the extra results
        return []
    return [hit for hit in result.hits if hit.code not in curated][:MORE_RESULTS]


@require_GET
def index_view(request):
    events = LifeEvent.objects.filter(is_active=True).prefetch_related("items__procedure")
    context = {"events": events, "catalogue": ProcedureIndexPage.objects.live().first()}
    return render(request, "procedures/life_event_index.html", context)


@require_GET
def event_view(request, slug):
    event = get_object_or_404(LifeEvent, slug=slug, is_active=True)
    items = [
        item
        for item in event.items.select_related("procedure").order_by("sort_order")
        if item.procedure.live and item.procedure.status not in (ProcedurePage.Status.ABOLISHED,)
    ]
    curated = {item.procedure.code for item in items}
    context = {
        "event": event,
        "items": items,
        "more": _search_more(event, curated),
        "search_url": "/tim-kiem/?" + urlencode({"q": event.search_query, "type": "procedure"}),
        "catalogue": ProcedurePage.objects.live().first()
        and ProcedurePage.objects.live().first().get_parent(),
    }
    return render(request, "procedures/life_event.html", context)


# (title, slug, lead, search behind it, [(code, when)]) — procedures of the real demo catalogue.
DEMO = [
    ("Sinh con", "sinh-con", "Khi gia đình có thêm em bé: giấy khai sinh, thẻ bảo hiểm y tế, chế độ thai sản.",
     "sinh con", [("1.001193", "Trong 60 ngày kể từ ngày sinh"), ("2.001023", "Trẻ dưới 6 tuổi"),
                  ("2.000986", "Làm cùng lúc khai sinh, thường trú, bảo hiểm y tế"), ("2.000693", "Người lao động có đóng bảo hiểm xã hội")]),
    ("Kết hôn", "ket-hon", "Đăng ký kết hôn và các giấy tờ cần chuẩn bị trước.",
     "kết hôn", [("1.004873", "Người đăng ký kết hôn ở nơi khác nơi cư trú"), ("1.000894", ""),
                 ("2.000806", "Khi một bên là người nước ngoài")]),
    ("Xây nhà", "xay-nha", "Giấy phép trước khi xây mới, sửa chữa, cải tạo nhà ở.",
     "xây nhà giấy phép xây dựng", [("1.013225", "Nhà ở riêng lẻ, công trình cấp III, cấp IV"),
                                    ("1.013229", "Sửa chữa, cải tạo"), ("1.013227", "Giấy phép sắp hết hạn")]),
    ("Mua bán, tặng cho đất", "mua-ban-dat", "Chuyển nhượng, tặng cho, tách thửa và cấp giấy chứng nhận quyền sử dụng đất.",
     "sang tên sổ đỏ", [("1.013831", "Chuyển nhượng, tặng cho, thừa kế"), ("1.012784", "Tách thửa hoặc hợp thửa"),
                        ("1.012783", "Đổi giấy chứng nhận cũ"), ("1.007277", "Lệ phí trước bạ nhà, đất")]),
    ("Mở hộ kinh doanh", "mo-ho-kinh-doanh", "Đăng ký, thay đổi, tạm ngừng hoặc chấm dứt hộ kinh doanh.",
     "mở hộ kinh doanh", [("1.001612", ""), ("2.000720", "Đổi địa chỉ, ngành nghề"),
                          ("1.001570", "Tạm nghỉ bán"), ("1.001266", "Thôi kinh doanh")]),
    ("Khi có người mất", "khi-co-nguoi-mat", "Khai tử, hỗ trợ mai táng, chế độ tử tuất và thừa kế.",
     "người mất khai tử", [("1.000656", "Trong 15 ngày kể từ ngày mất"), ("1.001731", "Đối tượng bảo trợ xã hội"),
                           ("2.000821", "Người đã đóng bảo hiểm xã hội"), ("2.001406", "Chia di sản")]),
]  # fmt: skip


def seed_demo(ctx):
    """The demo's life events, when none exist (an editor's deletions are kept)."""
    if LifeEvent.objects.exists():
        return
    pages = {
        p.code: p
        for p in ProcedurePage.objects.live().filter(code__in=[c for *_, codes in DEMO for c, _ in codes])
    }
    for order, (title, slug, lead, query, codes) in enumerate(DEMO):
        event = LifeEvent.objects.create(
            title=title, slug=slug, lead=lead, search_query=query, sort_order=order
        )
        LifeEventProcedure.objects.bulk_create(
            LifeEventProcedure(event=event, procedure=pages[code], note=note, sort_order=n)
            for n, (code, note) in enumerate(codes)
            if code in pages
        )
    site_cache.clear()
    ctx.log(f"Việc cần làm (Tôi muốn…): {len(DEMO)} mục")
