"""How citizens find their way: every link two levels from the home page answers, every page type is
two clicks away, the menu and the home page's sections, recent changes when a period was quiet, news
listings that recover from stale values, chart scales, the search finding the figures pages, demo
articles whose years follow their dates."""

import datetime
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage, WardHomePage
from news import charts
from news.demo_content import ARTICLES, period_words
from news.demo_themes import THEME_ARTICLES
from news.models import ArticlePage, NewsIndexPage, OneStopResultsPage, RadioColumnPage, ReformIndicesPage
from procedures.factories import add_status_change, make_decision, make_procedure
from procedures.models import ProcedureIndexPage, StatusChange

pytestmark = pytest.mark.django_db

# Views outside the page tree a citizen needs, by URL name (namespace:name): each must be two clicks
# from the home page at most.
DESTINATIONS = {
    "search",
    "procedures_public:recent",
    "procedures_public:recent_rss",
    "procedures_data:download",
    "hotline:feedback_form",
    "hotline:lookup",
    "hotline:answer_list",
    "news:feed",
}
# Pages of the city's news listing in the demo (its own articles and the city's theme articles).
CITY_NEWS_PAGES = -(-sum(1 for a in ARTICLES + THEME_ARTICLES if a[6] == "city") // NewsIndexPage.per_page)
# Redirects that are the point of their URL: short procedure addresses by code.
DELIBERATE_REDIRECTS = {"procedures_public:by_code", "procedures_public:by_any_code"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(html):
    """The site's own addresses linked from a page (fragments dropped; mail, phone and other hosts left out)."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel") or (
            parts.netloc and parts.netloc not in ("testserver", "localhost")
        ):
            continue
        url = urldefrag(href)[0]
        if url and url.startswith("/") and url not in found:
            found.append(url)
    return found


def url_name(path):
    match = resolve(urlsplit(path).path)
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def fetch(client, url, redirects):
    """The response for `url` (a static or media file is looked up, not served); a redirect is followed only
    when its URL exists to redirect, and recorded."""
    if url.startswith(settings.STATIC_URL):
        assert finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL)), (
            f"missing static file {url}"
        )
        return None
    if url.startswith(settings.MEDIA_URL):  # the web server serves media; the file must exist
        assert default_storage.exists(unquote(urlsplit(url).path.removeprefix(settings.MEDIA_URL))), url
        return None
    response = client.get(url)
    if response.status_code in (301, 302, 307, 308):
        name = url_name(url)
        assert name in DELIBERATE_REDIRECTS, f"{url} redirects to {response['Location']} ({name})"
        redirects.append(url)
        response = client.get(response["Location"])
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response


def page_type(response):
    """The class of the Wagtail page a response served, if it served one."""
    page = response.context.get("page") if response.context is not None else None
    return type(page) if isinstance(page, Page) else None


@pytest.fixture(scope="module")
def wayfinding_demo(django_db_setup, django_db_blocker):
    """The demo (12 procedures) loaded once for the module inside an outer transaction, rolled back at
    its end; each test runs in a savepoint of it (as TestCase.setUpTestData)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", procedures_limit=12, stdout=open(os.devnull, "w"))
            home = HomePage.objects.get()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield home
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    cache.clear()  # Wagtail caches site root paths of the rolled-back pages


@pytest.fixture
def demo_site(wayfinding_demo):
    cache.clear()
    return wayfinding_demo


@pytest.fixture(scope="module")
def walk(wayfinding_demo, django_db_blocker):
    """Every internal link on the home page, then every one on those pages: {url: (level, page type)}.
    Walked once for the module: the walk only reads."""
    client, seen, redirects = Client(), {}, []
    with django_db_blocker.unblock():
        cache.clear()
        home = client.get("/")
        assert home.status_code == 200
        level_one = internal_links(home.content.decode())
        level_two = []
        for url in level_one:
            response = fetch(client, url, redirects)
            seen[url] = (1, page_type(response) if response else None)
            if response is not None and response["Content-Type"].startswith("text/html"):
                level_two += [u for u in internal_links(response.content.decode()) if u not in level_two]
        for url in level_two:
            if url in seen:
                continue
            response = fetch(client, url, redirects)
            seen[url] = (2, page_type(response) if response else None)
    return {"seen": seen, "redirects": redirects, "level_one": level_one}


def test_every_link_two_levels_from_the_home_page_answers(db, walk):
    seen = walk["seen"]
    # The walk is real: the menu, the wards, articles, procedures and the catalogue's downloads.
    assert len(walk["level_one"]) > 40 and len(seen) > 150
    assert any(url.startswith("/thu-tuc/du-lieu/xuat.") for url in seen)
    assert {"/tim-kiem/", "/thu-tuc-hanh-chinh/", "/chi-so-cai-cach-hanh-chinh/"} <= set(walk["level_one"])


def test_every_page_type_and_citizen_view_is_within_two_clicks(db, walk):
    reached = {kind for _level, kind in walk["seen"].values() if kind}
    reached.add(HomePage)
    live = {page.specific_class for page in Page.objects.live().filter(depth__gt=1).defer_streamfields()}
    assert live - reached == set(), f"page types not reachable in two clicks: {live - reached}"
    files = (settings.STATIC_URL, settings.MEDIA_URL)
    views = {url_name(url) for url in walk["seen"] if not url.startswith(files)}
    assert DESTINATIONS - views == set(), f"views not reachable in two clicks: {DESTINATIONS - views}"


def test_main_menu_holds_the_catalogue_and_the_home_page_lists_every_section(client, demo_site):
    html = client.get("/").content.decode()
    menu = html.split('aria-label="Điều hướng chính"', 1)[1].split("</nav>", 1)[0]
    for label in (
        "Thủ tục hành chính",
        "Tin tức cải cách hành chính",
        "Văn bản chỉ đạo",
        "Đường dây nóng",
        "Tìm kiếm",
    ):
        assert f">{label}</a>" in menu, label
    assert 'aria-controls="main-nav-list"' in menu and 'aria-expanded="false"' in menu
    directory = html.split('id="sections-title"', 1)[1].split("</nav>", 1)[0]
    sections = Page.objects.child_of(demo_site).live().not_type(WardHomePage)
    assert sections.count() >= 8
    for section in sections:
        assert f'href="{section.url}">{section.title}</a>' in directory, section.title
    assert "Phường Sao Đỏ" not in directory  # the wards have their own list
    # A page below a section marks that section in the menu.
    article = client.get(
        ArticlePage.objects.child_of(NewsIndexPage.objects.child_of(demo_site).get()).first().url
    )
    assert '<a href="/tin-tuc/" aria-current="true">' in article.content.decode()
    assert '<a href="/tim-kiem/" aria-current="page">' in client.get("/tim-kiem/").content.decode()


def test_a_new_catalogue_goes_into_the_main_menu(demo_site):
    assert ProcedureIndexPage(title="Thủ tục", slug="tt").show_in_menus
    assert ProcedureIndexPage.objects.get().show_in_menus


def test_ward_home_page_lists_all_its_sections(client, demo_site):
    ward = WardHomePage.objects.get(slug="phuong-sao-do")
    html = client.get(ward.url).content.decode()
    directory = html.split('id="sections-title"', 1)[1].split("</nav>", 1)[0]
    children = Page.objects.child_of(ward).live()
    assert children.filter(show_in_menus=False).exists(), "the ward's hotline page is not in menus"
    for child in children:
        assert f'href="{child.url}"' in directory, child.title


def test_home_sections_leave_their_container_to_the_home_page(client, demo_site):
    main = client.get("/").content.decode().split('<main id="noi-dung"', 1)[1]
    assert 'class="container section' not in main  # no section sets its own container
    after_hero = main.split('<section class="hero"', 1)[1].split("</section>", 1)[1]
    assert after_hero.lstrip().startswith('<div class="container">')
    assert 'class="section hotline-section"' in after_hero


# Recent changes ------------------------------------------------------------------------------------


def test_recent_changes_show_the_latest_ones_when_the_period_was_quiet(client, demo_site):
    StatusChange.objects.all().delete()  # the demo's own history is older or absent, but not ours
    today = timezone.localdate()
    old = make_decision("501/QĐ-UBND", today - datetime.timedelta(days=200))
    page = make_procedure("Cấp giấy phép thử nghiệm lối đi", decision=old)
    html = client.get("/thu-tuc/moi-cap-nhat/").content.decode()
    assert "Không có thủ tục nào thay đổi trong 30 ngày qua" in html
    assert f"Dưới đây là 1 thay đổi gần nhất, công bố ngày {old.date:%d/%m/%Y}." in html
    assert f'href="{page.url}"' in html and "Thủ tục hành chính thay đổi gần nhất" in html
    feed = client.get("/thu-tuc/moi-cap-nhat/rss/").content.decode()
    assert "không có thay đổi trong 90 ngày qua; đây là các thay đổi gần nhất" in feed
    assert "Cấp giấy phép thử nghiệm lối đi" in feed

    recent = make_decision("502/QĐ-UBND", today - datetime.timedelta(days=5))
    add_status_change(page, "amended", decision=recent, effective_date=recent.date)
    html = client.get("/thu-tuc/moi-cap-nhat/").content.decode()
    assert "Không có thủ tục nào thay đổi" not in html and 'id="recent-quiet"' not in html
    assert "1 thay đổi: 1 sửa đổi, bổ sung." in html and "501/QĐ-UBND" not in html
    assert "không có thay đổi" not in client.get("/thu-tuc/moi-cap-nhat/rss/").content.decode()


def test_recent_changes_with_an_unknown_period_say_so(client, demo_site):
    for value in ("7", "abc", "٣٠"):
        html = client.get("/thu-tuc/moi-cap-nhat/", {"ngay": value}).content.decode()
        assert "Khoảng thời gian không hợp lệ; đang hiển thị 30 ngày qua." in html, value
    assert "không hợp lệ" not in client.get("/thu-tuc/moi-cap-nhat/?ngay=90").content.decode()


# Listings that recover ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, note",
    [
        ("/tin-tuc/?trang=30", f"Không có trang 30; đang hiển thị trang cuối (trang {CITY_NEWS_PAGES})."),
        ("/tin-tuc/?trang=-1", "Số trang không hợp lệ; đang hiển thị trang đầu."),
        ("/tin-tuc/?chu-de=xyz", "Không có chủ đề «xyz»; đang hiển thị tin của mọi chủ đề."),
        ("/tin-tuc/?chu-de=%00", "Không có chủ đề; đang hiển thị tin của mọi chủ đề."),
        ("/van-ban-chi-dao/?trang=2", "Không có trang 2; đang hiển thị trang cuối (trang 1)."),
        ("/van-ban-chi-dao/?cap=xyz", "Không có cấp ban hành «xyz»; đang hiển thị văn bản của mọi cấp."),
        (
            "/van-ban-chi-dao/?nam=hai-nghin",
            "Không có năm ban hành «hai-nghin»; đang hiển thị văn bản của mọi năm.",
        ),
        ("/phat-thanh-cchc/?trang=9", "Không có trang 9; đang hiển thị trang cuối (trang 1)."),
        (
            "/ket-qua-giai-quyet-tthc/?don-vi=xyz",
            "Không có đơn vị «xyz»; đang hiển thị Bộ phận một cửa thành phố.",
        ),
    ],
)
def test_news_listings_recover_from_stale_and_unknown_values(client, demo_site, url, note):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="notice" role="status">{note}</p>' in html


def test_news_listing_past_its_end_shows_the_last_page(client, demo_site):
    index = NewsIndexPage.objects.child_of(demo_site).get()
    total = ArticlePage.objects.child_of(index).live().count()
    last = -(-total // index.per_page)
    html = client.get(f"{index.url}?trang={last + 5}").content.decode()
    assert f"đang hiển thị trang cuối (trang {last})" in html
    assert html.count('class="news-card__title"') == total - (last - 1) * index.per_page


# Charts -------------------------------------------------------------------------------------------


def test_rates_close_to_the_top_get_a_shorter_axis_drawn_with_dots():
    scale = charts.value_scale([98.6, 100, 99.3], top=100)
    assert (scale.low, scale.high, scale.ticks) == (95, 100, [95, 96, 97, 98, 99, 100])
    assert charts.value_scale([100, 100], top=100).low == 95  # never narrower than five points
    assert charts.value_scale([84.12, 91.02], top=100).ticks == [80, 85, 90, 95, 100]
    assert charts.value_scale([30, 100], top=100).low == 0  # spread out: bars from zero
    chart = charts.grouped_bar_chart(
        "t", "Tỷ lệ", "Mô tả.", ["A", "B"], [charts.Series("Đúng hạn", "x")], [[98.6], [100]], decimals=1
    )
    first, second = (row.bars[0] for row in chart.rows)
    assert first.dot and second.dot and chart.dots
    # 98.6 sits 72 % along a 95–100 axis, not 98.6 % as on 0–100 where it looked like 100.
    assert first.width == pytest.approx(0.72 * chart.plot_width, abs=0.1)
    assert second.width == chart.plot_width
    assert (first.value_text, second.value_text) == ("98,6%", "100%")
    assert chart.scale_note == "Trục ngang bắt đầu từ 95%, không từ 0, để thấy rõ chênh lệch."
    assert chart.description.endswith("Trục ngang từ 95 đến 100%.")
    assert [t["label"] for t in chart.ticks] == ["95", "96", "97", "98", "99", "100"]


def test_stacked_counts_end_with_counts_not_rates():
    chart = charts.stacked_bar_chart(
        "t", "Hồ sơ", "Mô tả.", ["06/2026", "07/2026"],
        [charts.Series("Đúng hạn", "a"), charts.Series("Quá hạn", "b")], [[1_122, 15], [865, 2]],
        unit=" hồ sơ", axis_label="Số hồ sơ",
    )  # fmt: skip
    assert [row.value_text for row in chart.rows] == ["1.137", "867"]
    assert not any("%" in row.value_text for row in chart.rows)
    assert [t["label"] for t in chart.ticks] == ["0", "250", "500", "750", "1.000", "1.250"]
    assert chart.axis_label == "Số hồ sơ" and not chart.dots and chart.scale_note == ""
    assert chart.rows[0].bars[0].title == "Đúng hạn: 1.122 hồ sơ"


def test_figures_pages_draw_their_charts_on_the_data_scale(client, demo_site):
    html = client.get(ReformIndicesPage.objects.child_of(demo_site).get().url).content.decode()
    assert "Trục ngang bắt đầu từ 80%, không từ 0" in html and 'class="chart__dot' in html
    results = client.get(OneStopResultsPage.objects.child_of(demo_site).get().url).content.decode()
    trend = results.split('id="onestop-trend-title"', 1)[1]
    values = re.findall(r'<text class="chart__value"[^>]*>([^<]+)</text>', trend.split("</svg>", 1)[0])
    assert values and all(re.fullmatch(r"[0-9.]+", v) for v in values), values
    assert ">Số hồ sơ</text>" in trend


# Demo articles -----------------------------------------------------------------------------------


def test_demo_articles_name_no_period_after_their_date(demo_site):
    checked = 0
    for article in ArticlePage.objects.all():
        text = " ".join([article.title, article.lead, str(article.body)])
        for year in re.findall(r"năm (20\d\d)", text):
            assert int(year) <= article.date.year, (article.slug, year)
        for roman, year in re.findall(r"quý (I{1,3}|IV) năm (20\d\d)", text):
            quarter = ("I", "II", "III", "IV").index(roman) + 1
            ended = datetime.date(int(year) + quarter // 4, quarter % 4 * 3 + 1, 1)
            assert ended <= article.date, (article.slug, roman, year)
            checked += 1
    assert checked >= 2
    plan = ArticlePage.objects.get(slug="chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh")
    assert f"năm {plan.date.year}" in plan.title
    indices_article = ArticlePage.objects.get(slug="ket-qua-chi-so-cai-cach-hanh-chinh")
    announced = period_words(indices_article.date)["nam_truoc"]
    assert f"năm {announced}" in indices_article.title
    assert max(s.year for s in ReformIndicesPage.objects.child_of(demo_site).get().scores.all()) == announced


def test_period_words_name_the_last_periods_ended():
    assert period_words(datetime.date(2026, 12, 8)) == {
        "nam": 2026, "nam_truoc": 2025, "quy": "III năm 2026", "nua_nam": "6 tháng đầu năm 2026"
    }  # fmt: skip
    january = period_words(datetime.date(2027, 1, 5))
    assert january["quy"] == "IV năm 2026" and january["nua_nam"] == "6 tháng cuối năm 2026"


def test_radio_column_is_a_home_section_not_a_menu_item(client, demo_site):
    radio = RadioColumnPage.objects.get()
    html = client.get("/").content.decode()
    menu = html.split('aria-label="Điều hướng chính"', 1)[1].split("</nav>", 1)[0]
    assert radio.title not in menu and f'href="{radio.url}">{radio.title}</a>' in html
