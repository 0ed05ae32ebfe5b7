"""The plan's duties on the public site: the audience facet of the news, theme pages and their articles,
department pages, and each ward's own reform indices and one-stop results (on the news demo)."""

import re

import pytest

from home.models import DepartmentPage, WardHomePage
from news.models import (
    ArticlePage,
    IndexScore,
    NewsIndexPage,
    OneStopResult,
    OneStopResultsPage,
    ReformIndicesPage,
    ThemePage,
)
from news.models.audiences import AUDIENCES, UNKNOWN_AUDIENCE_NOTE
from tests.test_news_fixtures import news_demo  # noqa: F401  (module-scoped fixture)

pytestmark = pytest.mark.django_db


def listed_urls(html):
    """URLs of the article cards of a listing, in order."""
    section = html[html.index('class="news-list"') : html.index("</ul>", html.index('class="news-list"'))]
    return re.findall(r'<a href="([^"]+)"', section)


def test_audience_facet_lists_only_that_audiences_articles(client, news_demo):  # noqa: F811
    index = NewsIndexPage.objects.child_of(news_demo.home).get()
    city = ArticlePage.objects.child_of(index).live()
    everyone = client.get(index.url).content.decode()
    assert all(f'doi-tuong={a.slug}"' in everyone for a in AUDIENCES)
    for audience in AUDIENCES:
        expected = list(city.filter(**{audience.field: True}).order_by("-date", "-pk")[: index.per_page])
        assert expected, f"the demo has no city article for {audience.label}"
        assert len(expected) < city.count()  # the facet narrows the list
        html = client.get(index.url, {"doi-tuong": audience.slug}).content.decode()
        assert f"Dành cho: {audience.label}" in html
        assert [u for u in listed_urls(html) if "/tin-tuc/" in u][: len(expected)] == [a.url for a in expected]
        assert set(listed_urls(html)) == {a.url for a in expected} | (set(listed_urls(html)) - {a.url for a in city})
        others = city.filter(**{audience.field: False})
        assert not any(a.url in listed_urls(html) for a in others)

    # With a topic too: both filters hold.
    businesses = AUDIENCES[1]
    article = city.filter(for_businesses=True).exclude(topics=None).first()
    topic = article.topics.first()
    html = client.get(index.url, {"doi-tuong": businesses.slug, "chu-de": topic.slug}).content.decode()
    shown = set(listed_urls(html))
    assert article.url in shown
    assert shown <= {a.url for a in city.filter(for_businesses=True, topics=topic)}

    # An unknown or hostile value lists everything with a Vietnamese note, never an error.
    for value in ("xyz", "<script>", "a" * 500):
        response = client.get(index.url, {"doi-tuong": value})
        assert response.status_code == 200
        assert f'<p class="notice" role="status">{UNKNOWN_AUDIENCE_NOTE}</p>' in response.content.decode()


def test_article_page_names_its_audiences(client, news_demo):  # noqa: F811
    article = ArticlePage.objects.live().filter(for_businesses=True, for_citizens=True).first()
    html = client.get(article.url).content.decode()
    assert 'Dành cho: <a href="' in html
    assert '?doi-tuong=doanh-nghiep">doanh nghiệp</a>' in html and '?doi-tuong=nguoi-dan">người dân</a>' in html


