"""RSS 2.0 / Atom feeds of the news (all, per topic, per ward) and the radio column's podcast feed."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from wagtail.models import Site

from news.models import ArticlePage, RadioColumnPage, RadioEpisodePage, Topic

ITEMS = 30


def _site_root(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không xác định được cổng thông tin.")
    return site.root_page


def _unit_name(request):
    from home.models import SiteSettings

    return SiteSettings.for_request(request).unit_name


class NewsFeed(Feed):
    """Latest articles of the current site, or of one topic or one ward (`kind`, `slug`)."""

    feed_type = Rss201rev2Feed
    language = "vi"
    kind = "all"

    def get_object(self, request, slug=None):
        self.request = request
        root = _site_root(request)
        scope = {"root": root, "topic": None, "ward": None}
        if self.kind == "topic":
            scope["topic"] = Topic.objects.filter(slug=slug).first()
            if scope["topic"] is None:
                raise Http404("Không có chủ đề này.")
        elif self.kind == "ward":
            from home.models import WardHomePage

            scope["ward"] = WardHomePage.objects.descendant_of(root).filter(slug=slug).live().first()
            if scope["ward"] is None:
                raise Http404("Không có phường, xã này.")
        return scope

    def title(self, scope):
        name = _unit_name(self.request)
        if scope["topic"]:
            return f"{scope['topic'].name} – Tin cải cách hành chính – {name}"
        if scope["ward"]:
            return f"Tin cải cách hành chính – UBND {scope['ward'].full_name}"
        return f"Tin cải cách hành chính – {name}"

    def link(self, scope):
        return (scope["ward"] or scope["root"]).get_url(self.request) or "/"

    def description(self, scope):
        return "Tin tức, hoạt động cải cách hành chính mới nhất."

    def items(self, scope):
        articles = (
            ArticlePage.objects.descendant_of(scope["ward"] or scope["root"])
            .live()
            .public()
            .select_related("lead_image")
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.only("id", "name")))
            .defer_streamfields()
            .order_by("-date", "-pk")
        )
        if scope["topic"]:
            articles = articles.filter(topics=scope["topic"])
        return articles[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at or item.published_datetime

    def item_author_name(self, item):
        return item.publishing_unit or None

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]

    def item_enclosures(self, item):
        image = item.lead_image
        if image is None or not image.file_size:
            return []
        return [
            Enclosure(
                self.request.build_absolute_uri(image.file.url),
                str(image.file_size),
                _image_mime(image.file.name),
            )
        ]


def _image_mime(name):
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
            "webp": "image/webp"}.get(extension, "application/octet-stream")


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)


class TopicFeed(NewsFeed):
    kind = "topic"


class TopicAtomFeed(NewsAtomFeed):
    kind = "topic"


class WardFeed(NewsFeed):
    kind = "ward"


class WardAtomFeed(NewsAtomFeed):
    kind = "ward"


class PodcastFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 with the iTunes podcast namespace that podcast apps read."""

    ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"

    def rss_attributes(self):
        attributes = super().rss_attributes()
        attributes["xmlns:itunes"] = self.ITUNES
        return attributes

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["author_name"] or "")
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:category", attrs={"text": "Government"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("duration"):
            handler.addQuickElement("itunes:duration", item["duration"])
        if item.get("episode"):
            handler.addQuickElement("itunes:episode", str(item["episode"]))
        handler.addQuickElement("itunes:summary", item["description"])


class PodcastFeed(Feed):
    feed_type = PodcastFeedGenerator
    language = "vi"

    def get_object(self, request):
        self.request = request
        column = RadioColumnPage.objects.descendant_of(_site_root(request)).live().public().first()
        if column is None:
            raise Http404("Chưa có chuyên mục phát thanh.")
        return column

    def title(self, column):
        return column.title

    def link(self, column):
        return column.get_url(self.request)

    def description(self, column):
        return column.social_description() or "Chuyên mục phát thanh cải cách hành chính."

    def author_name(self, column):
        return column.podcast_author or _unit_name(self.request)

    def items(self, column):
        # Episodes without a playable file are left out: a podcast item needs its enclosure.
        return (
            RadioEpisodePage.objects.child_of(column)
            .live()
            .public()
            .filter(audio__isnull=False, audio__file_size__gt=0)
            .select_related("audio")
            .order_by("-air_date", "-pk")[:100]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.air_date, datetime.time(7, 0)))

    def item_enclosures(self, item):
        clip = item.audio
        return [Enclosure(self.request.build_absolute_uri(clip.file.url), str(clip.file_size), clip.mime_type)]

    def item_extra_kwargs(self, item):
        seconds = item.audio.duration_seconds
        duration = None
        if seconds:
            duration = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        return {"duration": duration, "episode": item.episode_number}
