"""News models: where each page type may live, topics seeded from the plan, validation rules."""

import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from home.models import ContentPage, HomePage, WardHomePage
from news.factories import (
    ArticlePageFactory,
    DirectiveDocumentPageFactory,
    DirectiveLibraryPageFactory,
    NewsIndexPageFactory,
    OneStopResultFactory,
    RadioColumnPageFactory,
    TopicFactory,
)
from news.models import (
    ArticlePage,
    DirectiveDocumentPage,
    DirectiveLibraryPage,
    IndexScore,
    NewsIndexPage,
    OneStopResult,
    OneStopResultsPage,
    RadioColumnPage,
    RadioEpisodePage,
    ReformIndicesPage,
    Topic,
)
from news.models.topics import DEFAULT_TOPICS, ensure_default_topics
from tests.test_news_fixtures import tree_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """A city home with one ward, as the site root."""
    root = tree_root()
    home = root.add_child(instance=HomePage(title="Cổng thông tin thành phố", slug="trang-chu-thu"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    ward = home.add_child(
        instance=WardHomePage(title="Phường Sao Đỏ", slug="phuong-sao-do", unit_kind="phuong", unit_name="Sao Đỏ")
    )
    return home, ward


def test_migration_seeds_the_plans_twelve_topics():
    from django.apps import apps

    seed_migration = importlib.import_module("news.migrations.0002_seed_topics")
    seed_migration.seed(apps, None)  # what `migrate` ran; a no-op when the rows exist
    slugs = list(Topic.objects.values_list("slug", flat=True))
    assert slugs == [slug for slug, _name in DEFAULT_TOPICS]
    names = set(Topic.objects.values_list("name", flat=True))
    assert "Cơ chế một cửa, một cửa liên thông" in names
    assert "Chỉ số CCHC (PAR Index) và Chỉ số hài lòng (SIPAS)" in names
    assert "Hỏi – đáp cải cách hành chính" in names
    Topic.objects.filter(slug="hoi-dap").delete()
    ensure_default_topics()
    assert Topic.objects.count() == len(DEFAULT_TOPICS) == 12 + 5  # the plan's twelve and the five themes (0004)


def test_news_index_lives_under_city_and_ward_homes_once_each(city):
    home, ward = city
    assert NewsIndexPage.can_create_at(home)
    assert NewsIndexPage.can_create_at(ward)
    content = home.add_child(instance=ContentPage(title="Giới thiệu", slug="gioi-thieu"))
    assert not NewsIndexPage.can_create_at(content)
    NewsIndexPageFactory(parent=home)
    assert not NewsIndexPage.can_create_at(home), "one news section per unit"
    assert NewsIndexPage.can_create_at(ward)


def test_articles_live_only_under_a_news_index(city):
    home, ward = city
    index = NewsIndexPageFactory(parent=ward)
    assert ArticlePage.can_create_at(index)
    assert not ArticlePage.can_create_at(home)
    assert not ArticlePage.can_create_at(ward)
    article = ArticlePageFactory(parent=index)
    assert not ArticlePage.can_create_at(article)
    assert ArticlePage.allowed_parent_page_models() == [NewsIndexPage]


def test_other_page_types_declare_their_places(city):
    home, ward = city
    library = DirectiveLibraryPageFactory(parent=home)
    assert DirectiveDocumentPage.can_create_at(library)
    assert not DirectiveDocumentPage.can_create_at(home)
    assert DirectiveLibraryPage.can_create_at(ward)
    assert RadioColumnPage.can_create_at(home)
    assert not RadioColumnPage.can_create_at(ward), "one radio column, on the city portal"
    column = RadioColumnPageFactory(parent=home)
    assert RadioEpisodePage.can_create_at(column)
    assert not RadioEpisodePage.can_create_at(library)
    for page_type in (ReformIndicesPage, OneStopResultsPage):
        assert page_type.can_create_at(home) and page_type.can_create_at(ward)
        assert page_type.subpage_types == []


def test_publishing_unit_defaults_to_the_subtree_owner(city):
    home, ward = city
    ward_article = ArticlePageFactory(parent=NewsIndexPageFactory(parent=ward))
    city_article = ArticlePageFactory(parent=NewsIndexPageFactory(parent=home))
    assert ward_article.publishing_unit == "UBND phường Sao Đỏ"
    assert city_article.publishing_unit  # the site settings' unit name
    named = ArticlePageFactory(parent=city_article.get_parent(), publishing_unit="Phòng Nội vụ")
    assert named.publishing_unit == "Phòng Nội vụ"


def test_article_topics_and_featured_flag(city):
    home, _ward = city
    index = NewsIndexPageFactory(parent=home)
    topic = TopicFactory(name="Chủ đề riêng", slug="chu-de-rieng")
    article = ArticlePageFactory(parent=index, featured=True)
    article.topics = [topic]
    article.save()
    assert list(ArticlePage.objects.get(pk=article.pk).topics.all()) == [topic]
    assert list(topic.articles.all()) == [article]
    assert ArticlePage.objects.filter(featured=True).count() == 1


def test_directive_document_reference_and_number_cleanup(city):
    home, _ward = city
    doc = DirectiveDocumentPageFactory(
        parent=DirectiveLibraryPageFactory(parent=home),
        number="  76/NQ-CP ",
        issued_date=datetime.date(2021, 7, 15),
        issuing_body="Chính phủ",
        doc_type=DirectiveDocumentPage.DocType.RESOLUTION,
    )
    doc.full_clean()
    assert doc.number == "76/NQ-CP"
    assert doc.full_reference == "Nghị quyết số 76/NQ-CP ngày 15/07/2021 của Chính phủ"


def test_onestop_figures_must_add_up_with_vietnamese_messages(city):
    home, ward = city
    row = OneStopResult(unit=ward, year=2024, month=5, received=10, on_time=8, late=2, pending=3, online=4)
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert "lớn hơn số hồ sơ tiếp nhận (10)" in " ".join(excinfo.value.messages)
    row.pending, row.online = 0, 11
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert "Số hồ sơ trực tuyến (11)" in " ".join(excinfo.value.messages)
    row.online = 9
    row.full_clean()
    row.save()
    assert row.on_time_rate == 80.0 and row.online_share == 90.0
    clash = OneStopResult(unit=ward, year=2024, month=5, received=1, on_time=1, late=0, pending=0, online=0)
    with pytest.raises(ValidationError) as excinfo:
        clash.full_clean()
    assert "Đã có số liệu của đơn vị này cho tháng 05/2024" in " ".join(excinfo.value.messages)
    city_row = OneStopResultFactory(unit=home)
    assert str(city_row) == "Bộ phận một cửa thành phố – 05/2024"


def test_rates_of_an_empty_month_are_undefined_not_zero(city):
    _home, ward = city
    row = OneStopResultFactory(unit=ward, received=0, on_time=0, late=0, pending=0, online=0)
    assert row.on_time_rate is None and row.online_share is None


def test_index_score_needs_a_figure_and_a_sane_rank(city):
    home, _ward = city
    page = home.add_child(instance=ReformIndicesPage(title="Chỉ số", slug="chi-so"))
    empty = IndexScore(page=page, year=2024)
    with pytest.raises(ValidationError) as excinfo:
        empty.full_clean()
    assert "Nhập ít nhất một chỉ số" in " ".join(excinfo.value.messages)
    bad_rank = IndexScore(page=page, year=2024, par_index=85, par_rank=13, par_rank_total=12)
    with pytest.raises(ValidationError) as excinfo:
        bad_rank.full_clean()
    assert "Thứ hạng không thể lớn hơn" in " ".join(excinfo.value.messages)
    out_of_range = IndexScore(page=page, year=2024, sipas=101)
    with pytest.raises(ValidationError):
        out_of_range.full_clean()
