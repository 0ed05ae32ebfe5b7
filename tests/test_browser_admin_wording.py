"""The admin as an editor sees it in Chromium: words drawn by JavaScript in Vietnamese, and the completeness
console's filters with each label above its own control (desktop and phone)."""

import pytest

from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = ["Collapse all", "Expand all", "new item in this menu", "new items in this menu", "Snippets", "True", "None"]


def _procedures(*names):
    """Procedures in a tree a transactional test may have flushed (locale and catalogue made again)."""
    from django.conf import settings
    from wagtail.models import Locale

    from procedures.factories import catalogue, make_procedure

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    catalogue()
    return [make_procedure(name=name) for name in names]


def _signed_in(page, live_server):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.signin import login_with_second_factor

    editor = get_user_model().objects.create_superuser("bien.tap", "bt@example.invalid", "Mat-khau-bien-tap-2026!")
    session = login_with_second_factor(Client(), editor).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def _text(page):
    """What the editor reads, tooltips and labels read aloud included."""
    return page.evaluate(
        """() => document.body.innerText + "\\n" + [...document.querySelectorAll('[aria-label],[title]')]
            .map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '')).join('\\n')"""
    )


def test_page_editor_is_vietnamese(live_server, desktop_page):
    (procedure,) = _procedures("Đăng ký khai sinh")
    _signed_in(desktop_page, live_server)
    desktop_page.goto(f"{live_server.url}/quan-tri/pages/{procedure.pk}/edit/")
    desktop_page.wait_for_selector("[data-w-panel-target], .w-panel", timeout=30_000)
    toggle = desktop_page.locator("button", has_text="Thu gọn tất cả")
    assert toggle.count() >= 1
    text = _text(desktop_page)
    save_screenshot(desktop_page, "admin-editor-vietnamese", full_page=False)
    for english in ENGLISH:
        assert english not in text, english
    assert desktop_page.console_errors == []


def test_listings_and_reports_say_it_in_vietnamese(live_server, desktop_page):
    from django.urls import reverse

    from procedures.desk.models import Desk
    from search.models import SearchSynonym

    _procedures("Đăng ký khai sinh")
    Desk.objects.create(name="Bộ phận một cửa phường Sao Đỏ")
    SearchSynonym.objects.all().delete()
    SearchSynonym.objects.create(phrases="sổ đỏ\ngiấy chứng nhận quyền sử dụng đất", is_active=True)
    _signed_in(desktop_page, live_server)
    screens = {
        "synonyms": (reverse(SearchSynonym.snippet_viewset.get_url_name("list")), "sổ đỏ"),
        "desk": (reverse(Desk.snippet_viewset.get_url_name("list")), "Mục dữ liệu"),
        "aging": (reverse("wagtailadmin_reports:aging_pages"), "Đăng ký khai sinh"),
        "page-search": (reverse("wagtailadmin_pages:search") + "?q=khai+sinh", "trong tổng số 1 trang"),
        "import": (reverse("nhap-thu-tuc:index"), "phụ lục mẫu (Excel)"),
    }
    for name, (url, expected) in screens.items():
        response = desktop_page.goto(live_server.url + url)
        assert response.status == 200, name
        text = _text(desktop_page)
        save_screenshot(desktop_page, f"admin-wording-{name}", full_page=False)
        assert expected in text, (name, expected)
        for english in ENGLISH + ["docs/", "procedures/importing"]:
            assert english not in text, (name, english)
    assert desktop_page.console_errors == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_console_labels_sit_above_their_controls(live_server, viewport, request):
    page = request.getfixturevalue(f"{viewport}_page")
    _procedures("Đăng ký khai sinh", "Cấp bản sao trích lục hộ tịch")
    _signed_in(page, live_server)
    response = page.goto(f"{live_server.url}/quan-tri/kiem-tra-thu-tuc/")
    assert response.status == 200
    save_screenshot(page, f"admin-console-filters-{viewport}", full_page=False)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.desk-console-filters label[for]')].map(label => {
            const control = document.getElementById(label.htmlFor);
            const l = label.getBoundingClientRect(), c = control.getBoundingClientRect();
            return {name: label.textContent.trim(), labelBottom: l.bottom, labelLeft: l.left, labelHeight: l.height,
                    controlTop: c.top, controlLeft: c.left};
        })"""
    )
    assert [b["name"] for b in boxes] == [
        "Sắp xếp thủ tục", "Lĩnh vực", "Cấp thực hiện", "Thiếu thành phần", "Sắp xếp quyết định"
    ]
    for box in boxes:
        assert box["labelBottom"] <= box["controlTop"] + 1, box  # above its control, never after it
        assert abs(box["labelLeft"] - box["controlLeft"]) < 2, box  # in the same column
        assert box["labelHeight"] < 30, box  # on one line, not wrapped
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
