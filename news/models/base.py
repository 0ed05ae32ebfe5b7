"""Pieces shared by the news page types: social-sharing metadata and listing helpers."""

from django.core.paginator import Paginator
from django.utils.text import Truncator

from core import params

PAGE_PARAM = "trang"


class SocialMetaMixin:
    """What Open Graph / Twitter card tags say about a page (templates/news/includes/social_meta.html)."""

    og_type = "website"

    def social_description(self):
        text = self.search_description or getattr(self, "lead", "") or getattr(self, "summary", "")
        return Truncator(" ".join(str(text).split())).chars(300)

    def social_image(self):
        """(image, alt text) or (None, "")."""
        return None, ""

    def social_published_time(self):
        return None


def ward_pages(model, page):
    """On a page of the city (a child of its home): [(ward, the ward's own live page of `model`)] in the
    wards' order; [] when `page` belongs to a ward. Reform indices and one-stop results use it to link
    each ward's own figures from the city's page."""
    from wagtail.models import Page

    from home.models import HomePage, WardHomePage
    from home.restrictions import public

    parent = page.get_parent()
    if parent.specific_class is not HomePage:
        return []
    fields = ("title", "path", "depth", "unit_kind", "unit_name")
    wards = {w.path: w for w in WardHomePage.objects.child_of(parent).live().only(*fields)}
    pages = public(model.objects.descendant_of(parent).live().filter(depth=page.depth + 1)).only(
        "title", "url_path", "path", "depth"
    )
    found = [(wards[p.path[: -Page.steplen]], p) for p in pages if p.path[: -Page.steplen] in wards]
    return sorted(found, key=lambda pair: (pair[0].unit_kind, pair[0].title))


def _page_number(request, notes):
    if not params.is_given(request.GET, PAGE_PARAM):
        return 1
    number = params.integer(request.GET, PAGE_PARAM, low=1)
    if number is None:
        notes.append("Số trang không hợp lệ; đang hiển thị trang đầu.")
        return 1
    return number


def past_end_note(number, last):
    return f"Không có trang {number}; đang hiển thị trang cuối (trang {last})."


class PageWindow:
    """One page of a listing found without counting the whole listing: a COUNT is linear in the number
    of articles, fetching one row more than a page is not. Quacks like Django's Page for templates."""

    paginator = None

    def __init__(self, object_list, number, has_next):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()


def paginate_window(request, queryset, per_page, notes):
    """Page `?trang=N` of queryset without a total count. A page past the end (a stale link) shows the
    last page, counted then only, and a number that is not a page shows the first; `notes` says so."""
    number = _page_number(request, notes)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        last = max(1, -(-queryset.count() // per_page))
        notes.append(past_end_note(number, last))
        number = last
        rows = list(queryset[(last - 1) * per_page : last * per_page + 1])
    return PageWindow(rows[:per_page], number, len(rows) > per_page)


def paginate(request, queryset, per_page, notes):
    """Page `?trang=N` of queryset; past the end shows the last page and says so in `notes`."""
    paginator = Paginator(queryset, per_page)
    number = _page_number(request, notes)
    if number > paginator.num_pages:
        notes.append(past_end_note(number, paginator.num_pages))
        number = paginator.num_pages
    return paginator.page(number)


def unknown_value_note(request, param, what, showing):
    """ "Không có chủ đề «xyz»; đang hiển thị tất cả tin." for a filter value that names nothing (the
    value is echoed only when it is short, readable text)."""
    value = params.text(request.GET, param, max_length=60)
    named = f" «{value}»" if value and params.raw(request.GET, param, max_length=60) == value else ""
    return f"Không có {what}{named}; đang hiển thị {showing}."
