"""Shared fixtures: the real Elasticsearch, the demo site, and headless Chromium."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.signin import login_with_second_factor

# Playwright's sync API keeps an event loop in the test thread; Django's ORM is still used
# synchronously there, which is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS_DIR = Path(os.environ.get("ARTIFACTS_DIR", Path(__file__).resolve().parents[1] / "artifacts"))


def pytest_collection_modifyitems(config, items):
    """Long forms (marker `slow`) run only when asked for by name: `-m slow`."""
    expression = config.option.markexpr or ""
    if "slow" in expression and "not slow" not in expression:
        return
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="long form: run with -m slow"))


def pytest_report_header(config):
    from django.db import connection

    from search import engine

    lines = [f"database: {connection.vendor}"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
            lines[0] += f" {cursor.fetchone()[0]}"
    except Exception as exc:  # the header must never stop the run
        lines[0] += f" (not reachable before test setup: {type(exc).__name__})"
    lines.append(
        f"elasticsearch: {settings.ELASTICSEARCH_URL or 'not configured'} "
        f"version {engine.server_version() or 'unreachable'}"
    )
    return lines


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database it sees was rolled back or flushed, so
    entries cached by an earlier test (site, menu, settings; see core.cache) describe rows
    that may no longer exist."""
    from django.core.cache import cache

    from core import cache as site_cache

    cache.clear()
    site_cache.forget()
    yield


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in with both factors."""
    return login_with_second_factor(client, admin_user)


@pytest.fixture
def es_client():
    """The real engine. Search tests fail, never skip, when it is missing."""
    from search import engine

    assert settings.ELASTICSEARCH_URL, "ELASTICSEARCH_URL is not set: run the suite with scripts/test"
    assert engine.server_version(), f"Elasticsearch at {settings.ELASTICSEARCH_URL} does not answer"
    return engine.get_client()


@pytest.fixture
def demo_site(db):
    """The site shell of the demo (city home, 19 wards) without the bulk procedure data."""
    from django.core.management import call_command

    call_command("load_demo", procedures_limit=12, stdout=open(os.devnull, "w"))
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def transactional_demo_site(transactional_db):
    from django.core.management import call_command

    call_command("load_demo", procedures_limit=12, stdout=open(os.devnull, "w"))
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    assert Path(executable).exists(), f"Chromium not found at {executable} (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _browser_page(chromium, **options):
    """A page in a new Vietnamese-locale context that records console errors and page errors."""
    context = chromium.new_context(locale="vi-VN", **options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return context, page


@pytest.fixture
def phone_page(chromium):
    """A 360×740 phone viewport that records console errors and failed requests."""
    context, page = _browser_page(chromium, viewport={"width": 360, "height": 740}, device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium):
    context, page = _browser_page(chromium, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def feedback_storage(settings, tmp_path):
    """Feedback attachments in a private folder of the test's own, and counters (rate limits) reset."""
    from django.core.cache import cache

    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()


def save_screenshot(page, name, full_page=True):
    """Screenshots are test artifacts, kept under artifacts/screenshots/."""
    target = ARTIFACTS_DIR / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=full_page)
    return target
