"""Factories for news test data (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from news.models import (
    ArticlePage,
    AudioClip,
    DirectiveDocumentPage,
    DirectiveLibraryPage,
    NewsIndexPage,
    OneStopResult,
    OneStopResultsPage,
    RadioColumnPage,
    RadioEpisodePage,
    ReformIndicesPage,
    ThemePage,
    Topic,
)


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chủ đề thử {n}")
    slug = factory.Sequence(lambda n: f"chu-de-thu-{n}")

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tin tức"
    slug = "tin-tuc"

    class Meta:
        model = NewsIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin cải cách hành chính số {n}")
    slug = factory.Sequence(lambda n: f"tin-cai-cach-hanh-chinh-so-{n}")
    lead = "Tóm tắt bài viết về cải cách hành chính."
    date = factory.LazyFunction(datetime.date.today)
    live = True

    class Meta:
        model = ArticlePage


class DirectiveLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Văn bản chỉ đạo"
    slug = "van-ban-chi-dao"

    class Meta:
        model = DirectiveLibraryPage


class DirectiveDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Về cải cách hành chính, văn bản {n}")
    slug = factory.Sequence(lambda n: f"van-ban-{n}")
    number = factory.Sequence(lambda n: f"{n + 1}/KH-UBND")
    issued_date = datetime.date(2024, 1, 15)
    issuing_body = "UBND thành phố Chí Linh"
    level = DirectiveDocumentPage.Level.CITY
    doc_type = DirectiveDocumentPage.DocType.PLAN
    live = True

    class Meta:
        model = DirectiveDocumentPage


class AudioClipFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Âm thanh {n}")
    file = factory.django.FileField(filename="am-thanh.wav", data=b"RIFF")
    mime_type = "audio/wav"
    file_size = 4
    duration_seconds = 60

    class Meta:
        model = AudioClip


class RadioColumnPageFactory(wagtail_factories.PageFactory):
    title = "Phát thanh cải cách hành chính"
    slug = "phat-thanh-cchc"

    class Meta:
        model = RadioColumnPage


class RadioEpisodePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Số phát thanh {n}")
    slug = factory.Sequence(lambda n: f"so-phat-thanh-{n}")
    summary = "Tóm tắt chương trình."
    transcript = "<p>Bản ghi lời của chương trình.</p>"
    air_date = datetime.date(2024, 5, 1)
    live = True

    class Meta:
        model = RadioEpisodePage


class OneStopResultFactory(DjangoModelFactory):
    year = 2024
    month = 5
    received = 100
    on_time = 90
    late = 2
    pending = 8
    online = 70

    class Meta:
        model = OneStopResult


class ReformIndicesPageFactory(wagtail_factories.PageFactory):
    title = "Chỉ số cải cách hành chính"
    slug = "chi-so-cai-cach-hanh-chinh"

    class Meta:
        model = ReformIndicesPage


class OneStopResultsPageFactory(wagtail_factories.PageFactory):
    title = "Kết quả giải quyết hồ sơ"
    slug = "ket-qua-giai-quyet-ho-so"

    class Meta:
        model = OneStopResultsPage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chuyên đề {n}")
    slug = factory.Sequence(lambda n: f"chuyen-de-{n}")
    topic = factory.SubFactory(TopicFactory)
    lead = "Giới thiệu chuyên đề."

    class Meta:
        model = ThemePage
