"""Feedback in headless Chromium at phone width: form, confirmation, look-up, answers; the form without JS."""

import re

import pytest
from playwright.sync_api import expect

from hotline.factories import sample_pdf
from hotline.models import FeedbackSubmission
from tests.a11y import assert_accessible
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    from django.core.cache import cache

    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    cache.clear()


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def fill_form(page, tmp_path, attach=True):
    page.locator("#id_name").fill("Đỗ Thị Hoa")
    page.locator("#id_phone").fill("0912 345 678")
    page.locator("#id_email").fill("hoa.do@example.com")
    page.locator("#id_address").fill("Khu dân cư Trần Hưng Đạo")
    page.locator("#id_topic").select_option(label="Hộ tịch, chứng thực")
    page.locator("#id_ward").select_option(label="Phường Sao Đỏ")
    page.locator("#id_content").fill(
        "Tôi nộp hồ sơ trích lục khai sinh đã quá ngày hẹn nhưng chưa nhận được kết quả."
    )
    if attach:
        pdf = tmp_path / "bien-nhan.pdf"
        pdf.write_bytes(sample_pdf())
        page.locator("#id_attachment_1").set_input_files(str(pdf))
    page.locator("#id_consent").check()


def test_form_confirmation_and_lookup_on_a_phone(live_server, transactional_demo_site, phone_page, tmp_path):
    page = phone_page
    assert page.goto(live_server.url + "/phan-anh-kien-nghi/").status == 200
    assert page.locator("h1").inner_text() == "Gửi phản ánh, kiến nghị"
    assert no_overflow(page)
    assert not page.locator("input[name=website]").is_visible()  # honeypot hidden from people
    save_screenshot(page, "feedback-form-phone")
    assert_accessible(page, "feedback-form-phone")

    fill_form(page, tmp_path)
    broken = tmp_path / "anh-hong.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)  # a JPEG header and nothing else
    page.locator("#id_attachment_2").set_input_files(str(broken))
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    summary = page.locator(".error-summary")
    assert "«anh-hong.jpg»" in summary.inner_text() and "bị hỏng" in summary.inner_text()
    assert page.locator("#id_name").input_value() == "Đỗ Thị Hoa"
    assert no_overflow(page)
    save_screenshot(page, "feedback-form-errors-phone")
    assert_accessible(page, "feedback-form-errors-phone")

    fill_form(page, tmp_path)  # files must be chosen again after a refused upload
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    page.wait_for_url("**/phan-anh-kien-nghi/da-gui/")
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"PA-[0-9A-Z]{10}", code)
    stored = FeedbackSubmission.objects.get(tracking_code=code)
    assert stored.attachments.count() == 1 and stored.ward.slug == "phuong-sao-do"
    assert no_overflow(page)
    save_screenshot(page, "feedback-confirmation-phone")
    assert_accessible(page, "feedback-confirmation-phone")

    page.get_by_role("link", name="Tra cứu kết quả").first.click()
    assert page.get_by_label("Mã tra cứu").input_value() == code
    page.get_by_label("4 số cuối của số điện thoại đã khai").fill("5678")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".lookup-result").get_by_text("Đã tiếp nhận")).to_be_visible()  # waits for the answer
    assert no_overflow(page)
    save_screenshot(page, "feedback-lookup-phone")
    assert_accessible(page, "feedback-lookup-phone")
    assert page.console_errors == []


def test_published_answers_and_hotline_page_on_a_phone(live_server, transactional_demo_site, phone_page):
    page = phone_page
    assert page.goto(live_server.url + "/phan-anh-kien-nghi/da-tra-loi/").status == 200
    assert page.locator(".answer-card").count() >= 5
    save_screenshot(page, "feedback-answers-phone")
    assert_accessible(page, "feedback-answers-phone")
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**linh-vuc=**")
    assert page.locator(".answer-card").count() == 1

    page.locator(".answer-card a").first.click()
    expect(page.locator("h2", has_text="Trả lời của")).to_be_visible()
    assert no_overflow(page)
    save_screenshot(page, "feedback-answer-phone")
    assert_accessible(page, "feedback-answer-phone")

    assert page.goto(live_server.url + "/phuong-sao-do/duong-day-nong/").status == 200
    assert page.locator("a[href^='tel:']").count() >= 3
    assert no_overflow(page)
    save_screenshot(page, "hotline-ward-phone")
    assert_accessible(page, "hotline-ward-phone")
    assert page.console_errors == []


def test_form_works_without_javascript(
    live_server, transactional_demo_site, chromium, tmp_path
):
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        before = FeedbackSubmission.objects.count()
        page.goto(live_server.url + "/phan-anh-kien-nghi/")
        fill_form(page, tmp_path, attach=False)
        bad = tmp_path / "don.pdf"
        bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)  # an executable renamed .pdf
        page.locator("#id_attachment_2").set_input_files(str(bad))
        page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()  # a click returns before the server's answer arrives
        assert "«don.pdf»" in summary.inner_text()
        assert page.locator("#id_name").input_value() == "Đỗ Thị Hoa"  # nothing typed was lost
        assert FeedbackSubmission.objects.count() == before
        save_screenshot(page, "feedback-form-errors-nojs-phone")

        page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
        page.wait_for_url("**/phan-anh-kien-nghi/da-gui/")
        assert page.locator(".tracking-code").inner_text().startswith("PA-")
        assert FeedbackSubmission.objects.count() == before + 1
    finally:
        context.close()
