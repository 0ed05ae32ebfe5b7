"""Finding one's way in headless Chromium (375 px phone, 1280 px desktop): the main menu, the home page's
hotline section inside the container, the one-stop charts, focus on a feedback form's error summary."""

import pytest
from playwright.sync_api import expect

from tests.a11y import assert_accessible
from tests.conftest import _browser_page, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


@pytest.fixture
def phone(chromium):
    """The narrowest common phone the issue was seen on: 375 px."""
    context, page = _browser_page(chromium, viewport={"width": 375, "height": 812}, device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture(params=["phone", "desktop"])
def screen(request):
    return request.param, request.getfixturevalue("phone" if request.param == "phone" else "desktop_page")


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_main_menu(live_server, name, page):
    """The catalogue is in the main menu, which folds under its button on a phone."""
    assert page.goto(live_server.url + "/").status == 200
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    catalogue = nav.get_by_role("link", name="Thủ tục hành chính")
    toggle = nav.get_by_role("button", name="Chuyên mục")
    if name == "phone":
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        assert not catalogue.is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert catalogue.is_visible()
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false" and not catalogue.is_visible()
        toggle.click()
    else:
        assert not toggle.is_visible()
        assert catalogue.is_visible()
        # One row on a desktop: every item's top is the first item's.
        tops = {round(box["y"]) for box in (li.bounding_box() for li in nav.locator("li").all())}
        assert len(tops) == 1, tops
    for label in ("Trang chủ", "Tin tức", "Văn bản chỉ đạo", "Tìm kiếm"):
        assert nav.get_by_role("link", name=label).first.is_visible(), label
    assert overflow(page) <= 0
    save_screenshot(page, f"wayfinding-menu-{name}", full_page=False)
    assert_accessible(page, f"wayfinding-menu-{name}", impacts=ALL_IMPACTS)
    catalogue.click()
    page.wait_for_url("**/thu-tuc-hanh-chinh/")
    assert page.locator("h1").first.inner_text()
    assert page.locator(".catalogue__downloads a").count() == 3
    assert page.console_errors == []


def check_home_sections(live_server, name, page):
    """The home page's sections (the hotline one too) start at the container's edge."""
    assert page.goto(live_server.url + "/").status == 200
    hotline = page.locator(".hotline-section")
    hotline.scroll_into_view_if_needed()
    edges = {
        selector: round(page.locator(selector).first.bounding_box()["x"])
        for selector in ("#hero-title", ".hotline-section h2", "#wards-title", "#sections-title")
    }
    assert len(set(edges.values())) == 1, edges
    assert edges["#hero-title"] >= 12, "text is not flush with the screen's edge"
    assert overflow(page) <= 0
    directory = page.get_by_role("navigation", name="Chuyên mục")
    for label in ("Chỉ số cải cách hành chính", "Kết quả giải quyết thủ tục hành chính"):
        assert directory.get_by_role("link", name=label).count() == 1, label
    save_screenshot(page, f"wayfinding-home-{name}")
    assert_accessible(page, f"wayfinding-home-{name}", impacts=ALL_IMPACTS)
    assert page.console_errors == []


def check_one_stop_charts(live_server, name, page):
    """Close rates show apart; the stacked counts end with counts."""
    assert page.goto(live_server.url + "/ket-qua-giai-quyet-tthc/").status == 200
    month, trend = page.locator("figure.chart").all()[:2]
    # Rates near 100 % are dots on a shorter axis that the chart names in words.
    assert month.locator("circle.chart__dot").count() >= 2
    assert "không từ 0" in month.locator(".chart__note").inner_text()
    dots = [float(c.get_attribute("cx")) for c in month.locator("circle.chart__dot").all()]
    assert max(dots) - min(dots) > 20, "close rates must not sit on top of each other"
    # The trend's stacked bars end with a count of dossiers, never a percentage.
    values = [t.text_content() for t in trend.locator("text.chart__value").all()]
    assert values and not any("%" in v for v in values), values
    assert trend.locator("text.chart__axis-label").text_content() == "Số hồ sơ"
    month.scroll_into_view_if_needed()
    assert overflow(page) <= 0
    save_screenshot(page, f"wayfinding-onestop-{name}")
    assert_accessible(page, f"wayfinding-onestop-{name}", impacts=ALL_IMPACTS)
    assert page.console_errors == []


def check_feedback_focus(live_server, name, page):
    """A form the server sent back with errors puts the focus on its error summary."""
    assert page.goto(live_server.url + "/phan-anh-kien-nghi/").status == 200
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()  # the form checks on the server
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the server's answer; a click returns before it
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    save_screenshot(page, f"wayfinding-feedback-error-{name}", full_page=False)
    assert_accessible(page, f"wayfinding-feedback-error-{name}", impacts=ALL_IMPACTS)
    # Its links lead to the fields.
    first = summary.locator("a").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("'#' + document.activeElement.id") == target
    assert page.console_errors == []


def test_citizen_wayfinding(live_server, transactional_demo_site, screen, settings, tmp_path):
    """One demo load per screen size (a load is the slow part): the menu, the home page's sections, the
    one-stop charts, the feedback form's error focus."""
    from django.core.cache import cache

    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    cache.clear()
    name, page = screen
    check_main_menu(live_server, name, page)
    check_home_sections(live_server, name, page)
    check_one_stop_charts(live_server, name, page)
    check_feedback_focus(live_server, name, page)
