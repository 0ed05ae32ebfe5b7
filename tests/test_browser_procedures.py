"""The procedure page and the catalogue in headless Chromium: phone (360 px) and desktop widths, print
(the personal checklist on one A4 page, PDF pages rasterised), accessibility, no console errors."""

import re
import subprocess
import urllib.parse

import pytest

from procedures.checklist import dossier_cases
from procedures.factories import AnnouncingDecisionFactory, OnlineServiceKindFactory, add_status_change
from procedures.models import ProcedurePage
from tests.a11y import assert_accessible
from tests.conftest import ARTIFACTS_DIR, save_screenshot
from tests.test_procedure_pages import build_catalogue, page_from_record, real_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue_site(transactional_demo_site):
    """The demo site plus real procedures: a four-case one (1.012888), a replaced one and its replacement."""
    catalogue = build_catalogue(transactional_demo_site)

    def ensure(code, **overrides):
        existing = ProcedurePage.objects.filter(code=code).first()
        return existing or page_from_record(catalogue, real_record(code), **overrides)

    multi = ensure(
        "1.012888",
        online_service_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.012888",
        online_service_kind=OnlineServiceKindFactory(name="Một phần", is_full_online=False),
    )
    old = ensure("1.001193")
    new = ensure("1.000656")
    decision = AnnouncingDecisionFactory(number="2228/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Hải Dương")
    if old.status != "replaced":
        add_status_change(old, "replaced", decision=decision, effective_date=decision.date, replacement=new)
    return {
        "catalogue": catalogue,
        "multi": multi,
        "replaced": ProcedurePage.objects.get(pk=old.pk),
        "new": new,
    }


