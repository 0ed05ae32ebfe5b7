"""The production stack of scripts/serve, for real: Varnish → gunicorn (3 workers) → SQLite, Redis.

One stack per test session (fixture `stack`), on free ports, in its own folders. Content is made and
published through Wagtail in the stack's own configuration (`scripts/serve manage shell`), then
everything is observed from outside, over HTTP through Varnish, as a citizen or an editor would.
"""

import concurrent.futures
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
SEARCH_SECONDS = 4  # the stack caches search results this long, so the grace test need not wait minutes

# scripts/test runs this module alone (-m stack): one stack, not one per xdist worker.
pytestmark = pytest.mark.stack


sys.path.insert(0, str(ROOT / "scripts"))
import serve  # noqa: E402 - scripts/serve.py, the command under test


class Stack(serve.Background):
    def __init__(self, folder):
        super().__init__(
            # A migrated folder to reuse (scripts/test); not when xdist runs a stack per worker.
            folder / "state",
            (not os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("TTHC_STACK_VAR_DIR")) or folder / "var",
            WEB_CONCURRENCY=3, HTTP_CACHE_SHORT_SECONDS=SEARCH_SECONDS,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )

    def shell(self, code):
        """Run Python in a Django process with the stack's configuration; returns its last line as JSON."""
        result = self.manage("shell", "-c", textwrap.dedent(code))
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    def get(self, path, session=None, **kwargs):
        return (session or requests).get(self.url + path, allow_redirects=False, timeout=30, **kwargs)

    def clear_counters(self):
        """Empty Redis (rate-limit counters), as after an hour."""
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=5) as sock:
            sock.sendall(b"FLUSHDB\r\n")
            assert sock.recv(16).startswith(b"+OK")


SETUP = """
import json
from django.contrib.auth import get_user_model
from home import site_url
from hotline.factories import make_site
from hotline.models import FeedbackTopic
from news.factories import ArticlePageFactory, NewsIndexPageFactory
from news.models import ArticlePage, NewsIndexPage
from procedures.factories import make_procedure
from procedures.models import ProcedurePage

def procedure(code, name):
    # The same pages on every run, published as new (a folder may be reused, see TTHC_STACK_VAR_DIR).
    page = ProcedurePage.objects.filter(code=code).first()
    if page is None:
        return make_procedure(name=name, code=code)
    page.title = page.official_name = name
    page.save_revision().publish()
    return page

home, _wards = make_site()
page = procedure("9.000001", "Đăng ký khai sinh trên cổng thử")
other = procedure("9.000002", "Đăng ký kết hôn trên cổng thử")
index = NewsIndexPage.objects.child_of(home).first() or NewsIndexPageFactory(parent=home)
article = ArticlePage.objects.filter(slug="tin-thu-tren-cong").first()
if article is None:
    article = ArticlePageFactory(parent=index, title="Tin thử trên cổng", slug="tin-thu-tren-cong")
    article.save_revision().publish()
User = get_user_model()
if not User.objects.filter(username="bientap").exists():
    User.objects.create_superuser("bientap", "bientap@example.invalid", "mat-khau-bien-tap-rat-dai")
site_url.apply()  # last: the factories above point the default site at localhost
print(json.dumps({"pk": page.pk, "url": page.url, "code": page.code, "other_pk": other.pk,
                  "other": other.url, "catalogue": page.get_parent().url, "article": article.url,
                  "topic": FeedbackTopic.objects.filter(is_active=True).values_list("pk", flat=True).first()}))
"""


@pytest.fixture(scope="session")
def stack():
    with tempfile.TemporaryDirectory(prefix="tthc-stack-") as folder:
        Path(folder).chmod(0o755)  # Varnish and Redis run as their own users below it
        running = Stack(Path(folder))
        running.start()
        try:
            running.content = running.shell(SETUP)
            yield running
        finally:
            running.stop()


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def warm(stack, path):
    """Fetch until the cache holds the page (the first answer comes from the application)."""
    response = wait_for(lambda: (r := stack.get(path)).headers.get("X-Cache") == "HIT" and r, 10)
    assert response, f"{path} never came from the cache: {stack.get(path).headers}"
    return response


# --- pages for everyone ------------------------------------------------------------------------------


