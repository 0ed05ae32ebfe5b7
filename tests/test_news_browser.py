"""News pages in headless Chromium at phone and desktop widths: they render, images and audio load,
nothing overflows a 360 px screen, no serious accessibility violation; screenshots are saved."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import include, path, re_path
from django.views.static import serve

from tests.a11y import assert_accessible
from tests.conftest import save_screenshot
from tests.test_news_fixtures import load_news_demo

# The live server runs with DEBUG off, which serves no uploaded media; these tests serve it so the
# screenshots show the images and the player can load its audio.
urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("config.urls")),
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(__name__)]

PAGES = [
    ("listing", "/tin-tuc/"),
    ("article", "/tin-tuc/nop-ho-so-truc-tuyen-toan-trinh-khong-can-den-tru-so/"),
    ("library", "/van-ban-chi-dao/"),
    ("radio", "/phat-thanh-cchc/so-1-dich-vu-cong-truc-tuyen-toan-trinh/"),
    ("indices", "/chi-so-cai-cach-hanh-chinh/"),
    ("onestop", "/ket-qua-giai-quyet-tthc/"),
]

ALL_IMAGES_LOADED = "Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)"


@pytest.fixture
def news_site(transactional_db):
    return load_news_demo()


def visit_all(page, base, viewport):
    for name, url in PAGES:
        response = page.goto(base + url)
        assert response.status == 200, url
        # Lazy images load when scrolled near; load them all now to check every one of them.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
        page.wait_for_load_state("networkidle")
        assert page.evaluate(ALL_IMAGES_LOADED), f"an image did not load on {url}"
        if viewport == "phone":
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{url} is {overflow}px wider than the phone screen"
        shot = save_screenshot(page, f"news-{name}-{viewport}")
        assert shot.stat().st_size > 10_000
        assert_accessible(page, f"news-{name}-{viewport}")
    assert page.console_errors == []


def test_news_pages_on_a_phone(live_server, news_site, phone_page):
    visit_all(phone_page, live_server.url, "phone")
    # The player plays the real file: the browser reads its duration.
    phone_page.goto(live_server.url + PAGES[3][1])
    duration = phone_page.evaluate(
        """() => new Promise(resolve => {
            const audio = document.querySelector("audio");
            audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
            audio.addEventListener("error", () => resolve(-1), true);
            audio.load();
        })"""
    )
    assert duration > 1
    # Topic chips and share links are large enough to tap (at least 40 px high).
    phone_page.goto(live_server.url + "/tin-tuc/")
    heights = phone_page.eval_on_selector_all(".news-topics__list a", "els => els.map(e => e.offsetHeight)")
    assert heights and min(heights) >= 40


def test_news_pages_on_a_desktop(live_server, news_site, desktop_page):
    visit_all(desktop_page, live_server.url, "desktop")


def test_a_malformed_audio_file_keeps_the_page_usable(live_server, news_site, phone_page):
    from news.models import AudioClip, RadioEpisodePage

    episode = RadioEpisodePage.objects.get(slug="so-2-bo-phan-mot-cua-cap-xa")
    clip = AudioClip(title="Tệp hỏng", mime_type="audio/mpeg", file_size=2000, duration_seconds=60)
    clip.file.save("tep-hong.mp3", ContentFile(b"\x00NOT AUDIO\xff" * 200), save=True)
    try:
        episode.audio = clip
        episode.save_revision().publish()
        response = phone_page.goto(live_server.url + episode.url)
        assert response.status == 200
        phone_page.evaluate("document.querySelector('audio').load()")
        phone_page.wait_for_selector("[data-audio-error]:not([hidden])", timeout=10_000)
        message = phone_page.inner_text("[data-audio-error]")
        assert "Không phát được tệp âm thanh này" in message
        assert phone_page.is_visible("#ban-ghi-loi")
        save_screenshot(phone_page, "news-radio-broken-audio-phone")
        assert_accessible(phone_page, "news-radio-broken-audio-phone")
    finally:
        clip.file.delete(save=False)
