"""What a citizen can trust in headless Chromium (375 px phone and desktop): a notice-board sheet fits
the phone and says when its procedure is no longer in force, the status banner on the page, and the
procedure's print view (no case heading left alone at the foot of a page, no blank first page)."""

import re
import subprocess
from datetime import date

import pytest
from PIL import Image

from tests.a11y import assert_accessible
from tests.conftest import ARTIFACTS_DIR, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone_375(phone_page):
    phone_page.set_viewport_size({"width": 375, "height": 740})  # the phone
    return phone_page


@pytest.fixture
def void_and_valid(db):
    from procedures.factories import add_status_change, catalogue, make_decision, make_procedure
    from procedures.models import ProcedurePage

    catalogue()  # the tree, locale and site a flushed database lacks
    decision = make_decision("31/QĐ-UBND", date(2026, 3, 2))
    valid = make_procedure(
        name="Đăng ký khai sinh có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã", decision=decision
    )
    void = make_procedure(name="Đăng ký khai sinh lưu động", decision=decision)
    add_status_change(void, "abolished", decision=decision, effective_date=date(2026, 3, 10))
    void = ProcedurePage.objects.get(pk=void.pk)
    void.save_revision().publish()
    return valid, void


def _width_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_notice_sheets_fit_a_375px_phone_and_a_void_one_says_so(
    live_server, phone_375, desktop_page, void_and_valid
):
    valid, void = void_and_valid
    for procedure, label in ((valid, "valid"), (void, "void")):
        for browser_page, width in ((phone_375, "phone"), (desktop_page, "desktop")):
            response = browser_page.goto(f"{live_server.url}/thu-tuc/niem-yet/{procedure.pk}/")
            assert response.status == 200
            assert _width_overflow(browser_page) <= 0, f"{label} sheet wider than the {width} screen"
            banner = browser_page.locator(".sheet__void")
            if procedure is void:
                assert banner.is_visible() and "không còn áp dụng, không niêm yết" in banner.inner_text().lower()
            else:
                assert banner.count() == 0
            save_screenshot(browser_page, f"sheet-{label}-{width}")
            assert_accessible(browser_page, f"sheet-{label}-{width}")
            assert browser_page.console_errors == []


def test_void_procedure_page_shows_its_banner_and_offers_no_sheet(
    live_server, phone_375, desktop_page, void_and_valid
):
    _valid, void = void_and_valid
    for browser_page, width in ((phone_375, "phone"), (desktop_page, "desktop")):
        browser_page.goto(live_server.url + void.url)
        banner = browser_page.locator(".status-banner--abolished")
        assert banner.is_visible() and "đã bị bãi bỏ từ ngày 10/03/2026" in banner.inner_text()
        assert browser_page.get_by_role("link", name="In tờ niêm yết (A4)").count() == 0
        assert _width_overflow(browser_page) <= 0
        save_screenshot(browser_page, f"procedure-void-{width}")
        assert_accessible(browser_page, f"procedure-void-{width}")


def _page_texts(pdf_path):
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    )
    return text.stdout.split("\f")


def _inked_share(png):
    """How far down the page its last non-white row of pixels is (0–1)."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    for y in range(height - 1, -1, -1):
        if any(pixels[x, y] < 200 for x in range(0, width, 3)):
            return y / height
    return 0.0


def test_procedure_print_view_keeps_case_headings_with_their_items(
    live_server, desktop_page, transactional_demo_site
):
    from tests.test_procedure_pages import build_catalogue, page_from_record, real_record

    catalogue = build_catalogue(transactional_demo_site)
    from procedures.models import ProcedurePage

    page_obj = ProcedurePage.objects.filter(code="1.012888").first() or page_from_record(
        catalogue, real_record("1.012888")
    )
    desktop_page.goto(live_server.url + page_obj.url)
    headings = [h.strip() for h in desktop_page.locator(".checklist__group > h3").all_inner_texts()]
    assert len(headings) >= 4  # a four-case procedure
    desktop_page.emulate_media(media="print")
    out = ARTIFACTS_DIR / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    pdf_path = out / "procedure-print.pdf"
    desktop_page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
    pages = [p for p in _page_texts(pdf_path) if p.strip()]
    assert len(pages) >= 2
    for number, text in enumerate(pages[:-1], start=1):
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        # A heading wrapped over two lines ends the page with its second part: compare on words.
        assert not any(re.sub(r"\s+", " ", h).endswith(last) for h in headings), (
            f"page {number} ends on «{last}»"
        )
    for old in out.glob("procedure-print-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf_path), str(out / "procedure-print-page")],
                   check=True)  # fmt: skip
    [first] = sorted(out.glob("procedure-print-page-*.png"))
    assert _inked_share(first) > 0.85, "page 1 of the print view is left partly blank"
