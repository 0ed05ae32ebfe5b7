"""News pages on the demo: listings (city vs ward, topics, pages), articles with sharing tags, directive
library filters, radio, indices and one-stop results pages, home sections, sitemap."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import HomePage
from news import demo
from news.demo_content import ARTICLES, DIRECTIVES, published_articles
from news.demo_themes import THEME_ARTICLES
from news.factories import ArticlePageFactory
from news.models import (
    ArticlePage,
    DirectiveDocumentPage,
    NewsIndexPage,
    OneStopResult,
    RadioEpisodePage,
    Topic,
)
from tests.test_news_fixtures import news_demo  # noqa: F401  (module-scoped fixture)

pytestmark = pytest.mark.django_db

ALL_ARTICLES = ARTICLES + THEME_ARTICLES  # the demo creates them in this order
PUBLISHED = published_articles(articles=ALL_ARTICLES)  # titles with the years of their dates


def newest_first(articles):
    """As the listings order them: by date, then the later created first."""
    return sorted(articles, key=lambda a: (a[8], -PUBLISHED.index(a)))


CITY_ARTICLES = newest_first([a for a in PUBLISHED if a[6] == "city"])
SAO_DO_ARTICLES = newest_first([a for a in PUBLISHED if a[6] == "phuong-sao-do"])


def titles(html):
    return re.findall(r'class="news-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_demo_is_idempotent(news_demo):  # noqa: F811
    before = (ArticlePage.objects.count(), DirectiveDocumentPage.objects.count(), RadioEpisodePage.objects.count(),
              OneStopResult.objects.count())
    demo.load(news_demo.ctx)
    after = (ArticlePage.objects.count(), DirectiveDocumentPage.objects.count(), RadioEpisodePage.objects.count(),
             OneStopResult.objects.count())
    assert before == after
    assert before[0] == len(ALL_ARTICLES) and before[1] == len(DIRECTIVES)
    assert before[3] == 20 * 6, "city desk + 19 wards, six months"
    assert set(Topic.objects.filter(articles__isnull=False).values_list("slug", flat=True)) == set(
        Topic.objects.values_list("slug", flat=True)
    ), "every topic of the plan has demo articles"


def test_city_listing_shows_only_city_articles_newest_first_in_pages(client, news_demo):  # noqa: F811
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    html = response.content.decode()
    first_page = titles(html)
    assert len(first_page) == NewsIndexPage.per_page
    expected = [a[1] for a in CITY_ARTICLES]
    assert first_page == expected[: NewsIndexPage.per_page]
    assert not set(first_page) & {a[1] for a in PUBLISHED if a[6] != "city"}
    assert "Trang 1<" in html and 'href="?trang=2" rel="next"' in html
    assert 'rel="prev"' not in html

    per_page = NewsIndexPage.per_page
    last = -(-len(expected) // per_page)
    assert last >= 2
    second_html = client.get("/tin-tuc/?trang=2").content.decode()
    assert titles(second_html) == expected[per_page : 2 * per_page]
    assert 'href="?trang=1" rel="prev"' in second_html
    last_html = client.get(f"/tin-tuc/?trang={last}").content.decode()
    last_page = titles(last_html)
    assert last_page == expected[(last - 1) * per_page :] and 'rel="next"' not in last_html
    # A stale page number shows the last page and says so; a number that is no page shows the first.
    past = client.get(f"/tin-tuc/?trang={last + 1}")
    assert past.status_code == 200 and titles(past.content.decode()) == last_page
    assert f"Không có trang {last + 1}; đang hiển thị trang cuối (trang {last})." in past.content.decode()
    for bad in ("abc", "0"):
        recovered = client.get(f"/tin-tuc/?trang={bad}").content.decode()
        assert titles(recovered) == first_page and "Số trang không hợp lệ; đang hiển thị trang đầu." in recovered


def test_ward_listing_shows_only_its_own_articles(client, news_demo):  # noqa: F811
    html = client.get("/phuong-sao-do/tin-tuc/").content.decode()
    assert sorted(titles(html)) == sorted(a[1] for a in SAO_DO_ARTICLES)
    assert "UBND phường Sao Đỏ" in html


def test_topic_filter(client, news_demo):  # noqa: F811
    response = client.get("/tin-tuc/?chu-de=hoi-dap")
    html = response.content.decode()
    expected = {a[1] for a in CITY_ARTICLES if "hoi-dap" in a[2]}
    assert set(titles(html)) == expected and len(expected) == 3
    assert 'aria-current="page">Hỏi – đáp cải cách hành chính</a>' in html
    assert 'href="/rss/chu-de/hoi-dap/"' in html
    assert "Chủ đề: Hỏi – đáp cải cách hành chính" in html
    unknown = client.get("/tin-tuc/?chu-de=khong-co")
    assert unknown.status_code == 200
    assert "Không có chủ đề «khong-co»; đang hiển thị tin của mọi chủ đề." in unknown.content.decode()
    empty = client.get("/phuong-sao-do/tin-tuc/?chu-de=cai-cach-tai-chinh-cong").content.decode()
    assert "Chưa có tin thuộc chủ đề này." in empty


def test_listing_queries_do_not_grow_with_the_number_of_articles(client, news_demo):  # noqa: F811
    def count(url):
        client.get(url)  # warm per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    index = NewsIndexPage.objects.get(url_path__endswith="/phuong-pha-lai/tin-tuc/")
    few = count(index.url)  # two articles, one with a lead image
    picture = ArticlePage.objects.child_of(index).exclude(lead_image=None).first()
    topics = list(Topic.objects.all()[:3])
    for number in range(15):
        article = ArticlePageFactory(parent=index, lead_image=picture.lead_image, lead_image_alt="Ảnh")
        article.topics = topics[: number % 4]
        article.save()
    assert count(index.url) == few
    assert count(index.url + "?trang=2") == few


def test_article_page_content_image_and_related(client, news_demo):  # noqa: F811
    response = client.get("/tin-tuc/chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh/")
    assert response.status_code == 200
    html = response.content.decode()
    year = ArticlePage.objects.get(slug="chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh").date.year
    assert f"<h1>Chí Linh triển khai Kế hoạch cải cách hành chính năm {year}</h1>" in html
    assert "6 nhóm nhiệm vụ" in html  # lead
    assert "Lấy sự hài lòng của người dân" in html  # quote block
    img = re.search(r'<img[^>]*alt="Hình minh họa: người dân làm thủ tục[^"]*"[^>]*>', html).group(0)
    assert 'srcset="' in img and "480w" in img and "1200w" in img and 'sizes="' in img
    assert "Văn bản chỉ đạo liên quan" in html and "76/NQ-CP" in html
    assert "Tin cùng chủ đề" in html


def test_article_sharing_tags_and_links(client, news_demo):  # noqa: F811
    url = "/tin-tuc/nop-ho-so-truc-tuyen-toan-trinh-khong-can-den-tru-so/"
    html = client.get(url).content.decode()
    full = Site.objects.get(is_default_site=True).root_url + url  # canonical: the site's own address

    def meta(prop):
        match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
        return match and match.group(1)

    assert meta("og:type") == "article"
    assert meta("og:title") == "Nộp hồ sơ trực tuyến toàn trình: người dân không cần đến trụ sở"
    assert meta("og:url") == full
    assert meta("og:locale") == "vi_VN"
    assert meta("og:description").startswith("Với dịch vụ công trực tuyến toàn trình")
    assert meta("og:image").startswith("http://testserver/media/images/") and meta("og:image:width") == "1200"
    assert meta("og:image:alt").startswith("Hình minh họa: điện thoại")
    assert meta("article:published_time")
    assert meta("twitter:card") == "summary_large_image"
    assert meta("twitter:image") == meta("og:image")
    assert f'<link rel="canonical" href="{full}">' in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(full, safe='')}" in html
    assert f"https://sp.zalo.me/share_inline?url={quote(full, safe='')}" in html
    # No third-party script: every script is served from our own static files.
    assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]*src="([^"]+)"', html))


def test_article_without_image_gets_a_summary_card(client, news_demo):  # noqa: F811
    html = client.get("/tin-tuc/hoi-dap-tra-cuu-tinh-trang-ho-so/").content.decode()
    assert '<meta name="twitter:card" content="summary">' in html
    assert 'property="og:image"' not in html


def test_city_home_shows_featured_and_latest_and_ward_home_its_own(client, news_demo):  # noqa: F811
    html = client.get("/").content.decode()
    section = html[html.index('id="home-news-title"') :]
    featured = [a[1] for a in CITY_ARTICLES if a[5]][:3]
    for title in featured:
        assert title in section
    assert "Tin mới" in section
    assert not any(a[1] in section for a in PUBLISHED if a[6] != "city")

    ward = client.get("/phuong-sao-do/").content.decode()
    assert "Tin cải cách hành chính của phường Sao Đỏ" in ward
    for article in SAO_DO_ARTICLES[:4]:  # the ward home shows its four latest
        assert article[1] in ward
    assert CITY_ARTICLES[0][1] not in ward
    assert "Tin cải cách hành chính" not in client.get("/phuong-ben-tam/").content.decode()


def test_home_sections_are_kept_until_what_they_show_changes(client, news_demo):  # noqa: F811
    """The home pages keep their sections' HTML in the site cache; a publish or an edited one-stop
    month shows on the next visit."""
    with CaptureQueriesContext(connection) as fresh:
        client.get("/")
    with CaptureQueriesContext(connection) as kept:
        client.get("/")
    assert len(kept) < len(fresh)

    index = NewsIndexPage.objects.child_of(HomePage.objects.get()).get()
    article = ArticlePageFactory(parent=index, title="Thành phố mở thêm điểm tiếp nhận hồ sơ buổi tối", live=False)
    assert article.title not in client.get("/").content.decode()
    article.save_revision().publish()
    assert article.title in client.get("/").content.decode()

    ward = client.get("/phuong-sao-do/").content.decode()
    month = OneStopResult.objects.filter(unit__slug="phuong-sao-do").order_by("-year", "-month").first()
    assert f"Tiếp nhận {month.received:,} hồ sơ".replace(",", ".") in ward
    month.received += 1234
    month.save()
    assert f"Tiếp nhận {month.received:,} hồ sơ".replace(",", ".") in client.get("/phuong-sao-do/").content.decode()


def test_directive_library_filters(client, news_demo):  # noqa: F811
    html = client.get("/van-ban-chi-dao/").content.decode()
    assert f"Tất cả văn bản ({len(DIRECTIVES)})" in html
    central = client.get("/van-ban-chi-dao/?cap=trung-uong").content.decode()
    assert "Kết quả: 6 văn bản" in central and "25/KH-UBND" not in central
    plans = client.get("/van-ban-chi-dao/?loai=ke-hoach&nam=2024").content.decode()
    assert "Kết quả: 2 văn bản" in plans and "25/KH-UBND" in plans and "09/KH-UBND" in plans
    by_number = client.get("/van-ban-chi-dao/?q=61/2018").content.decode()
    assert "Kết quả: 2 văn bản" in by_number, "Nghị định 61/2018 and the decree amending it"
    assert "Kết quả: 1 văn bản" in client.get("/van-ban-chi-dao/?q=Đề+án+06").content.decode()
    assert "Không có văn bản nào phù hợp." in client.get("/van-ban-chi-dao/?nam=1999").content.decode()
    unknown = client.get("/van-ban-chi-dao/?cap=vu-tru&loai=thu-tinh")
    assert unknown.status_code == 200
    html = unknown.content.decode()
    assert "Không có cấp ban hành «vu-tru»; đang hiển thị văn bản của mọi cấp." in html
    assert "Không có loại văn bản «thu-tinh»; đang hiển thị văn bản thuộc mọi loại." in html
    assert f"Tất cả văn bản ({len(DIRECTIVES)})" in html


def test_directive_document_page(client, news_demo):  # noqa: F811
    html = client.get("/van-ban-chi-dao/nghi-quyet-76-nq-cp/").content.decode()
    assert "Nghị quyết số 76/NQ-CP ngày 15/07/2021 của Chính phủ" in html
    assert re.search(r'<a href="/tai-lieu/[^"]+">Tải về</a>', html)
    assert "Chí Linh triển khai Kế hoạch cải cách hành chính năm " in html  # related article


def test_radio_pages_have_an_accessible_player_and_transcript(client, news_demo):  # noqa: F811
    html = client.get("/phat-thanh-cchc/").content.decode()
    assert html.count('class="episode"') == 3
    assert 'href="/podcast/"' in html
    episode = client.get("/phat-thanh-cchc/so-1-dich-vu-cong-truc-tuyen-toan-trinh/").content.decode()
    audio = re.search(r"<audio[^>]*>", episode).group(0)
    assert "controls" in audio and 'preload="none"' in audio and "aria-labelledby=" in audio
    assert re.search(r'<source src="/media/demo/news/[^"]+\.wav" type="audio/wav">', episode)
    assert "Tải tệp âm thanh" in episode and "(WAV," in episode
    assert '<h2 id="ban-ghi-loi"' in episode and "Kính thưa quý thính giả" in episode
    assert "autoplay" not in episode


def test_reform_indices_page_draws_svg_and_keeps_the_numbers_in_a_table(client, news_demo):  # noqa: F811
    html = client.get("/chi-so-cai-cach-hanh-chinh/").content.decode()
    assert "Số liệu mẫu" in html
    svg = re.search(r"<svg class=\"chart__svg\".*?</svg>", html, re.S).group(0)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert len(list(root.iter("{http://www.w3.org/2000/svg}circle"))) == 8  # 4 years × 2 indices, as dots
    scores = demo.sample_scores(ArticlePage.objects.get(slug="ket-qua-chi-so-cai-cach-hanh-chinh").date.year - 1)
    assert f"Năm {scores[0][0]}" in svg and f"Năm {scores[-1][0]}" in svg
    table = html[html.index("<table") : html.index("</table>")]
    for year, par, rank, sipas in scores:
        assert f"<th scope=\"row\">{year}</th>" in table
        assert par.replace(".", ",") in table and sipas.replace(".", ",") in table
        assert f"{rank}/12" in table


def test_onestop_results_page_month_table_trend_and_filters(client, news_demo):  # noqa: F811
    html = client.get("/ket-qua-giai-quyet-tthc/").content.decode()
    assert html.count('<th scope="row">') >= 20 + 6
    assert "Bộ phận một cửa thành phố" in html and "Toàn thành phố" in html
    assert html.count('class="chart__svg"') == 2
    latest = OneStopResult.objects.order_by("-year", "-month").first()
    assert f"Kết quả tháng {latest.month:02d}/{latest.year}" in html
    city = OneStopResult.objects.get(unit__depth=2, year=latest.year, month=latest.month)
    rate = f"{city.on_time_rate:.1f}%".replace(".", ",")
    assert rate in html

    ward = client.get("/ket-qua-giai-quyet-tthc/?don-vi=phuong-sao-do").content.decode()
    assert "Diễn biến theo tháng – Phường Sao Đỏ" in ward
    latest_month = f"tháng {latest.month:02d}/{latest.year}, tháng gần nhất đã công bố"
    old = client.get("/ket-qua-giai-quyet-tthc/?thang=1999-01").content.decode()
    assert f"Chưa có số liệu tháng 01/1999; đang hiển thị {latest_month}." in old
    assert f"Chưa có số liệu tháng đã chọn; đang hiển thị {latest_month}." in client.get(
        "/ket-qua-giai-quyet-tthc/?thang=abc"
    ).content.decode()
    unknown = client.get("/ket-qua-giai-quyet-tthc/?don-vi=khong-co").content.decode()
    assert "Không có đơn vị «khong-co»; đang hiển thị Bộ phận một cửa thành phố." in unknown
    assert "Diễn biến theo tháng – Bộ phận một cửa thành phố" in unknown


def test_sitemap_lists_live_news_pages_only(client, news_demo):  # noqa: F811
    article = ArticlePage.objects.get(slug="hoi-dap-tra-cuu-tinh-trang-ho-so")
    episode = RadioEpisodePage.objects.first()
    draft = ArticlePageFactory(parent=article.get_parent(), slug="ban-nhap-chua-dang", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    root = Site.objects.get(is_default_site=True).root_url
    for path in ["/tin-tuc/", "/tin-tuc/hoi-dap-tra-cuu-tinh-trang-ho-so/", "/van-ban-chi-dao/nghi-quyet-76-nq-cp/",
                 episode.url, "/chi-so-cai-cach-hanh-chinh/", "/ket-qua-giai-quyet-tthc/", "/phuong-sao-do/tin-tuc/"]:
        assert f"<loc>{root}{path}</loc>" in sitemap, path
    assert draft.slug not in sitemap
    article.unpublish()
    assert "/tin-tuc/hoi-dap-tra-cuu-tinh-trang-ho-so/" not in client.get("/sitemap.xml").content.decode()
    assert HomePage.objects.count() == 1


def test_a_private_article_stays_out_of_listings_sections_related_and_feeds(client, news_demo):  # noqa: F811
    from wagtail.models import PageViewRestriction

    article = ArticlePage.objects.get(slug="hoi-nghi-tap-huan-nghiep-vu-mot-cua-cho-cong-chuc-cap-xa")
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="mat-khau-rieng")
    assert client.get(article.url).status_code == 200  # the password form, not the article
    assert article.lead not in client.get(article.url).content.decode()
    for url in ["/tin-tuc/", "/tin-tuc/?chu-de=co-che-mot-cua", "/", "/rss/",
                "/tin-tuc/tren-98-ho-so-duoc-giai-quyet-dung-han/"]:
        assert article.title not in client.get(url).content.decode(), url


def test_article_shows_its_topics_procedures_and_documents_read_in_few_queries(client, news_demo):  # noqa: F811
    """Topics, related procedures and citing documents: ids in one query, topics from the site cache,
    pages only for a kind that has any; renamed topics and unpublished links show at once."""
    from procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory

    index = NewsIndexPage.objects.child_of(news_demo.home).get()
    catalogue = ProcedureIndexPageFactory(parent=news_demo.home, title="Thủ tục hành chính", slug="thu-tuc-lk")
    shown = ProcedurePageFactory(parent=catalogue, code="1.000001", title="Đăng ký khai sinh")
    hidden = ProcedurePageFactory(parent=catalogue, code="1.000002", title="Thủ tục đã ngừng đăng")
    hidden.unpublish()
    topic = Topic.objects.get(slug="co-che-mot-cua")
    article = ArticlePageFactory(parent=index, title="Một cửa liên thông khai sinh", slug="mot-cua-lien-thong-lk")
    article.topics.set([topic])
    article.related_procedures.set([shown, hidden])
    article.save()
    document = DirectiveDocumentPage.objects.live().first()
    document.related_articles.add(article)
    document.save()

    client.get(article.url)  # warm the site cache like a running server
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.url).content.decode()
    # route, linked ids, related articles by topic, the procedures, the documents
    assert len(queries) == 5, [q["sql"][:120] for q in queries.captured_queries]
    assert f">{topic.name}</a>" in html
    assert "Đăng ký khai sinh" in html and "(mã 1.000001)" in html
    assert "Thủ tục đã ngừng đăng" not in html
    assert f"số {document.number}</a>" in html

    topic.name = "Một cửa, một cửa liên thông (tên mới)"
    topic.save()
    assert "Một cửa, một cửa liên thông (tên mới)</a>" in client.get(article.url).content.decode()

    plain = ArticlePageFactory(parent=index, title="Tin không liên kết", slug="tin-khong-lien-ket-lk")
    client.get(plain.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(plain.url).status_code == 200
    assert len(queries) == 2  # route and linked ids: no topic, so no related articles either


def test_article_preview_shows_the_links_held_in_memory(client, news_demo, rf):  # noqa: F811
    """A preview (or revision) holds its topics and related procedures in memory, not in the tables."""
    index = NewsIndexPage.objects.child_of(news_demo.home).get()
    article = ArticlePageFactory(parent=index, title="Bản nháp có chủ đề", slug="ban-nhap-co-chu-de-lk")
    topic = Topic.objects.get(slug="hoi-dap")
    draft = article.with_content_json(article.serializable_data())
    draft.topics = [topic]  # chosen in the editor, not saved yet
    assert not hasattr(draft.topics.all(), "query")
    request = rf.get(article.url)
    request.user = None
    context = draft.get_context(request)
    assert context["article_topics"] == [topic]
    assert not ArticlePage.objects.get(pk=article.pk).topics.exists()
