"""Home-page sections: the city home shows its featured and latest news, a ward home its own latest."""

from home.restrictions import public
from news.models import ArticlePage, NewsIndexPage
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