def test_theme_pages_list_their_topics_articles_from_every_unit(client, news_demo):  # noqa: F811
    themes = list(ThemePage.objects.live())
    assert {t.slug for t in themes} >= {
        "pho-bien-giao-duc-phap-luat", "iso-9001", "phong-chong-tham-nhung", "mat-tran-to-quoc-va-cac-doan-the",
        "bieu-duong-phe-phan",
    }
    for theme in themes:
        expected = list(
            ArticlePage.objects.live().filter(topics=theme.topic).order_by("-date", "-pk")[: ThemePage.per_page]
        )
        assert expected, f"the demo has no article for the theme {theme.title}"
        html = client.get(theme.url).content.decode()
        assert f"<h1>{theme.title}</h1>" in html
        assert listed_urls(html) == [a.url for a in expected], theme.slug
        unrelated = ArticlePage.objects.live().exclude(topics=theme.topic).first()
        assert unrelated.url not in html

    # A department's theme names the department that keeps it, a city theme does not.
    legal = ThemePage.objects.get(slug="pho-bien-giao-duc-phap-luat")
    department = DepartmentPage.objects.get(slug="phong-tu-phap")
    assert legal.get_parent().pk == department.pk
    html = client.get(legal.url).content.decode()
    assert f'Đơn vị phụ trách: <a href="{department.url}">Phòng Tư pháp</a>' in html
    # A theme gathers articles from the city, the departments and the wards alike.
    def units(theme):
        return {a.get_parent().get_parent().specific_class for a in ArticlePage.objects.live().filter(topics=theme.topic)}

    assert any(len(units(t)) >= 2 for t in themes)
    assert DepartmentPage in units(legal)
    assert "Đơn vị phụ trách" not in client.get(ThemePage.objects.get(slug="phong-chong-tham-nhung").url).content.decode()

    # A stale or invalid page number shows the last or the first page and says so, never an error.
    theme = themes[0]
    total = ArticlePage.objects.live().filter(topics=theme.topic).count()
    last = max(1, -(-total // ThemePage.per_page))
    past = client.get(theme.url, {"trang": last + 5})
    assert past.status_code == 200
    assert f"Không có trang {last + 5}; đang hiển thị trang cuối (trang {last})." in past.content.decode()
    for bad in ("abc", "0", "9" * 40):
        recovered = client.get(theme.url, {"trang": bad})
        assert recovered.status_code == 200
        assert "Số trang không hợp lệ; đang hiển thị trang đầu." in recovered.content.decode()

    # The city home links every theme.
    home = client.get("/").content.decode()
    assert all(f'href="{t.url}"' in home for t in themes)


def test_department_pages_show_contacts_news_and_themes(client, news_demo):  # noqa: F811
    departments = list(DepartmentPage.objects.live())
    assert {d.title for d in departments} >= {"Phòng Văn hóa - Thông tin", "Phòng Tư pháp", "Phòng Nội vụ", "Phòng Kinh tế"}
    index = client.get(departments[0].get_parent().url).content.decode()
    assert all(f'href="{d.url}"' in index for d in departments)

    department = DepartmentPage.objects.get(slug="phong-tu-phap")
    html = client.get(department.url).content.decode()
    assert "Chức năng, nhiệm vụ" in html and department.phone in html
    news = NewsIndexPage.objects.child_of(department).get()
    latest = ArticlePage.objects.child_of(news).live().order_by("-date", "-pk").first()
    assert latest.url in html and f'href="{news.url}"' in html
    assert f'href="{ThemePage.objects.child_of(department).get().url}"' in html
    # The department's news carries its name as the publishing unit.
    assert "Phòng Tư pháp" in client.get(latest.url).content.decode()


def test_each_ward_has_its_own_indices_and_results(client, news_demo):  # noqa: F811
    wards = list(WardHomePage.objects.live())
    sao_do, other = WardHomePage.objects.get(slug="phuong-sao-do"), next(w for w in wards if w.slug != "phuong-sao-do")

    page = ReformIndicesPage.objects.child_of(sao_do).get()
    html = client.get(page.url).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    scores = list(IndexScore.objects.filter(page=page).order_by("year"))
    assert len(scores) == 3
    for s in scores:
        assert f'<th scope="row">{s.year}</th>' in table
        assert f"{s.par_index:.2f}".replace(".", ",") in table and f"{s.par_rank}/{len(wards)}" in table
    foreign = IndexScore.objects.filter(page__in=ReformIndicesPage.objects.child_of(other)).first()
    assert f"{foreign.par_index:.2f}".replace(".", ",") not in table
    assert "Kết quả qua các năm – UBND phường Sao Đỏ" in html
    assert "Chỉ số của các phường, xã" not in html  # the wards' table is the city's

    # The city's page ranks the wards by their latest PAR Index and links each ward's page.
    city_html = client.get(ReformIndicesPage.objects.child_of(news_demo.home).get().url).content.decode()
    wards_table = city_html[city_html.index('id="indices-wards-title"') :]
    links = re.findall(r'<th scope="row"><a href="([^"]+)">', wards_table)
    assert len(links) == len(wards) and page.url in links
    latest_par = {
        p.url: IndexScore.objects.filter(page=p).order_by("-year").first().par_index
        for p in ReformIndicesPage.objects.exclude(pk__in=ReformIndicesPage.objects.child_of(news_demo.home))
    }
    par = [latest_par[u] for u in links]
    assert par == sorted(par, reverse=True)

    # One-stop: the ward's page reports its own desk only; the city's links every ward's page.
    onestop = OneStopResultsPage.objects.child_of(sao_do).get()
    html = client.get(onestop.url).content.decode()
    latest = OneStopResult.objects.filter(unit_id=sao_do.pk).order_by("-year", "-month").first()
    month_table = html[html.index('id="onestop-month-caption"') : html.index("</table>")]
    assert f'<td class="num">{latest.received}</td>' in month_table
    assert month_table.count('<th scope="row">') == 1 and "Toàn thành phố" not in month_table
    city_onestop = client.get(OneStopResultsPage.objects.child_of(news_demo.home).get().url).content.decode()
    assert f'href="{onestop.url}"' in city_onestop

    # The ward's home shows its latest month and indices, linked to both pages.
    home = client.get(sao_do.url).content.decode()
    assert "Kết quả cải cách hành chính của phường Sao Đỏ" in home
    assert f"Tiếp nhận {latest.received} hồ sơ" in home
    assert f"Chỉ số năm {scores[-1].year}" in home
    assert f'href="{onestop.url}"' in home and f'href="{page.url}"' in home
