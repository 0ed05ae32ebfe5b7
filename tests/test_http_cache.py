"""Cache headers per page type, and the purge rules, in-process (the real stack: test_serve_stack.py).

Purges are sent by core.frontcache.VarnishBackend over HTTP to a small listener that records them.
"""

import http.server
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import Site

from procedures.factories import make_procedure

pytestmark = pytest.mark.django_db


def surrogate_seconds(response):
    match = re.search(r"max-age=(\d+)", response.get("Surrogate-Control", ""))
    return int(match.group(1)) if match else None


def assert_private(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")
    assert not response.has_header("Surrogate-Control")


# --- headers ----------------------------------------------------------------------------------------


def test_procedure_page_is_public_and_the_same_for_everyone(client, settings):
    page = make_procedure()
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_BROWSER_SECONDS}"
    assert surrogate_seconds(response) == settings.HTTP_CACHE_SECONDS
    assert not response.cookies, "a cacheable page must not set a cookie"
    vary = response.get("Vary", "").lower()
    assert "cookie" not in vary and "accept-language" not in vary
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html and 'action="/thu-tuc/danh-gia/' in html


def test_a_visitor_with_a_csrf_cookie_gets_the_same_public_page(client):
    page = make_procedure()
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(page.url)
    assert surrogate_seconds(response) is not None and not response.cookies


def test_an_editor_gets_private_pages(client):
    page = make_procedure()
    editor = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "mat-khau-rat-dai-1")
    client.force_login(editor)
    assert_private(client.get(page.url))
    assert_private(client.get("/quan-tri/"))


def test_forms_and_their_results_are_never_cached(client):
    make_procedure()
    form = client.get("/phan-anh-kien-nghi/")
    assert form.status_code == 200 and "no-store" in form["Cache-Control"]
    assert not form.has_header("Surrogate-Control")
    assert "csrftoken" in form.cookies  # the form page carries this visitor's token
    assert_private(client.get("/thu-tuc/theo-doi/"))  # alert subscription form
    lookup = client.get("/phan-anh-kien-nghi/tra-cuu/")
    assert "no-store" in lookup["Cache-Control"] and not lookup.has_header("Surrogate-Control")


def test_posts_are_private(client):
    page = make_procedure()
    response = Client(HTTP_ORIGIN="http://testserver").post(f"/thu-tuc/danh-gia/{page.pk}/", {"useful": "1"})
    assert response.status_code == 302
    assert_private(response)


def test_search_is_cached_briefly_and_unknown_views_not_at_all(client, settings):
    make_procedure()
    search = client.get("/tim-kiem/", {"q": "khai sinh"})
    assert search.status_code == 200 and surrogate_seconds(search) == settings.HTTP_CACHE_SHORT_SECONDS
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404 and surrogate_seconds(missing) == 60
    # A view no app declared cacheable (the two-factor step) stays private.
    assert_private(client.get("/tai-khoan/xac-thuc-hai-lop/"))


def test_feeds_and_sitemap_are_public(client):
    make_procedure()
    for url in ("/thu-tuc/moi-cap-nhat/", "/thu-tuc/moi-cap-nhat/rss/", "/sitemap.xml", "/robots.txt"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert surrogate_seconds(response), url


# --- purge rules ---------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    """Paths purged through the real backend; the test's own set-up (a new site) is sent and forgotten
    by `settled()`, since a test runs in one transaction."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "core.frontcache.VarnishBackend", "LOCATION": f"http://127.0.0.1:{server.server_port}"}
    }
    yield server.paths
    server.shutdown()
    server.server_close()


def covered(path, purges):
    """A purge of `path` itself, or of a subtree ("/x/*") holding it."""
    return path in purges or any(p.endswith("*") and path.startswith(p[:-1]) for p in purges)


def settled(purges, capture, make):
    """Run `make()` and send its purges (a new site purges everything), then start recording afresh."""
    with capture(execute=True):
        made = make()
    purges.clear()
    return made


def test_publishing_a_procedure_purges_it_and_every_list_that_shows_it(purges, django_capture_on_commit_callbacks):
    def make():
        other = make_procedure(name="Đăng ký kết hôn")
        page = make_procedure(name="Đăng ký khai tử")
        other.related_procedures.add(page)
        other.save_revision().publish()
        return other, page

    other, page = settled(purges, django_capture_on_commit_callbacks, make)
    index_page = page.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert purges, "nothing was purged"
    paths = set(purges)
    catalogue = index_page.url
    assert page.url in paths and catalogue in paths and "/" in paths
    assert {"/sitemap.xml", "/thu-tuc/moi-cap-nhat/", "/thu-tuc/moi-cap-nhat/rss/", "/api/thu-tuc/"} <= paths
    assert f"/thu-tuc/{page.code}/" in paths and f"/api/thu-tuc/{page.code}/" in paths
    assert other.url in paths, "a procedure that links to it shows its title"
    assert "/*" not in paths, "one procedure must not empty the whole cache"


