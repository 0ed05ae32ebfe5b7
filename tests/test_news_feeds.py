"""RSS and Atom feeds of the news (all, per topic, per ward) and the podcast feed: valid XML, live items only,
absolute links, correct enclosures."""

import xml.etree.ElementTree as ET

import pytest
from django.core.files.storage import default_storage

from news.demo_content import ARTICLES as CONTENT_ARTICLES
from news.demo_content import EPISODES, published_articles
from news.demo_themes import THEME_ARTICLES
from news.factories import ArticlePageFactory
from news.feeds import ITEMS
from news.models import ArticlePage, RadioEpisodePage, Topic
from tests.test_news_fixtures import news_demo  # noqa: F401  (module-scoped fixture)

pytestmark = pytest.mark.django_db

# Titles with the years of their dates, newest first (each demo article has its own date).
ARTICLES = sorted(published_articles(articles=CONTENT_ARTICLES + THEME_ARTICLES), key=lambda a: a[8])


def newest(articles):
    """What a feed of these articles holds: the ITEMS newest."""
    return articles[:ITEMS]

ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(("application/rss+xml", "application/atom+xml"))
    return ET.fromstring(response.content)  # raises on malformed XML


def test_news_rss_lists_the_sites_live_articles_newest_first(client, news_demo):  # noqa: F811
    draft = ArticlePageFactory(parent=ArticlePage.objects.first().get_parent(), title="Bản nháp bí mật", live=False)
    channel = rss(client, "/rss/").find("channel")
    assert channel.findtext("language") == "vi"
    assert "Tin cải cách hành chính" in channel.findtext("title")
    items = channel.findall("item")
    assert len(items) == len(newest(ARTICLES))
    titles = [i.findtext("title") for i in items]
    assert draft.title not in titles
    assert titles == [a[1] for a in newest(ARTICLES)]
    for item in items:
        assert item.findtext("link").startswith("http://testserver/")
        assert item.findtext("pubDate")
        assert item.findtext("description")


def test_news_rss_enclosures_are_the_lead_images_with_their_real_size(client, news_demo):  # noqa: F811
    channel = rss(client, "/rss/").find("channel")
    with_image = {a[1] for a in ARTICLES if a[7] is not None}
    for item in channel.findall("item"):
        enclosure = item.find("enclosure")
        if item.findtext("title") in with_image:
            assert enclosure is not None
            assert enclosure.get("type") == "image/jpeg"
            url = enclosure.get("url")
            assert url.startswith("http://testserver/media/")
            name = url.split("/media/", 1)[1]
            assert int(enclosure.get("length")) == default_storage.size(name)
        else:
            assert enclosure is None


def test_atom_feed_is_valid_atom(client, news_demo):  # noqa: F811
    feed = rss(client, "/rss/atom/")
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(newest(ARTICLES))
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://testserver/") for e in entries)
    assert all(e.findtext(f"{ATOM}updated") for e in entries)


def test_topic_feeds_hold_only_that_topic(client, news_demo):  # noqa: F811
    for topic in Topic.objects.all():
        expected = {a[1] for a in newest([a for a in ARTICLES if topic.slug in a[2]])}
        channel = rss(client, f"/rss/chu-de/{topic.slug}/").find("channel")
        assert {i.findtext("title") for i in channel.findall("item")} == expected, topic.slug
        assert topic.name in channel.findtext("title")
        for item in channel.findall("item"):
            assert topic.name in [c.text for c in item.findall("category")]
    atom = rss(client, "/rss/chu-de/hoi-dap/atom/")
    assert len(atom.findall(f"{ATOM}entry")) == len(newest([a for a in ARTICLES if "hoi-dap" in a[2]]))
    assert client.get("/rss/chu-de/khong-co-chu-de-nay/").status_code == 404


def test_ward_feed_holds_only_that_wards_news(client, news_demo):  # noqa: F811
    channel = rss(client, "/rss/don-vi/phuong-sao-do/").find("channel")
    assert {i.findtext("title") for i in channel.findall("item")} == {
        a[1] for a in ARTICLES if a[6] == "phuong-sao-do"
    }
    assert "Phường Sao Đỏ" in channel.findtext("title")
    assert client.get("/rss/don-vi/phuong-khong-co/").status_code == 404


def test_podcast_feed_has_audio_enclosures_and_itunes_tags(client, news_demo):  # noqa: F811
    response = client.get("/podcast/")
    assert response.status_code == 200
    assert b'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"' in response.content
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Phát thanh cải cách hành chính"
    assert channel.findtext(f"{ITUNES}author") == "Phòng Văn hóa - Thông tin thành phố"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [e[2] for e in sorted(EPISODES, key=lambda e: e[5])]
    for item in items:
        episode = RadioEpisodePage.objects.get(title=item.findtext("title"))
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/wav"
        assert enclosure.get("url") == "http://testserver" + episode.audio.file.url
        assert int(enclosure.get("length")) == default_storage.size(episode.audio.file.name)
        duration = item.findtext(f"{ITUNES}duration")
        hours, minutes, seconds = (int(part) for part in duration.split(":"))
        assert hours * 3600 + minutes * 60 + seconds == episode.audio.duration_seconds > 0
        assert item.findtext("guid").startswith("http")
        assert item.findtext(f"{ITUNES}episode") == str(episode.episode_number)


def test_feeds_are_advertised_on_the_pages(client, news_demo):  # noqa: F811
    html = client.get("/tin-tuc/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Tin cải cách hành chính (RSS)" href="/rss/">' in html
    radio = client.get("/phat-thanh-cchc/").content.decode()
    assert 'type="application/rss+xml" title="Podcast Phát thanh cải cách hành chính" href="/podcast/"' in radio
