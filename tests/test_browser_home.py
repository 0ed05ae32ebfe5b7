"""The home page in headless Chromium on a phone: renders, no console errors, screenshot saved."""

import pytest

from tests.a11y import assert_accessible
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_on_phone_viewport(live_server, transactional_demo_site, phone_page):
    response = phone_page.goto(live_server.url + "/")
    assert response.status == 200
    assert phone_page.locator("h1").first.inner_text().startswith("Cổng thông tin")
    # Readable on 360 px: nothing overflows horizontally.
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone screen"
    # The skip link is first in tab order and lands on main.
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.className") == "skip-link"
    shot = save_screenshot(phone_page, "home-phone")
    assert_accessible(phone_page, "home-phone")
    assert shot.stat().st_size > 10_000
    assert phone_page.console_errors == []


def test_ward_page_on_phone_viewport(live_server, transactional_demo_site, phone_page):
    response = phone_page.goto(live_server.url + "/phuong-sao-do/")
    assert response.status == 200
    assert "Phường Sao Đỏ" in phone_page.locator("h1").inner_text()
    save_screenshot(phone_page, "ward-phone")
    assert_accessible(phone_page, "ward-phone")
    assert phone_page.console_errors == []
