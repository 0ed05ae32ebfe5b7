"""Home-page sections: the city home shows its featured and latest news and the theme pages; a ward home
its own latest news and reform results; a department page its own latest news."""

from home.restrictions import public
from news.models import (
    ArticlePage,
    IndexScore,
    NewsIndexPage,
    OneStopResult,
    OneStopResultsPage,
    ReformIndicesPage,
    ThemePage,
)
from news.models.articles import article_listing

CITY_LATEST = 6
CITY_FEATURED = 3
WARD_LATEST = 4


def _news_index(home):
    return public(NewsIndexPage.objects.child_of(home).live()).first()


def city_news(page, request):
    index = _news_index(page)
    if index is None:
        return None
    articles = article_listing(ArticlePage.objects.child_of(index))
    featured = list(articles.filter(featured=True)[:CITY_FEATURED])
    latest = list(articles.exclude(pk__in=[a.pk for a in featured])[:CITY_LATEST])
    if not featured and not latest:
        return None
    return {"index": index, "featured": featured, "latest": latest}


def ward_news(page, request):
    index = _news_index(page)
    if index is None:
        return None
    latest = list(article_listing(ArticlePage.objects.child_of(index))[:WARD_LATEST])
    return {"index": index, "latest": latest, "ward": page}


def department_news(page, request):
    index = _news_index(page)
    if index is None:
        return None
    latest = list(article_listing(ArticlePage.objects.child_of(index))[:WARD_LATEST])
    return {"index": index, "latest": latest, "department": page}


def city_themes(page, request):
    """The theme pages of the city and its departments, so each theme is one click from the home page."""
    themes = list(
        public(ThemePage.objects.descendant_of(page).live())
        .only("id", "title", "url_path", "path", "depth", "lead")
        .order_by("path")
    )
    return {"themes": themes} if themes else None


def ward_results(page, request):
    """A ward's own latest one-stop month and reform indices, linked to its pages of them."""
    indices = public(ReformIndicesPage.objects.child_of(page).live()).first()
    onestop = public(OneStopResultsPage.objects.child_of(page).live()).first()
    month = OneStopResult.objects.filter(unit_id=page.pk).order_by("-year", "-month").first()
    score = IndexScore.objects.filter(page=indices).order_by("-year").first() if indices else None
    if onestop is None and score is None:
        return None
    return {"ward": page, "indices": indices, "score": score, "onestop": onestop, "month": month}
