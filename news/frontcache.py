"""What the HTTP cache may keep of the news feeds, and what to purge when news content changes."""

from core import frontcache, httpcache
from news.models import (
    ArticlePage,
    AudioClip,
    DirectiveDocumentPage,
    NewsIndexPage,
    OneStopResult,
    OneStopResultsPage,
    RadioEpisodePage,
    Topic,
)
from procedures.models import ProcedurePage

httpcache.declare_views(
    httpcache.PUBLIC,
    "news:feed",
    "news:feed_atom",
    "news:topic_feed",
    "news:topic_feed_atom",
    "news:ward_feed",
    "news:ward_feed_atom",
    "news:podcast",
)

FEEDS = ("/rss/*", "/podcast/")


def _paths_of(pages):
    for page in pages.only("url_path"):
        yield from frontcache.site_paths(page.url_path)


@frontcache.page_rule(ArticlePage, DirectiveDocumentPage, RadioEpisodePage)
def feeds(page):
    """Feeds list the articles, documents and radio episodes of every index; they are few and small."""
    yield from FEEDS


@frontcache.page_rule(DirectiveDocumentPage)
def articles_citing_document(page):
    yield from _paths_of(ArticlePage.objects.live().filter(directive_documents=page))


@frontcache.page_rule(ProcedurePage)
def articles_about_procedure(page):
    yield from _paths_of(ArticlePage.objects.live().filter(related_procedures=page))


@frontcache.model_rule(Topic)
def topic_paths(topic):
    """A topic is named on its articles and in the filters of every news index."""
    yield from _paths_of(ArticlePage.objects.live().filter(topics=topic))
    yield from _paths_of(NewsIndexPage.objects.live())
    yield from FEEDS


@frontcache.model_rule(AudioClip)
def audio_paths(clip):
    yield from _paths_of(RadioEpisodePage.objects.live().filter(audio=clip))
    yield from FEEDS


@frontcache.model_rule(OneStopResult)
def onestop_paths(result):
    yield from _paths_of(OneStopResultsPage.objects.live())
