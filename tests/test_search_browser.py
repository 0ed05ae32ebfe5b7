"""The search page in headless Chromium at phone width: results, autocomplete by keyboard, outage notice."""

import re

import pytest

from tests.a11y import assert_accessible
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.search, pytest.mark.django_db(transaction=True)]

WANTED = ["1.001193", "1.004884", "1.003583", "2.000635", "1.000894", "1.014064", "1.013225", "1.004873"]


@pytest.fixture
def search_site(transactional_demo_site, es_client):
    """The demo site plus a few well-known procedures, indexed."""
    from django.core.cache import cache

    from bench.search_corpus import catalogue_root, procedure_page, records
    from procedures.models import ProcedurePage
    from search import indexing

    existing = set(ProcedurePage.objects.values_list("code", flat=True))
    catalogue = catalogue_root()
    cache_ = {}
    for record in records():
        if record["code"] in WANTED and record["code"] not in existing:
            catalogue.add_child(instance=procedure_page(record, cache_))
    indexing.rebuild()
    cache.clear()
    return transactional_demo_site


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_results_on_a_phone(live_server, search_site, phone_page):
    response = phone_page.goto(live_server.url + "/tim-kiem/?q=lam+giay+khai+sinh")
    assert response.status == 200
    first = phone_page.locator(".result").first
    assert "Đăng ký khai sinh" in first.locator(".result__title").inner_text()
    assert first.locator(".badge--type").inner_text() == "Thủ tục"
    assert "1.001193" in first.locator(".result__code").inner_text()
    assert phone_page.locator(".result__snippet mark").count() > 0
    assert phone_page.locator(".search-notice").count() == 0
    assert no_overflow(phone_page)
    save_screenshot(phone_page, "search-results-phone")
    assert_accessible(phone_page, "search-results-phone")
    assert phone_page.console_errors == []


def test_autocomplete_by_keyboard(live_server, search_site, phone_page):
    phone_page.goto(live_server.url + "/tim-kiem/")
    box = phone_page.locator("#search-q")
    assert box.get_attribute("role") == "combobox"
    box.click()
    box.press_sequentially("dang ky kh", delay=30)
    listbox = phone_page.locator("#search-q-listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert options.count() >= 1
    titles = [t.split("\n")[0] for t in options.all_inner_texts()]
    assert any(t.startswith("Đăng ký khai sinh") for t in titles)
    save_screenshot(phone_page, "search-autocomplete-phone", full_page=False)
    assert_accessible(phone_page, "search-autocomplete-phone")
    box.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == first_id
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    box.press("Enter")
    phone_page.wait_for_url(re.compile(r".*/(?!tim-kiem/).+"))
    assert "/tim-kiem/" not in phone_page.url
    assert phone_page.console_errors == []


def test_outage_notice_on_a_phone(live_server, search_site, phone_page, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = phone_page.goto(live_server.url + "/tim-kiem/?q=cap+lai+can+cuoc")
    assert response.status == 200
    notice = phone_page.locator(".search-notice")
    assert "tạm thời gián đoạn" in notice.inner_text()
    assert "1.014064" in phone_page.locator(".result__code").first.inner_text()
    assert no_overflow(phone_page)
    save_screenshot(phone_page, "search-fallback-phone")
    assert_accessible(phone_page, "search-fallback-phone")


def test_no_results_on_a_phone(live_server, search_site, phone_page):
    response = phone_page.goto(live_server.url + "/tim-kiem/?q=qxzvv+wqyyk")
    assert response.status == 200
    assert phone_page.locator(".search-help a[href='/phan-anh-kien-nghi/']").count() == 1
    save_screenshot(phone_page, "search-empty-phone")
    assert_accessible(phone_page, "search-empty-phone")


def test_facets_beside_results_on_a_desktop(live_server, search_site, desktop_page):
    desktop_page.goto(live_server.url + "/tim-kiem/?q=dang+ky")
    facets = desktop_page.locator(".search-facets")
    results = desktop_page.locator(".search-results")
    assert facets.bounding_box()["x"] < results.bounding_box()["x"]
    desktop_page.locator(".facet input[value='Hộ tịch']").check()
    desktop_page.locator(".search-facets button[type=submit]").click()
    desktop_page.wait_for_url("**field=H%E1%BB%99+t%E1%BB%8Bch**")  # a click returns before the new page
    assert all("Hộ tịch" in t for t in desktop_page.locator(".result__facts").all_inner_texts())
    save_screenshot(desktop_page, "search-facets-desktop")
    assert_accessible(desktop_page, "search-facets-desktop")