def test_unpublish_move_and_delete_purge_the_old_address(purges, django_capture_on_commit_callbacks):
    page = settled(purges, django_capture_on_commit_callbacks, make_procedure)
    old_url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert old_url in purges
    purges.clear()

    from procedures.models import ProcedureIndexPage

    def second_catalogue():
        index = ProcedureIndexPage(title="Danh mục thứ hai", slug="danh-muc-thu-hai")
        page.get_parent().get_parent().add_child(instance=index)
        index.save_revision().publish()
        return index

    index = settled(purges, django_capture_on_commit_callbacks, second_catalogue)
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(index, pos="last-child")
    page.refresh_from_db()
    assert old_url + "*" in purges and covered(page.url, purges) and index.url in purges
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert page.url + "*" in purges and index.url in purges
    assert not covered("/thu-tuc/moi-cap-nhat/thang/", purges), "only what showed the page"


def test_a_reference_change_purges_the_whole_catalogue_and_site_settings_everything(
    purges, django_capture_on_commit_callbacks
):
    page = settled(purges, django_capture_on_commit_callbacks, make_procedure)
    with django_capture_on_commit_callbacks(execute=True):
        page.field.name = "Hộ tịch (đổi tên)"
        page.field.save()
    assert page.get_parent().url + "*" in purges
    purges.clear()
    from home.models import SiteSettings

    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.for_site(Site.objects.get(is_default_site=True)).save()
    assert purges == ["/*"]


def test_one_transaction_sends_one_batch_and_a_large_one_empties_the_cache(
    purges, settings, django_capture_on_commit_callbacks
):
    pages = settled(
        purges, django_capture_on_commit_callbacks, lambda: [make_procedure(name=f"Thủ tục {n}") for n in range(3)]
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for page in pages:
            page.save_revision().publish()
    assert len(purges) == len(set(purges)), "each path once per transaction"
    assert len(callbacks) >= 1
    purges.clear()
    settings.FRONTEND_CACHE_MAX_PATHS = 5
    with django_capture_on_commit_callbacks(execute=True):
        for page in pages:
            page.save_revision().publish()
    assert purges == ["/*"]


def test_a_stuck_cache_node_does_not_hold_up_publishing(settings, django_capture_on_commit_callbacks):
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts the connection, never answers
    settings.WAGTAILFRONTENDCACHE = {
        "stuck": {"BACKEND": "core.frontcache.VarnishBackend", "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
                  "TIMEOUT": 0.5}
    }
    page = make_procedure()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert time.monotonic() - started < 5
    silent.close()


# --- the public address ------------------------------------------------------------------------------


@override_settings(SITE_URL="https://tthc.example.vn")
def test_the_public_address_reaches_sitemap_share_links_and_mail(client):
    from django.core.management import call_command

    from procedures.alerts.services import base_url

    page = make_procedure()
    call_command("set_site_url", stdout=open("/dev/null", "w"))
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("tthc.example.vn", 443, "https://tthc.example.vn")
    cache.clear()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="tthc.example.vn", secure=True).content.decode()
    assert f"<loc>https://tthc.example.vn{page.url}</loc>" in sitemap
    html = client.get(page.url, HTTP_HOST="tthc.example.vn", secure=True).content.decode()
    assert f"https://tthc.example.vn{page.url}" in html
    assert base_url() == "https://tthc.example.vn"  # alert e-mails' links


def test_set_site_url_refuses_an_address_wagtail_cannot_hold():
    from django.core.management import CommandError, call_command

    make_procedure()
    with pytest.raises(CommandError, match="443"):
        call_command("set_site_url", "https://tthc.example.vn:8443")


# --- media ----------------------------------------------------------------------------------------------


def test_media_view_serves_public_folders_only(settings, tmp_path, rf):
    from django.http import Http404

    from core import media

    settings.MEDIA_ROOT = tmp_path
    for name in ("images/a.jpg", "documents/private.pdf", "tthc-imports/upload.xlsx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"data")
    response = media.serve(rf.get("/media/images/a.jpg"), "images/a.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    for refused in ("documents/private.pdf", "tthc-imports/upload.xlsx", "images/../documents/private.pdf",
                    "images/missing.jpg"):
        with pytest.raises(Http404):
            media.serve(rf.get("/media/" + refused), refused)


def test_life_event_pages_are_public_and_purged_with_their_events_and_procedures(
    client, purges, django_capture_on_commit_callbacks
):
    """"Tôi muốn…" pages were the heaviest public pages left uncached (60 ms each in-process)."""
    from procedures.models import LifeEvent, LifeEventProcedure

    def make():
        page = make_procedure(name="Đăng ký khai sinh")
        event = LifeEvent.objects.create(title="Sinh con", slug="sinh-con", lead="Khi có em bé.", search_query="khai sinh")
        LifeEventProcedure.objects.create(event=event, procedure=page, sort_order=0)
        return event, page

    event, page = settled(purges, django_capture_on_commit_callbacks, make)
    urls = ("/thu-tuc/toi-muon/", event.get_url())
    # The first visit creates the site settings (a purge of everything): sent and forgotten here.
    responses = settled(purges, django_capture_on_commit_callbacks, lambda: [client.get(url) for url in urls])
    for url, response in zip(urls, responses, strict=True):
        assert response.status_code == 200 and surrogate_seconds(response), url
        assert not response.cookies and "cookie" not in response.get("Vary", "").lower(), url

    with django_capture_on_commit_callbacks(execute=True):
        event.lead = "Khi gia đình có thêm em bé."
        event.save()
    assert covered(event.get_url(), purges) and covered("/thu-tuc/toi-muon/", purges) and "/" in purges
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert covered(event.get_url(), purges), "an event lists the procedure's name and status"