def _no_overflow(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the screen"


def _pdf_pages(pdf_path):
    info = subprocess.run(["pdfinfo", str(pdf_path)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    return pages, (float(size.group(1)), float(size.group(2)))


def _rasterise(pdf_path, stem):
    subprocess.run(["pdftoppm", "-r", "90", "-png", str(pdf_path), str(stem)], check=True)
    return sorted(stem.parent.glob(f"{stem.name}*.png"))


def test_procedure_page_on_phone_desktop_and_print(live_server, catalogue_site, phone_page, desktop_page):
    page_obj = catalogue_site["multi"]
    for browser_page, label in ((phone_page, "phone"), (desktop_page, "desktop")):
        response = browser_page.goto(live_server.url + page_obj.url)
        assert response.status == 200
        assert browser_page.locator("h1").inner_text() == page_obj.official_name
        _no_overflow(browser_page)
        # One radio button per case the record publishes, plus "all cases"; each has a visible label.
        cases = [c for c in dossier_cases(page_obj) if c.number]
        assert len(cases) >= 4
        assert browser_page.locator(".case-picker input[type=radio]").count() == len(cases) + 1
        assert browser_page.locator("label[for=truong-hop-1]").inner_text() == cases[0].label
        for section in ("#giay-to", "#cach-thuc", "#noi-nop", "#can-cu"):
            assert browser_page.locator(section).is_visible(), section
        save_screenshot(browser_page, f"procedure-{label}")
        assert_accessible(browser_page, f"procedure-{label}")
        assert browser_page.console_errors == []
    desktop_page.emulate_media(media="print")
    assert desktop_page.locator(".procedure__help").is_hidden()
    assert desktop_page.locator(".case-picker").is_hidden()
    save_screenshot(desktop_page, "procedure-print")


def test_replaced_procedure_banner_links_to_its_replacement_and_back(live_server, catalogue_site, phone_page):
    old, new = catalogue_site["replaced"], catalogue_site["new"]
    phone_page.goto(live_server.url + old.url)
    banner = phone_page.locator(".status-banner--replaced")
    assert "Thủ tục này đã được thay thế" in banner.inner_text()
    _no_overflow(phone_page)
    save_screenshot(phone_page, "procedure-replaced-phone")
    assert_accessible(phone_page, "procedure-replaced-phone")
    banner.get_by_role("link").click()
    phone_page.wait_for_url(f"**{new.url}")
    assert old.title in phone_page.locator(".status-banner--info").inner_text()


def test_personal_checklist_without_javascript_prints_on_one_a4_page(live_server, catalogue_site, chromium):
    page_obj = catalogue_site["multi"]
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="vi-VN"
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + page_obj.url)
        page.locator("label[for=truong-hop-2]").click()
        page.select_option("#case-picker-ward", "phuong-sao-do")
        page.get_by_role("button", name="Xem giấy tờ cần chuẩn bị").click()
        page.wait_for_url("**truong-hop=2**")
        query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert query == {"truong-hop": ["2"], "phuong-xa": ["phuong-sao-do"]}
        rows = page.locator(".checklist__table tbody tr")
        assert rows.count() == 5  # case 2 of the real record has five documents
        assert "Bộ phận một cửa – UBND phường Sao Đỏ" in page.locator(".checklist__facts").inner_text()
        _no_overflow(page)
        save_screenshot(page, "checklist-phone-nojs")  # axe needs JavaScript: checked in the next test

        out = ARTIFACTS_DIR / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        pdf_path = out / "checklist-case-2.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
        pages, (width, height) = _pdf_pages(pdf_path)
        assert pages == 1, f"the personal checklist takes {pages} A4 pages"
        assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 in points
        [png] = _rasterise(pdf_path, out / "checklist-case-2-page")
        assert png.stat().st_size > 20_000
        printed = page.locator("main").inner_text()
        assert "Trình tự thực hiện" not in printed and "Cần hỗ trợ?" not in printed
    finally:
        context.close()


def test_personal_checklist_is_accessible(live_server, catalogue_site, phone_page):
    phone_page.goto(live_server.url + catalogue_site["multi"].url + "?truong-hop=3&phuong-xa=xa-bac-an")
    assert phone_page.locator("#truong-hop-3").is_checked()
    _no_overflow(phone_page)
    save_screenshot(phone_page, "checklist-phone")
    assert_accessible(phone_page, "checklist-phone")
    assert phone_page.console_errors == []


def test_print_button_prints_only_the_checklist(live_server, catalogue_site, desktop_page):
    desktop_page.add_init_script(
        "window.__printed = []; window.print = () => window.__printed.push(document.body.className);"
    )
    desktop_page.goto(live_server.url + catalogue_site["multi"].url)
    assert "print-checklist" not in desktop_page.evaluate("document.body.className")
    desktop_page.get_by_role("link", name="In danh sách giấy tờ").click()
    assert desktop_page.evaluate("window.__printed") == ["page-procedure print-checklist"]
    assert desktop_page.url.endswith(catalogue_site["multi"].url)  # no navigation with JavaScript
    desktop_page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert "print-checklist" not in desktop_page.evaluate("document.body.className")
    assert desktop_page.console_errors == []


def test_catalogue_on_phone_desktop_and_print(live_server, catalogue_site, phone_page, desktop_page):
    url = live_server.url + catalogue_site["catalogue"].url
    phone_page.goto(url)
    # On a phone the filters start folded (JavaScript), so results come first; one tap opens them.
    assert phone_page.locator("details.filters").get_attribute("open") is None
    phone_page.locator("details.filters summary").click()
    phone_page.select_option("#loc-tinh-trang", "tat-ca")
    phone_page.get_by_role("button", name="Lọc").click()
    phone_page.wait_for_url("**tinh-trang=tat-ca**")
    assert phone_page.locator(".procedure-item--inactive").count() >= 1
    assert phone_page.locator("details.filters").get_attribute("open") is not None  # a filter is active
    _no_overflow(phone_page)
    save_screenshot(phone_page, "catalogue-phone")
    assert_accessible(phone_page, "catalogue-phone")
    assert phone_page.console_errors == []

    desktop_page.goto(url)
    assert desktop_page.locator("details.filters").get_attribute("open") is not None
    assert desktop_page.locator(".procedure-item--inactive").count() == 0  # default: in force only
    save_screenshot(desktop_page, "catalogue-desktop")
    assert_accessible(desktop_page, "catalogue-desktop")
    desktop_page.emulate_media(media="print")
    save_screenshot(desktop_page, "catalogue-print")
    assert desktop_page.console_errors == []


def test_recent_changes_page_on_phone(live_server, catalogue_site, phone_page):
    phone_page.goto(live_server.url + "/thu-tuc/moi-cap-nhat/")
    assert "2228/QĐ-UBND" in phone_page.locator("h2").first.inner_text()
    _no_overflow(phone_page)
    save_screenshot(phone_page, "recent-changes-phone")
    assert_accessible(phone_page, "recent-changes-phone")
