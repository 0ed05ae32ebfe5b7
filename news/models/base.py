"""Pieces shared by the news page types: social-sharing metadata and listing helpers."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.text import Truncator

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


def paginate(request, queryset, per_page):
    """Page `?trang=N` of queryset; a page number that is not a page is a 404, not a silent page 1."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get(PAGE_PARAM, "1")
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as exc:
        if number == "1":
            return paginator.page(1)
        raise Http404("Không có trang kết quả này.") from exc
