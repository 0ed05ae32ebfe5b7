"""Deep URLs route in one or two queries and answer exactly as Wagtail's own routing would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.models import ContentPage, WardHomePage
from tests.test_procedure_import import make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    home = make_home()
    ward = WardHomePage(title="Phường Sao Đỏ", slug="phuong-sao-do", unit_kind="phuong", unit_name="Sao Đỏ")
    home.add_child(instance=ward)
    section = ward.add_child(instance=ContentPage(title="Thông báo", slug="thong-bao"))
    notice = section.add_child(instance=ContentPage(title="Lịch tiếp công dân tháng 12", slug="lich-tiep"))
    return home, ward, section, notice


def route_queries(home, path):
    """Queries spent by routing alone (no rendering)."""
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    components = [part for part in path.split("/") if part]
    with CaptureQueriesContext(connection) as queries:
        result = home.route(request, components)
    return result.page, len(queries)


def test_deep_page_found_in_one_query_once_the_sections_are_cached(tree):
    home, ward, section, notice = tree
    page, queries = route_queries(home, "/phuong-sao-do/thong-bao/lich-tiep/")
    assert page.pk == notice.pk and isinstance(page, ContentPage)
    assert queries == 2  # the sections (cached from now on) and the page; Wagtail's walk takes six
    page, queries = route_queries(home, "/phuong-sao-do/thong-bao/lich-tiep/")
    assert page.pk == notice.pk and isinstance(page, ContentPage)
    assert page.title == "Lịch tiếp công dân tháng 12" and page.live
    assert queries == 1


def test_a_page_under_a_section_of_mixed_types_takes_two_queries(tree):
    home, ward, section, notice = tree
    route_queries(home, "/phuong-sao-do/thong-bao/")  # warm the cache
    page, queries = route_queries(home, "/phuong-sao-do/thong-bao/")
    assert page.pk == section.pk and isinstance(page, ContentPage)
    assert queries == 2  # a ward admits many page types: a narrow read first, then the specific row


def test_a_section_added_after_caching_is_routed(client, tree):
    home, ward, section, notice = tree
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200
    deeper = notice.add_child(instance=ContentPage(title="Phụ lục", slug="phu-luc"))
    response = client.get("/phuong-sao-do/thong-bao/lich-tiep/phu-luc/")
    assert response.status_code == 200 and "Phụ lục" in response.content.decode()
    # Moved elsewhere: the new address answers, the old one redirects there (Wagtail's redirects).
    section.move(home, pos="last-child")
    assert client.get("/thong-bao/lich-tiep/phu-luc/").status_code == 200
    old = client.get("/phuong-sao-do/thong-bao/lich-tiep/phu-luc/")
    assert old.status_code == 301 and old["Location"] == "/thong-bao/lich-tiep/phu-luc/"
    deeper.refresh_from_db()
    assert deeper.url == "/thong-bao/lich-tiep/phu-luc/"


def test_answers_match_wagtails_routing(client, tree):
    home, ward, section, notice = tree
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200
    assert client.get("/phuong-sao-do/thong-bao/").status_code == 200
    assert client.get("/phuong-sao-do/thong-bao/khong-co/").status_code == 404
    assert client.get("/phuong-sao-do/khong-co/lich-tiep/").status_code == 404
    # A draft at the end of the path is not served; Wagtail does not check the pages on the way.
    notice.unpublish()
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 404
    notice.save_revision().publish()
    section.unpublish()
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200
    assert client.get("/phuong-sao-do/thong-bao/").status_code == 404


def test_private_sections_stay_private(client, tree):
    home, ward, section, notice = tree
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/phuong-sao-do/thong-bao/lich-tiep/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_page_with_its_own_routing_on_the_way_keeps_it(tree, monkeypatch):
    home, ward, section, notice = tree
    seen = []

    def custom_route(self, request, path_components):
        seen.append(list(path_components))
        return Page.route(self, request, path_components)

    monkeypatch.setattr(ContentPage, "route", custom_route)
    page, _queries = route_queries(home, "/phuong-sao-do/thong-bao/lich-tiep/")
    assert page.pk == notice.pk
    assert seen[0] == ["lich-tiep"]  # the section's own route ran, as Wagtail would run it


def test_a_restriction_added_later_applies_at_once(client, tree):
    home, ward, section, notice = tree
    client.get("/phuong-sao-do/")  # creates the site's settings row, which clears the cache once
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200  # cached: no restrictions
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/phuong-sao-do/thong-bao/lich-tiep/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/phuong-sao-do/").status_code == 200  # above the restriction
    restriction.delete()
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200


def test_an_alias_of_a_private_page_is_private(client, tree):
    home, ward, section, notice = tree
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    notice.create_alias(parent=ward, update_slug="lich-tiep-ban-sao")
    response = client.get("/phuong-sao-do/lich-tiep-ban-sao/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_breadcrumbs_from_the_route_match_the_tree(client, tree):
    home, ward, section, notice = tree
    html = client.get("/phuong-sao-do/thong-bao/lich-tiep/").content.decode()
    crumbs = html.split('aria-label="Đường dẫn"', 1)[1].split("</nav>", 1)[0]
    expected = ['href="/">Trang chủ<', 'href="/phuong-sao-do/">Phường Sao Đỏ<', 'href="/phuong-sao-do/thong-bao/">Thông báo<']
    positions = [crumbs.find(part) for part in expected]
    assert -1 not in positions and positions == sorted(positions), crumbs
    assert 'aria-current="page">Lịch tiếp công dân tháng 12<' in crumbs


def test_every_page_type_of_ours_skips_the_restriction_query_only_when_safe():
    """A new page type must take the mixin (else each of its views costs Wagtail's two queries)."""
    from wagtail.models import get_page_models

    from home.restrictions import CachedViewRestrictionsMixin

    ours = [m for m in get_page_models() if m.__module__.split(".")[0] in {"home", "procedures", "news", "hotline"}]
    assert len(ours) >= 10
    missing = [m.__name__ for m in ours if not issubclass(m, CachedViewRestrictionsMixin)]
    assert missing == []


def test_a_restriction_made_by_another_process_applies_within_the_local_timeout(client, tree, settings):
    """With a process-local cache no signal from another process arrives: entries expire instead."""
    import time

    home, ward, section, notice = tree
    settings.SITE_CACHE_LOCAL_SECONDS = 1
    client.get("/phuong-sao-do/")  # creates the site's settings row, which clears the cache once
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200
    # bulk_create sends no post_save: what this process sees when another one adds the restriction.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=section, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 200  # still the cached view
    time.sleep(1.2)
    assert client.get("/phuong-sao-do/thong-bao/lich-tiep/").status_code == 302
