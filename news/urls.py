"""Routes this app serves outside the page tree: feeds under rss/ and podcast/ only (page slugs stay free)."""

from django.urls import path

from news import feeds

app_name = "news"

urlpatterns = [
    path("rss/", feeds.NewsFeed(), name="feed"),
    path("rss/atom/", feeds.NewsAtomFeed(), name="feed_atom"),
    path("rss/chu-de/<slug:slug>/", feeds.TopicFeed(), name="topic_feed"),
    path("rss/chu-de/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("rss/don-vi/<slug:slug>/", feeds.WardFeed(), name="ward_feed"),
    path("rss/don-vi/<slug:slug>/atom/", feeds.WardAtomFeed(), name="ward_feed_atom"),
    path("podcast/", feeds.PodcastFeed(), name="podcast"),
]