def test_procedure_page_is_served_from_the_cache_without_any_token(stack):
    response = warm(stack, stack.content["url"])
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.text and "csrftoken" not in response.text
    assert "Cookie" not in response.headers.get("Vary", "") and "Accept-Language" not in response.headers.get("Vary", "")
    assert "Surrogate-Control" not in response.headers  # meant for Varnish only


WATCH = """
import json, time, urllib.request

def visible(url, text):
    with urllib.request.urlopen(url, timeout=10) as response:
        return text in response.read().decode()

def watch(url, text, started):
    # Polled from the editor's own process, right after publish() returned.
    while time.monotonic() - started < 5:
        if visible(url, text):
            return time.monotonic() - started
        time.sleep(0.02)
    return None
"""


def test_a_publish_is_visible_through_the_cache_within_one_second(stack):
    page, catalogue = stack.content["url"], stack.content["catalogue"]
    warm(stack, page)
    warm(stack, catalogue)
    title = "Đăng ký khai sinh (đã sửa đổi)"
    timing = stack.shell(WATCH + f"""
from procedures.models import ProcedurePage
page = ProcedurePage.objects.get(pk={stack.content["pk"]})
assert not visible("{stack.url}{page}", "{title}")
page.title = page.official_name = "{title}"
started = time.monotonic()
page.save_revision().publish()
published = time.monotonic()
print(json.dumps({{"publish": published - started, "visible": watch("{stack.url}{page}", "{title}", published)}}))
""")
    assert timing["visible"] is not None, "the change never reached visitors"
    print(f"publish() took {timing['publish']:.2f} s; visible through Varnish {timing['visible']:.3f} s later")
    assert timing["visible"] < 1.0, timing
    listing = stack.get(catalogue)
    assert title in listing.text, "the catalogue lists the new title"


def test_an_unpublished_page_is_gone_from_the_cache(stack):
    url = stack.content["other"]
    warm(stack, url)
    timing = stack.shell(WATCH + f"""
import urllib.error
from procedures.models import ProcedurePage
page = ProcedurePage.objects.get(pk={stack.content["other_pk"]})
page.unpublish()
done = time.monotonic()
while True:
    try:
        urllib.request.urlopen("{stack.url}{url}", timeout=10).read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            break
    if time.monotonic() - done > 5:
        break
    time.sleep(0.02)
print(json.dumps(time.monotonic() - done))
""")
    print(f"unpublished page gone from the cache {timing:.3f} s after unpublish() returned")
    assert timing < 1.0, f"the unpublished page still answered {timing:.2f} s later"
    assert stack.get(url).status_code == 404


# --- editors and citizens never share a page ---------------------------------------------------------


def editor_session(stack):
    session = requests.Session()
    form = stack.get("/quan-tri/login/", session)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = session.post(
        stack.url + "/quan-tri/login/",
        data={"username": "bientap", "password": "mat-khau-bien-tap-rat-dai", "csrfmiddlewaretoken": token},
        allow_redirects=False, timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    assert "sessionid" in session.cookies
    return session


def test_an_editor_never_gets_the_cached_page_and_a_visitor_never_gets_the_editors(stack):
    url = stack.content["url"]
    anonymous = warm(stack, url)
    assert "userbar" not in anonymous.text
    editor = editor_session(stack)
    for _ in range(2):
        mine = stack.get(url, editor)
        assert mine.headers["X-Cache"] == "MISS" and "userbar" in mine.text
        assert "no-store" in mine.headers["Cache-Control"] and "private" in mine.headers["Cache-Control"]
    for _ in range(2):
        theirs = stack.get(url)
        assert theirs.headers["X-Cache"] == "HIT" and "userbar" not in theirs.text


def test_form_pages_carry_each_visitors_own_token_and_are_never_cached(stack):
    tokens = []
    for _ in range(2):
        visitor = requests.Session()
        form = stack.get("/phan-anh-kien-nghi/", visitor)
        assert form.status_code == 200 and form.headers["X-Cache"] == "MISS"
        assert "no-store" in form.headers["Cache-Control"]
        tokens.append((visitor.cookies["csrftoken"],
                       re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)))
    assert tokens[0][0] != tokens[1][0], "two visitors were handed the same CSRF secret"


