"""Pieces shared by the news page types: social-sharing metadata and listing helpers."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
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


def _page_number(request):
    if not params.is_given(request.GET, PAGE_PARAM):
        return 1
    number = params.integer(request.GET, PAGE_PARAM, low=1)
    if number is None:
        raise Http404("Không có trang kết quả này.")
    return number


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


def paginate_window(request, queryset, per_page):
    """Page `?trang=N` of queryset without a total count; past the end is a 404."""
    number = _page_number(request)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("Không có trang kết quả này.")
    return PageWindow(rows[:per_page], number, len(rows) > per_page)


def paginate(request, queryset, per_page):
    """Page `?trang=N` of queryset; a page number that is not a page is a 404, not a silent page 1."""
    paginator = Paginator(queryset, per_page)
    number = _page_number(request)
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as exc:
        if number == 1:
            return paginator.page(1)
        raise Http404("Không có trang kết quả này.") from exc
