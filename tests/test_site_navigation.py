"""Header navigation (menu and current ward) from the cache: right, quick, and never stale after an edit."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import ContentPage, WardHomePage
from tests.test_procedure_import import make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    cache.clear()
    home = make_home()
    about = ContentPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    home.add_child(instance=about)
    about.save_revision().publish()
    ward = WardHomePage(title="Phường Sao Đỏ", slug="phuong-sao-do", unit_kind="phuong", unit_name="Sao Đỏ")
    home.add_child(instance=ward)
    ward.save_revision().publish()
    notice = ContentPage(title="Lịch tiếp công dân", slug="lich-tiep-cong-dan")
    ward.add_child(instance=notice)
    notice.save_revision().publish()
    return home, about, ward, notice


def menu_links(html):
    nav = html.split('aria-label="Điều hướng chính"', 1)[1].split("</nav>", 1)[0]
    return nav


def test_menu_and_ward_header(client, tree):
    home, about, ward, notice = tree
    html = client.get(notice.url).content.decode()
    assert "Giới thiệu" in menu_links(html)
    assert "Lịch tiếp công dân" not in menu_links(html)  # not in menus
    assert 'class="site-header__ward"><a href="/phuong-sao-do/">Phường Sao Đỏ</a>' in html
    # A city page has no ward line.
    assert "site-header__ward" not in client.get(about.url).content.decode()


def test_second_request_reads_navigation_from_cache(client, tree):
    home, about, ward, notice = tree
    client.get(notice.url)
    with CaptureQueriesContext(connection) as warm:
        client.get(notice.url)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(notice.url)
    assert len(cold) - len(warm) >= 3  # root, menu, wards


def test_publishing_and_unpublishing_show_at_once(client, tree):
    home, about, ward, notice = tree
    client.get("/")  # fill the cache
    contact = ContentPage(title="Liên hệ", slug="lien-he", show_in_menus=True)
    home.add_child(instance=contact)
    contact.save_revision().publish()
    assert "Liên hệ" in menu_links(client.get("/").content.decode())
    about.unpublish()
    assert "Giới thiệu" not in menu_links(client.get("/").content.decode())


def test_renamed_ward_shows_its_new_name(client, tree):
    home, about, ward, notice = tree
    client.get(notice.url)
    ward.unit_name = "Chí Linh Mới"
    ward.title = "Phường Chí Linh Mới"
    ward.save_revision().publish()
    assert "Phường Chí Linh Mới</a>" in client.get(notice.url).content.decode()


def test_site_settings_edit_shows_at_once(client, tree):
    from home.models import SiteSettings

    home, about, ward, notice = tree
    client.get(notice.url)  # settings now cached
    settings = SiteSettings.objects.get()
    settings.unit_name = "Ủy ban nhân dân thành phố Chí Linh (đổi tên)"
    settings.save()
    assert "Ủy ban nhân dân thành phố Chí Linh (đổi tên)</h2>" in client.get(notice.url).content.decode()


def test_site_changes_take_effect_at_once(client, tree):
    from wagtail.models import Site

    home, about, ward, notice = tree
    assert client.get("/lich-tiep-cong-dan/", HTTP_HOST="localhost").status_code == 404
    assert client.get("/phuong-sao-do/lich-tiep-cong-dan/", HTTP_HOST="localhost").status_code == 200
    # The ward gets its own hostname: that host now serves the ward's subtree at its root.
    Site.objects.create(hostname="saodo.localhost", port=80, root_page=ward, site_name="Sao Đỏ")
    response = client.get("/lich-tiep-cong-dan/", HTTP_HOST="saodo.localhost")
    assert response.status_code == 200 and "Lịch tiếp công dân" in response.content.decode()
    Site.objects.filter(hostname="saodo.localhost").delete()
    assert client.get("/lich-tiep-cong-dan/", HTTP_HOST="saodo.localhost").status_code == 404


def test_shell_reads_no_site_wide_rows_when_warm(client, tree):
    """Warm, a deep page costs its route (2 queries) and nothing for site, root, settings,
    restrictions or breadcrumbs."""
    home, about, ward, notice = tree
    client.get(notice.url)  # creates the site's settings row, which clears the cache once
    client.get(notice.url)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(notice.url)
    assert response.status_code == 200
    tables = " ".join(q["sql"] for q in warm.captured_queries)
    for table in ("wagtailcore_site", "home_sitesettings", "wagtailcore_pageviewrestriction", "home_homepage"):
        assert table not in tables, [q["sql"][:400] for q in warm.captured_queries]
    assert len(warm) == 2, [q["sql"][:120] for q in warm.captured_queries]


def test_process_local_values_are_kept_until_cleared_expired_or_the_cache_is_emptied(settings):
    """With the local-memory cache the values stay in the process (no pickling on each read); every
    way an entry used to end still ends it."""
    import time

    from core import cache as site_cache

    builds = []

    def build():
        builds.append(1)
        return {"built": len(builds)}

    first = site_cache.cached("test-entry", build)
    assert site_cache.cached("test-entry", build) is first and len(builds) == 1
    site_cache.clear()  # a page, site or setting saved in this process
    assert site_cache.cached("test-entry", build) == {"built": 2}
    cache.clear()  # the cache emptied under it (as between tests): the version starts anew
    assert site_cache.cached("test-entry", build) == {"built": 3}
    settings.SITE_CACHE_LOCAL_SECONDS = 0.2
    site_cache.clear()
    assert site_cache.cached("test-entry", build) == {"built": 4}
    time.sleep(0.3)
    assert site_cache.cached("test-entry", build) == {"built": 5}  # another process may have changed it
