"""A department page and a theme page in headless Chromium, on a 375 px phone and a desktop screen:
no sideways scrolling, no console errors, no axe-core finding of any impact."""

import pytest

from home.models import DepartmentPage
from news.models import ThemePage
from tests.a11y import assert_accessible
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ANY_IMPACT = ("minor", "moderate", "serious", "critical")


def test_department_and_theme_pages_on_phone_and_desktop(live_server, transactional_demo_site, phone_page, desktop_page):
    department = DepartmentPage.objects.get(slug="phong-tu-phap")
    theme = ThemePage.objects.child_of(department).get()
    city_theme = ThemePage.objects.get(slug="phong-chong-tham-nhung")
    phone_page.set_viewport_size({"width": 375, "height": 812})
    for screen, page in (("phone", phone_page), ("desktop", desktop_page)):
        response = page.goto(live_server.url + department.url)
        assert response.status == 200
        main = page.locator("main").inner_text()
        assert "Chức năng, nhiệm vụ" in main and "Liên hệ" in main and theme.title in main
        assert page.locator(f'main a[href="{theme.url}"]').count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        save_screenshot(page, f"departments-department-{screen}")
        assert_accessible(page, f"departments-department-{screen}", impacts=ANY_IMPACT)

        # From the department to its theme, as a reader would.
        page.locator(f'main a[href="{theme.url}"]').first.click()
        page.wait_for_url(live_server.url + theme.url)
        main = page.locator("main").inner_text()
        assert "Tin, bài thuộc chuyên đề" in main and "Đơn vị phụ trách: Phòng Tư pháp" in main
        assert page.locator("main .news-list > li").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        save_screenshot(page, f"departments-theme-{screen}")
        assert_accessible(page, f"departments-theme-{screen}", impacts=ANY_IMPACT)

        response = page.goto(live_server.url + city_theme.url)
        assert response.status == 200
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        save_screenshot(page, f"departments-city-theme-{screen}")
        assert_accessible(page, f"departments-city-theme-{screen}", impacts=ANY_IMPACT)
        assert page.console_errors == []
