"""Models of CCHC communications: topics, articles, theme pages, directive documents, radio, indices,
one-stop results."""

from news.models.articles import ArticlePage, NewsIndexPage
from news.models.directives import DirectiveDocumentPage, DirectiveLibraryPage
from news.models.indices import IndexScore, ReformIndicesPage
from news.models.onestop import OneStopResult, OneStopResultsPage
from news.models.radio import AudioClip, RadioColumnPage, RadioEpisodePage
from news.models.themes import ThemePage
from news.models.topics import Topic

__all__ = [
    "ArticlePage",
    "AudioClip",
    "DirectiveDocumentPage",
    "DirectiveLibraryPage",
    "IndexScore",
    "NewsIndexPage",
    "OneStopResult",
    "OneStopResultsPage",
    "RadioColumnPage",
    "RadioEpisodePage",
    "ReformIndicesPage",
    "ThemePage",
    "Topic",
]