def feedback_post(stack, session, token):
    data = {
        "name": "Lê Văn Thành", "phone": "0912 345 678", "address": "Tổ 5, khu dân cư Trần Phú",
        "topic": stack.content["topic"], "consent": "on", "website": "", "csrfmiddlewaretoken": token,
        "content": "Tôi nộp hồ sơ đăng ký khai sinh cho con từ thứ Hai nhưng đến nay chưa có kết quả.",
    }
    return session.post(stack.url + "/phan-anh-kien-nghi/", data=data, allow_redirects=False, timeout=30,
                        headers={"Referer": stack.url + "/phan-anh-kien-nghi/"})


def new_form_session(stack):
    session = requests.Session()
    form = stack.get("/phan-anh-kien-nghi/", session)
    return session, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)


def test_feedback_and_its_confirmation_are_never_cached(stack):
    stack.clear_counters()
    session, token = new_form_session(stack)
    sent = feedback_post(stack, session, token)
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/phan-anh-kien-nghi/da-gui/")
    confirmation = stack.get("/phan-anh-kien-nghi/da-gui/", session)
    assert confirmation.status_code == 200 and "PA-" in confirmation.text
    assert confirmation.headers["X-Cache"] == "MISS" and "no-store" in confirmation.headers["Cache-Control"]
    code = re.search(r"PA-[0-9A-Z]{10}", confirmation.text).group(0)
    stranger = stack.get("/phan-anh-kien-nghi/da-gui/")
    assert code not in stranger.text and stranger.status_code == 302  # back to the empty form


def test_the_rate_limit_holds_across_three_workers(stack):
    """30 posts at once from one address, spread over the workers: exactly the configured number pass."""
    limit = stack.shell("""
        import json
        from hotline import limits
        print(json.dumps(limits.submissions.rate[0]))
    """)
    workers = subprocess.run(["pgrep", "-P", open(stack.state / "gunicorn.pid").read().strip()],
                             capture_output=True, text=True).stdout.split()
    assert len(workers) == 3
    stack.clear_counters()
    sessions = [new_form_session(stack) for _ in range(6)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda n: feedback_post(stack, *sessions[n % 6]).status_code, range(30)))
    assert statuses.count(302) == limit, statuses
    assert statuses.count(429) == 30 - limit, statuses


# --- the public address ---------------------------------------------------------------------------------


def test_absolute_urls_carry_the_public_address(stack):
    from procedures.desk.sheets import qr_svg

    page = stack.content["url"]
    sitemap = stack.get("/sitemap.xml").text
    assert f"<loc>{stack.url}{page}</loc>" in sitemap
    assert f"{stack.url}{page}" in stack.get(page).text  # the share link
    article = stack.content["article"]
    html = stack.get(article).text
    assert f'<meta property="og:url" content="{stack.url}{article}">' in html
    assert f'<link rel="canonical" href="{stack.url}{article}">' in html
    sheet = stack.get(f"/thu-tuc/niem-yet/{stack.content['pk']}/").text
    assert str(qr_svg(stack.url + page)) in sheet, "the QR code encodes the public address"
    mail_base = stack.shell("""
        import json
        from procedures.alerts.services import absolute
        print(json.dumps(absolute("/")))
    """)
    assert mail_base == stack.url + "/"


# --- the application down ---------------------------------------------------------------------------------


def test_cached_pages_survive_the_application_and_others_get_a_vietnamese_notice(stack):
    search = "/tim-kiem/?q=khai+sinh"
    warm(stack, search)
    warm(stack, stack.content["url"])
    paused = stack.state / "app.paused"
    paused.touch()
    try:
        master = int((stack.state / "gunicorn.pid").read_text())
        os.kill(master, signal.SIGTERM)
        assert wait_for(lambda: not _listening(stack.app_port), 60), "gunicorn did not stop"
        time.sleep(SEARCH_SECONDS + 3)  # the search page is now past its lifetime; Varnish saw the app go
        stale = stack.get(search)
        assert stale.status_code == 200 and stale.headers["X-Cache"] == "HIT", stale.status_code
        assert stack.get(stack.content["url"]).status_code == 200
        missing = stack.get("/trang-chua-tung-xem/")
        assert missing.status_code == 503
        assert missing.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "tạm thời gián đoạn" in missing.text and "Guru Meditation" not in missing.text
    finally:
        paused.unlink()
    assert wait_for(lambda: stack.get("/trang-chua-tung-xem/").status_code == 404, 120), "the app did not come back"


def _listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
