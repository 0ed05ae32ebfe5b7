"""Notice-board sheets printed to A4 PDF in headless Chromium, pages rasterised and looked at, the QR
code decoded back to the live page; the lineage page on a phone."""

import subprocess
from datetime import date

import pytest
from PIL import Image

from tests.a11y import assert_accessible
from tests.conftest import ARTIFACTS_DIR, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _site_on_live_server(live_server):
    """Point the default site at the test server so the page's canonical URL is reachable."""
    from wagtail.models import Site

    from procedures.factories import catalogue

    catalogue()
    host, port = live_server.url.split("//", 1)[1].split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    from home.models import SiteSettings

    settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.unit_name = "Ủy ban nhân dân thành phố Chí Linh"
    settings_obj.address = "Số 104 đường Nguyễn Trãi, phường Sao Đỏ, thành phố Chí Linh"
    settings_obj.email = "phananh@example.invalid"
    settings_obj.hotline_numbers = [("phone", {"label": "Đường dây nóng UBND thành phố", "number": "0220 3882 999"})]
    settings_obj.save()


def _pdf_to_png(pdf_path, stem):
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf_path), str(stem)], check=True)
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def _pdf_pages(pdf_path):
    info = subprocess.run(["pdfinfo", str(pdf_path)], check=True, capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


def test_notice_sheet_prints_on_a4_with_a_qr_code_to_the_live_page(live_server, desktop_page):
    import zxingcpp

    from procedures.factories import make_decision, make_procedure

    _site_on_live_server(live_server)
    page = make_procedure(decision=make_decision("15/QĐ-UBND", date(2026, 3, 2)))
    response = desktop_page.goto(f"{live_server.url}/thu-tuc/niem-yet/{page.pk}/")
    assert response.status == 200
    save_screenshot(desktop_page, "desk-sheet-screen")
    assert_accessible(desktop_page, "desk-sheet")
    out = ARTIFACTS_DIR / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    pdf_path = out / "desk-sheet.pdf"
    desktop_page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
    pages, size = _pdf_pages(pdf_path)
    assert pages == 1, f"a sheet of a short procedure fits one A4 page, got {pages}"
    assert "A4" in size, size
    for old in out.glob("desk-sheet-page-*.png"):
        old.unlink()
    [png] = _pdf_to_png(pdf_path, out / "desk-sheet-page")
    image = Image.open(png)
    assert image.width < image.height  # portrait
    results = zxingcpp.read_barcodes(image)
    urls = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    page.refresh_from_db()
    assert urls == [page.get_full_url()]
    assert urls[0].startswith(live_server.url + "/")  # the live page on this server, not a placeholder
    assert desktop_page.console_errors == []


def test_desk_batch_prints_one_sheet_per_page(live_server, desktop_page):
    from procedures.desk.models import Desk
    from procedures.factories import make_procedure
    from procedures.models import ProcedureLevel

    _site_on_live_server(live_server)
    first = make_procedure(name="Đăng ký khai sinh")
    make_procedure(name="Đăng ký kết hôn")
    desk = Desk.objects.create(name="Bộ phận một cửa phường Sao Đỏ")
    desk.levels.add(ProcedureLevel.objects.get(name="Cấp xã"))
    # The whole board is printed by signed-in staff (password and second factor).
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.signin import login_with_second_factor

    staff = get_user_model().objects.create_superuser("in.niem.yet", "in@example.invalid", "Mat-khau-in-2026!")
    session = login_with_second_factor(Client(), staff).cookies["sessionid"].value
    desktop_page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    desktop_page.goto(f"{live_server.url}/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/in/")
    out = ARTIFACTS_DIR / "screenshots"
    pdf_path = out / "desk-batch.pdf"
    desktop_page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
    pages, _size = _pdf_pages(pdf_path)
    assert pages == 2
    for old in out.glob("desk-batch-page-*.png"):
        old.unlink()
    pngs = _pdf_to_png(pdf_path, out / "desk-batch-page")
    assert len(pngs) == 2
    decoded = [r.text for png in pngs for r in __import__("zxingcpp").read_barcodes(Image.open(png))]
    first.refresh_from_db()
    assert first.get_full_url() in decoded and len(decoded) == 2


def test_lineage_page_on_a_phone(live_server, phone_page):
    from procedures.factories import amend, make_decision, make_procedure

    _site_on_live_server(live_server)
    page = make_procedure(decision=make_decision("100/QĐ-UBND", date(2026, 3, 2)))
    amend(page, make_decision("200/QĐ-UBND", date(2026, 9, 15)), changed_parts="Phí, lệ phí",
          fee="Lệ phí 8.000 đồng/bản")
    response = phone_page.goto(f"{live_server.url}/thu-tuc/lich-su/{page.pk}/")
    assert response.status == 200
    assert phone_page.locator(".lineage-diff .diff__field").all_inner_texts() == ["Phí, lệ phí"]
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    save_screenshot(phone_page, "desk-lineage-phone")
    assert_accessible(phone_page, "desk-lineage-phone")
    assert phone_page.console_errors == []


def test_subscribe_form_on_a_phone(live_server, phone_page):
    from procedures.factories import make_procedure

    _site_on_live_server(live_server)
    page = make_procedure()
    phone_page.goto(f"{live_server.url}/thu-tuc/theo-doi/?thu-tuc={page.pk}")
    phone_page.fill("input[name=email]", "khong-hop-le")
    phone_page.click(".alerts-form button[type=submit]")
    assert "Địa chỉ thư điện tử không hợp lệ" in phone_page.locator(".field-error").first.inner_text()
    save_screenshot(phone_page, "alerts-subscribe-phone")
    assert_accessible(phone_page, "alerts-subscribe-phone")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
