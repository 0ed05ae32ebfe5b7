"""The site shell: demo city and ward pages, base layout, robots/sitemap, search outage tolerance."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.demo import COMMUNES, WARDS
from home.models import ContentPage, HomePage, WardHomePage

pytestmark = pytest.mark.django_db


def test_demo_builds_city_home_with_19_ward_pages_under_it(demo_site):
    wards = WardHomePage.objects.child_of(demo_site)
    assert wards.count() == 19 == len(WARDS) + len(COMMUNES)
    names = {w.full_name for w in wards}
    assert "Phường Sao Đỏ" in names and "Xã Hoàng Hoa Thám" in names and "Phường Cộng Hòa" in names
    assert all(w.live for w in wards)


def test_load_demo_twice_duplicates_nothing(demo_site):
    before = Page.objects.count()
    out = io.StringIO()
    call_command("load_demo", procedures_limit=12, stdout=out)
    assert Page.objects.count() == before
    assert HomePage.objects.count() == 1
    assert "Tài khoản quản trị: admin / " in out.getvalue()


def test_home_and_every_ward_page_render_in_vietnamese(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Bỏ qua, đến nội dung chính" in html
    assert "Ủy ban nhân dân thành phố Chí Linh" in html
    assert 'href="tel:02203882666"' in html  # footer hotline as a tel: link
    for ward in WardHomePage.objects.child_of(demo_site):
        response = client.get(ward.url)
        assert response.status_code == 200, ward.url
        body = response.content.decode()
        assert ward.full_name in body
        assert "Bộ phận một cửa" in body


def test_page_types_declare_where_they_live(demo_site):
    assert WardHomePage.can_create_at(demo_site)
    ward = WardHomePage.objects.first()
    assert not WardHomePage.can_create_at(ward)
    assert ContentPage.can_create_at(ward)
    assert not HomePage.can_create_at(demo_site)


def test_robots_and_sitemap_list_live_pages(client, demo_site):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    ward, other = WardHomePage.objects.all()[:2]
    ward_loc = f"<loc>{ward.full_url}</loc>"
    assert ward_loc in client.get("/sitemap.xml").content.decode()
    ward.unpublish()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{other.full_url}</loc>" in sitemap
    assert ward_loc not in sitemap


def test_sitemap_is_rendered_once_and_extra_parameters_cannot_bust_it(client, demo_site, django_assert_max_num_queries):
    first = client.get("/sitemap.xml")
    assert first.status_code == 200 and first["X-Robots-Tag"]
    with django_assert_max_num_queries(0):  # from the site cache: no page is read again
        assert client.get("/sitemap.xml").content == first.content
    for query, canonical in (("?x=1", ""), ("?p=1", ""), ("?p=%C2%B2", ""), ("?p=2&p=3", "?p=3"), ("?p=" + "9" * 30, "")):
        response = client.get("/sitemap.xml" + query)
        assert response.status_code == 301 and response["Location"] == "/sitemap.xml" + canonical, query


def test_unknown_url_gives_vietnamese_404(client, demo_site):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unreachable_search_engine_never_breaks_pages(client, demo_site, settings):
    from search import engine

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    assert engine.status_label() == "unavailable"
    assert client.get("/").status_code == 200
    health = client.get("/suc-khoe/")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "degraded" and body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["search"]["index_status"] == "unreachable"
    assert body["checks"]["search"]["engine"] == "database"
