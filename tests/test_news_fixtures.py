"""Shared fixtures of the news tests, imported by the test_news_* modules.

`news_demo` loads the site shell and the news demo once per test module inside an outer transaction
(as Django's TestCase.setUpTestData does); each test runs in a savepoint and sees the same data.
"""

import io
import sys
from types import SimpleNamespace

import pytest
from django.core.cache import cache


class _Quiet:
    def __init__(self):
        self.stdout = io.StringIO()


def tree_root():
    """Wagtail's root page and root collection (migrations create them; a flushed database has none)."""
    from wagtail.models import Collection

    from home.factories import tree_root as page_tree_root

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return page_tree_root()


def load_news_demo():
    """The home demo (city, 19 wards) and the news demo, without the other apps' content."""
    from home import demo as home_demo
    from home.management.commands.load_demo import DemoContext
    from news import demo as news_demo

    ctx = DemoContext(_Quiet())
    home_demo.load(ctx)
    news_demo.load(ctx)
    return ctx


@pytest.fixture(scope="module")
def news_demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            ctx = load_news_demo()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield SimpleNamespace(home=ctx.home, wards=ctx.wards, ctx=ctx)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    cache.clear()  # Wagtail caches site root paths of the rolled-back pages


def test_news_demo_fixture_builds_the_city_news(news_demo, db):
    from news.models import ArticlePage, NewsIndexPage

    assert NewsIndexPage.objects.child_of(news_demo.home).count() == 1
    assert ArticlePage.objects.live().count() >= 25
