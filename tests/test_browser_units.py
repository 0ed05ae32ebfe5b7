"""Ward home page and the home-affairs report in headless Chromium; the admin editor still runs
under the content security policy."""

import pytest
from django.contrib.auth import get_user_model

from home.models import WardHomePage
from tests.a11y import assert_accessible
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-kiểm-thử-2026"


def sign_in(page, base_url):
    """Password, then the second factor from an authenticator app, as every admin account signs in."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_superuser("quantri.thu", "qt@example.invalid", PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    page.goto(base_url + "/quan-tri/login/")
    page.fill("#id_username", "quantri.thu")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/tai-khoan/xac-thuc-hai-lop/**")
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.fill("#id_token", f"{token:06d}")
    page.click("form.section button[type=submit]")
    page.wait_for_url(base_url + "/quan-tri/")


def test_ward_home_page_with_duty_staff_and_former_names(live_server, transactional_demo_site, phone_page):
    ward = WardHomePage.objects.get(slug="phuong-sao-do")
    ward.former_names = "Phường Văn Đức"
    ward.map_url = (
        "https://www.openstreetmap.org/search?query=UBND%20ph%C6%B0%E1%BB%9Dng%20Sao%20%C4%90%E1%BB%8F"
    )
    ward.duty_staff = [
        (
            "staff",
            {
                "position": "Công chức Tư pháp – Hộ tịch",
                "name": "",
                "schedule": "Thứ Hai – thứ Sáu",
                "phone": "",
            },
        ),
        (
            "staff",
            {
                "position": "Công chức Địa chính – Xây dựng",
                "name": "",
                "schedule": "Thứ Ba, thứ Năm",
                "phone": "",
            },
        ),
    ]
    ward.save_revision().publish()
    response = phone_page.goto(live_server.url + "/phuong-sao-do/")
    assert response.status == 200
    text = phone_page.locator("main").inner_text()
    assert "Trước đây là: Phường Văn Đức" in text
    assert "Cán bộ trực Bộ phận một cửa" in text and "Công chức Tư pháp – Hộ tịch" in text
    assert "Xem đường đi đến trụ sở" in text
    assert (
        "Content-Security-Policy" in {k.title() for k in response.headers}
        or "content-security-policy" in response.headers
    )
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    save_screenshot(phone_page, "units-ward-phone")
    assert_accessible(phone_page, "units-ward-phone")
    assert phone_page.console_errors == []


def test_report_page_and_admin_editor_under_csp(live_server, transactional_demo_site, desktop_page):
    sign_in(desktop_page, live_server.url)
    response = desktop_page.goto(live_server.url + "/quan-tri/bao-cao/?ky=year&nam=2026")
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    assert desktop_page.locator("table.listing").first.is_visible()
    assert desktop_page.locator("svg.report-chart").count() == 2
    save_screenshot(desktop_page, "units-report-desktop")
    assert_accessible(desktop_page, "units-report-desktop")

    # The page editor loads and runs its scripts under the policy: no CSP violations, and the
    # StreamField widget (built by Wagtail's JavaScript) is on the page.
    ward = WardHomePage.objects.get(slug="phuong-sao-do")
    desktop_page.console_errors.clear()
    response = desktop_page.goto(live_server.url + f"/quan-tri/pages/{ward.pk}/edit/")
    assert response.status == 200
    desktop_page.wait_for_load_state("networkidle")
    assert desktop_page.evaluate("typeof window.telepath") == "object"
    assert desktop_page.locator("[data-streamfield-stream-container]").count() >= 1
    csp_errors = [e for e in desktop_page.console_errors if "Content Security Policy" in e]
    assert csp_errors == []
    save_screenshot(desktop_page, "units-admin-edit-desktop", full_page=False)


def horizontal_overflow(page):
    """How far the page overflows sideways: the document, and Wagtail's main column, which scrolls
    on its own and clips (overflow-x: hidden) what is wider than the screen."""
    return page.evaluate(
        """() => {
            const main = document.querySelector("main");
            return Math.max(
                document.documentElement.scrollWidth - window.innerWidth,
                main ? main.scrollWidth - main.clientWidth : 0,
            );
        }"""
    )


def test_report_page_fits_a_phone_and_its_tables_scroll_by_keyboard(
    live_server, transactional_demo_site, phone_page
):
    """On a 360–400 px admin the page itself never scrolls sideways; each wide table scrolls inside a
    labelled region that takes keyboard focus, so it can be read without a mouse (WCAG 2.1.1, 1.4.10)."""
    sign_in(phone_page, live_server.url)
    response = phone_page.goto(live_server.url + "/quan-tri/bao-cao/?ky=year&nam=2026")
    assert response.status == 200
    width = phone_page.evaluate("window.innerWidth")
    assert width == 360
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert horizontal_overflow(phone_page) <= 0

    assert phone_page.locator(".report-table-scroll").count() == 2  # the figures and the plan
    assert phone_page.locator(".report-chart-scroll").count() == 2
    regions = phone_page.locator(".report-table-scroll, .report-chart-scroll")
    for i in range(regions.count()):
        region = regions.nth(i)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label")
        assert region.get_attribute("tabindex") == "0"
        region.scroll_into_view_if_needed()
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # The figures table is wider than the phone: it scrolls inside its region, by keyboard too.
    figures = phone_page.locator(".report-table-scroll").first
    assert figures.evaluate("el => el.scrollWidth > el.clientWidth")
    figures.scroll_into_view_if_needed()
    save_screenshot(phone_page, "units-report-phone-table", full_page=False)
    figures.focus()
    assert phone_page.evaluate("document.activeElement.classList.contains('report-table-scroll')")
    outline = figures.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused region shows no focus indicator"
    phone_page.keyboard.press("ArrowRight")
    phone_page.keyboard.press("ArrowRight")
    phone_page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    assert horizontal_overflow(phone_page) <= 0
    save_screenshot(phone_page, "units-report-phone-scrolled", full_page=False)
    # Chart labels keep a readable size: the chart scrolls rather than shrinks.
    chart = phone_page.locator(".report-chart-scroll svg").first
    assert chart.bounding_box()["width"] >= 600
    assert_accessible(phone_page, "units-report-phone")
    assert phone_page.console_errors == []

    # 400 px too, and the whole page in one picture: the main column scrolls, not the document,
    # so the viewport is made as tall as the content.
    phone_page.set_viewport_size({"width": 400, "height": 740})
    assert horizontal_overflow(phone_page) <= 0
    height = phone_page.evaluate("document.querySelector('main').scrollHeight")
    phone_page.set_viewport_size({"width": 400, "height": min(height, 12000)})
    assert horizontal_overflow(phone_page) <= 0
    save_screenshot(phone_page, "units-report-phone", full_page=False)
